import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { User } from "./account.repository.js";
import { AuditLog } from "../audit/index.js";
import { CreateSession, type CreatedSession } from "./create-session.js";
import { SecondFactorCheck } from "./second-factor-check.js";
import { SignInChallengeRepository } from "./sign-in-challenge.repository.js";
import { hashSessionToken, newSessionToken } from "./session-token.js";

/** How long the second step of a sign-in may wait. */
export const CHALLENGE_TTL_MS = 5 * 60_000;

export interface SignInClient {
  ip: string;
  userAgent: string;
  mode: "cookie" | "bearer";
}

/**
 * The last step of every sign-in, whatever proved the first factor (a password, an external
 * provider, a provider's hand-off): opens the session — or, when the user has a second factor
 * on, answers 401 `CAB_ERR_SECOND_FACTOR_REQUIRED` with a challenge to finish at
 * `POST /auth/second-factor`. Part of the accounts module's public face, so OIDC sign-in and
 * hand-off never bypass the second factor.
 *
 * @example
 * const { session } = await scope.resolve(CompleteSignIn).execute(user, { ip, userAgent, mode }, { secondFactorDone: false });
 */
@injectable()
export class CompleteSignIn {
  constructor(
    @inject(CreateSession) private readonly createSession: CreateSession,
    @inject(SecondFactorCheck) private readonly secondFactor: SecondFactorCheck,
    @inject(SignInChallengeRepository) private readonly challenges: SignInChallengeRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  async execute(user: User, client: SignInClient, options: { secondFactorDone: boolean }): Promise<{ session: CreatedSession }> {
    if (!options.secondFactorDone && (await this.secondFactor.isOn(user.id))) {
      const now = this.clock.now();
      const token = newSessionToken().replace(/^cabs_/, "cabc_");
      await this.challenges.insert({
        id: newId("sic", now),
        tokenHash: hashSessionToken(token),
        userId: user.id,
        brandId: user.brandId,
        purpose: "second-factor",
        webauthnChallenge: null,
        mode: client.mode,
        createdAt: now,
        expiresAt: now + CHALLENGE_TTL_MS,
      });
      throw new CabinetError("CAB_ERR_SECOND_FACTOR_REQUIRED", {
        challenge: token,
        methods: ["totp", "recovery-code"],
        expiresAt: new Date(now + CHALLENGE_TTL_MS).toISOString(),
      });
    }
    const session = await this.createSession.execute(user, client);
    await this.audit.record(undefined, {
      accountId: user.accountId,
      action: "user.signed_in",
      target: { type: "session", id: session.sessionId },
      actor: { kind: "user", id: user.id, name: user.name, ip: client.ip, userAgent: client.userAgent },
    });
    await this.events.publish("user.signed_in", {
      accountId: user.accountId,
      userId: user.id,
      sessionId: session.sessionId,
      ip: client.ip,
      userAgent: client.userAgent,
    });
    return { session };
  }
}
