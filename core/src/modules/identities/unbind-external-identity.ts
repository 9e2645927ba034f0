import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { Reauthenticate, VerifyUserPassword } from "../accounts/index.js";
import { ExternalIdentityRepository } from "./external-identity.repository.js";

/**
 * Unbinds one of the user's external identities, after re-authentication (the password, when
 * they have one). The last way to sign in cannot go: with no password, one identity must stay.
 * Counted and deleted in one transaction, so two unbinds at once cannot both pass the check.
 */
@injectable()
export class UnbindExternalIdentity {
  constructor(
    @inject(ExternalIdentityRepository) private readonly identities: ExternalIdentityRepository,
    @inject(VerifyUserPassword) private readonly passwords: VerifyUserPassword,
    @inject(Reauthenticate) private readonly reauthenticate: Reauthenticate,
    @inject(TOKENS.Database) private readonly db: Database,
  ) {}

  async execute(caller: { userId: string; sessionId: string }, identityId: string, given: { password?: string; code?: string }, ip: string): Promise<void> {
    const userId = caller.userId;
    await this.reauthenticate.execute(caller, ip, given);
    const check = await this.passwords.execute(userId, undefined);
    await this.db.transaction(async (trx) => {
      // Locks the user's identities (MySQL), so a parallel unbind waits and then counts what is left.
      const mine = await trx("external_identities").where({ user_id: userId }).forUpdate().select("id");
      if (!mine.some((row: { id: string }) => row.id === identityId)) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "external identity" });
      // Passkeys, once they exist, count as a way to sign in too.
      if (check === "none" && mine.length <= 1) throw new CabinetError("CAB_ERR_LAST_SIGN_IN_METHOD");
      await this.identities.delete(userId, identityId, trx);
    });
  }
}
