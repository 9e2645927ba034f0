import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AccountRepository, type Account, type User } from "./account.repository.js";
import { CreateSession, type CreatedSession } from "./create-session.js";

/**
 * Opens a session for a user whom an external identity (OpenID Connect) has proven: the same
 * checks as a password sign-in once the password matched — the user and account are active —
 * and the same `user.signed_in` event (new-device notices).
 */
@injectable()
export class SignInExternal {
  constructor(
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(CreateSession) private readonly createSession: CreateSession,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
  ) {}

  async execute(userId: string, client: { ip: string; userAgent: string }): Promise<{ user: User; account: Account; session: CreatedSession }> {
    const user = await this.accounts.findUser(userId);
    const account = user && (await this.accounts.findAccount(user.accountId));
    if (!user || !account) throw new CabinetError("CAB_ERR_UNAUTHENTICATED");
    if (user.status !== "active" || account.status !== "active") throw new CabinetError("CAB_ERR_FORBIDDEN", { reason: "suspended" }, "This user or account is suspended.");
    // SECOND-FACTOR HOOK: once users can hold a second factor (TOTP, passkeys), a user who has
    // one must not get a session here: answer the pending second-factor challenge instead, as
    // the password sign-in does. `secondFactorRequired` is the one place to decide it.
    if (await this.secondFactorRequired(user)) throw new CabinetError("CAB_ERR_FORBIDDEN", { reason: "second factor required" });
    const session = await this.createSession.execute(user, client);
    await this.events.publish("user.signed_in", { accountId: user.accountId, userId: user.id, sessionId: session.sessionId, ip: client.ip, userAgent: client.userAgent });
    return { user, account, session };
  }

  /** No second factor exists yet; the security work replaces this. */
  protected async secondFactorRequired(_user: User): Promise<boolean> {
    return false;
  }
}
