import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { anyLeftWithout, Reauthenticate, SignInMethods } from "../accounts/index.js";
import { ExternalIdentityRepository } from "./external-identity.repository.js";

/**
 * Unbinds one of the user's external identities, after re-authentication (the password when
 * they have one, the second factor when it is on). The last way to sign in cannot go: with no
 * password, a passkey or another identity must stay. Counted and deleted in one transaction
 * under the user's lock, so two removals at once (an unbind, a passkey) cannot both pass.
 */
@injectable()
export class UnbindExternalIdentity {
  constructor(
    @inject(ExternalIdentityRepository) private readonly identities: ExternalIdentityRepository,
    @inject(Reauthenticate) private readonly reauthenticate: Reauthenticate,
    @inject(SignInMethods) private readonly methods: SignInMethods,
    @inject(TOKENS.Database) private readonly db: Database,
  ) {}

  async execute(caller: { userId: string; sessionId: string }, identityId: string, given: { password?: string; code?: string }, ip: string): Promise<void> {
    await this.reauthenticate.execute(caller, ip, given);
    await this.db.transaction(async (trx) => {
      const left = await this.methods.lockAndCount(caller.userId, trx);
      if (!(await this.identities.delete(caller.userId, identityId, trx))) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "external identity" });
      // Thrown after the delete, it undoes it with the transaction.
      if (!anyLeftWithout(left)) throw new CabinetError("CAB_ERR_LAST_SIGN_IN_METHOD");
    });
  }
}
