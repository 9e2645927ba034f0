import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "../brands/index.js";
import { AccountRepository, type Account, type User } from "./account.repository.js";
import type { CreatedSession } from "./create-session.js";
import { CompleteSignIn } from "./complete-sign-in.js";
import { HandoffRepository, hashCode } from "./handoff.repository.js";

/**
 * The widgets exchange a hand-off code for a session, in one request. The code is spent by
 * the first attempt whatever its outcome, so a code seen by anyone else (a log, a referrer) is
 * worth nothing; a code of another brand, or presented from another page origin than the one
 * it was made for, opens nothing. Every refusal is the same 401 (the reason only in details).
 */
@injectable()
export class ExchangeHandoffCode {
  constructor(
    @inject(HandoffRepository) private readonly handoffs: HandoffRepository,
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(CompleteSignIn) private readonly completeSignIn: CompleteSignIn,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(input: {
    code: string;
    brand: Brand;
    origin: string | null;
    ip: string;
    userAgent: string;
    mode: "cookie" | "bearer";
  }): Promise<{ user: User; account: Account; session: CreatedSession }> {
    const code = await this.handoffs.consume(hashCode(input.code), this.clock.now());
    if (!code) throw new CabinetError("CAB_ERR_HANDOFF_INVALID", { reason: "unknown, used or expired" });
    if (code.brandId !== input.brand.id) throw new CabinetError("CAB_ERR_HANDOFF_INVALID", { reason: "made for another brand" });
    if (code.origin !== input.origin) throw new CabinetError("CAB_ERR_HANDOFF_INVALID", { reason: "made for another page origin" });
    const user = await this.accounts.findUser(code.userId);
    const account = user && (await this.accounts.findAccount(user.accountId));
    if (!user || !account || user.status !== "active" || account.status !== "active")
      throw new CabinetError("CAB_ERR_HANDOFF_INVALID", { reason: "the client is suspended" });
    // The provider's sign-in is one factor: a client who turned a second one on still gives it
    // (401 CAB_ERR_SECOND_FACTOR_REQUIRED with a challenge, finished at POST /auth/second-factor).
    const { session } = await this.completeSignIn.execute(user, { ip: input.ip, userAgent: input.userAgent, mode: input.mode }, { secondFactorDone: false });
    return { user, account, session };
  }
}
