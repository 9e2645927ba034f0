import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "../brands/index.js";
import { AccountRepository, type Account, type User } from "./account.repository.js";
import { CreateSession, type CreatedSession } from "./create-session.js";
import { HandoffRepository, hashCode } from "./handoff.repository.js";
import type { SecondFactorGate } from "./second-factor-gate.js";

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
    @inject(CreateSession) private readonly createSession: CreateSession,
    @inject(TOKENS.SecondFactorGate) private readonly secondFactor: SecondFactorGate,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(input: { code: string; brand: Brand; origin: string | null; ip: string; userAgent: string }): Promise<{ user: User; account: Account; session: CreatedSession }> {
    const code = await this.handoffs.consume(hashCode(input.code), this.clock.now());
    if (!code) throw new CabinetError("CAB_ERR_HANDOFF_INVALID", { reason: "unknown, used or expired" });
    if (code.brandId !== input.brand.id) throw new CabinetError("CAB_ERR_HANDOFF_INVALID", { reason: "made for another brand" });
    if (code.origin !== input.origin) throw new CabinetError("CAB_ERR_HANDOFF_INVALID", { reason: "made for another page origin" });
    const user = await this.accounts.findUser(code.userId);
    const account = user && (await this.accounts.findAccount(user.accountId));
    if (!user || !account || user.status !== "active" || account.status !== "active") throw new CabinetError("CAB_ERR_HANDOFF_INVALID", { reason: "the client is suspended" });
    // The provider's sign-in is one factor; a client who set up a second one still gives it.
    const gate = await this.secondFactor.check(user, { via: "handoff" });
    if (gate.required) throw new CabinetError("CAB_ERR_SECOND_FACTOR_REQUIRED", { challenge: gate.challenge });
    const session = await this.createSession.execute(user, input);
    return { user, account, session };
  }
}
