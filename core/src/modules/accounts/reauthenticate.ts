import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AccountRepository } from "./account.repository.js";
import type { AuthContext } from "./auth-context.js";
import type { PasswordHasher } from "./password-hasher.js";

/** What the caller proves themself with again: their password (and, once the security module has it, a second factor). */
export interface ReauthProof {
  password: string;
  /** Passed on untouched for the security module's second-factor check. */
  code?: string;
}

/**
 * THE RE-AUTHENTICATION HOOK. Dangerous actions (ownership transfer) call `confirm` first. It
 * checks the password; the security module (settings issue) is expected to replace this
 * registration (`container.register(Reauthenticate, { useClass: … })`) with one that also
 * checks the second factor. A staff member signed in as the client can never pass it.
 */
@injectable()
export class Reauthenticate {
  constructor(
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
  ) {}

  async confirm(auth: Pick<AuthContext, "userId" | "staffId">, proof: ReauthProof): Promise<void> {
    const user = await this.accounts.findUser(auth.userId);
    const ok = !auth.staffId && user?.passwordHash ? await this.hasher.verify(user.passwordHash, proof.password) : await this.hasher.verifyNothing(proof.password);
    if (!ok || auth.staffId) throw new CabinetError("CAB_ERR_REAUTH_REQUIRED");
  }
}
