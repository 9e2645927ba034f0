import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { PasskeyRepository } from "./passkey.repository.js";
import type { AuthContext } from "./auth-context.js";
import { anyLeftWithout, SignInMethods } from "./sign-in-methods.js";

/**
 * Removes one of the user's passkeys; another user's answers 404. A user with no password and
 * no external identity keeps their last passkey (409 CAB_ERR_LAST_SIGN_IN_METHOD): it is their
 * only way in. Counted and deleted in one transaction under the user's lock.
 */
@injectable()
export class RemovePasskey {
  constructor(
    @inject(SignInMethods) private readonly methods: SignInMethods,
    @inject(PasskeyRepository) private readonly passkeys: PasskeyRepository,
    @inject(TOKENS.Database) private readonly db: Database,
  ) {}

  async execute(auth: Pick<AuthContext, "userId">, id: string): Promise<void> {
    await this.db.transaction(async (trx) => {
      const left = await this.methods.lockAndCount(auth.userId, trx);
      if (!(await this.passkeys.remove(auth.userId, id, trx))) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "passkey" });
      // Thrown after the delete, it undoes it with the transaction.
      if (!anyLeftWithout(left)) throw new CabinetError("CAB_ERR_LAST_SIGN_IN_METHOD");
    });
  }
}
