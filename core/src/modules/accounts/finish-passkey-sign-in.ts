import { inject, injectable } from "tsyringe";
import { verifyAuthenticationResponse, type AuthenticationResponseJSON } from "@simplewebauthn/server";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "../brands/index.js";
import { AccountRepository, type User } from "./account.repository.js";
import { CompleteSignIn } from "./complete-sign-in.js";
import type { CreatedSession } from "./create-session.js";
import { PasskeyRepository } from "./passkey.repository.js";
import type { SignInLimiter } from "./sign-in-limiter.js";
import { SignInChallengeRepository } from "./sign-in-challenge.repository.js";
import { hashSessionToken } from "./session-token.js";
import type { WebAuthnParty } from "./webauthn-party.js";

/**
 * Finishes a passkey sign-in: the assertion must be signed by a passkey of this brand (of the
 * expected user, for a second factor) over the ceremony's challenge, with a counter that moved
 * forward. A passkey proves possession and (usually) the device's user verification, so it
 * stands in for both factors: no TOTP code is asked after it.
 */
@injectable()
export class FinishPasskeySignIn {
  constructor(
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(PasskeyRepository) private readonly passkeys: PasskeyRepository,
    @inject(SignInChallengeRepository) private readonly challenges: SignInChallengeRepository,
    @inject(CompleteSignIn) private readonly complete: CompleteSignIn,
    @inject(TOKENS.RateLimiters) private readonly limiter: SignInLimiter,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(
    brand: Brand,
    party: WebAuthnParty,
    input: { ceremony: string; response: AuthenticationResponseJSON; ip: string; userAgent: string },
  ): Promise<{ user: User; session: CreatedSession; mode: "cookie" | "bearer" }> {
    const now = this.clock.now();
    const tokenHash = hashSessionToken(input.ceremony);
    // Counted before anything is checked, atomically (per ceremony, and the IP's budget).
    await this.limiter.admit("passkey", input.ip, tokenHash);
    const ceremony = await this.challenges.findLive(tokenHash, "passkey", brand.id, now);
    if (!ceremony?.webauthnChallenge) throw new CabinetError("CAB_ERR_PASSKEY_INVALID", { reason: "the ceremony expired: start again" });
    const passkey = await this.passkeys.findByCredential(brand.id, input.response.id);
    if (!passkey || (ceremony.userId !== null && passkey.userId !== ceremony.userId)) throw new CabinetError("CAB_ERR_PASSKEY_INVALID");
    let verified: boolean;
    let newCounter = passkey.counter;
    try {
      const result = await verifyAuthenticationResponse({
        response: input.response,
        expectedChallenge: ceremony.webauthnChallenge,
        expectedOrigin: party.origin,
        expectedRPID: party.rpID,
        credential: {
          id: passkey.credentialId,
          publicKey: Buffer.from(passkey.publicKey, "base64url"),
          counter: passkey.counter,
          transports: passkey.transports as never,
        },
        requireUserVerification: false,
      });
      verified = result.verified;
      newCounter = result.authenticationInfo.newCounter;
    } catch (error) {
      throw new CabinetError("CAB_ERR_PASSKEY_INVALID", { reason: (error as Error).message?.slice(0, 200) });
    }
    if (!verified) throw new CabinetError("CAB_ERR_PASSKEY_INVALID");
    // One use per ceremony (a replayed assertion finds it spent), and the counter only forward.
    if (!(await this.challenges.use(ceremony.id, now))) throw new CabinetError("CAB_ERR_PASSKEY_INVALID", { reason: "the ceremony expired: start again" });
    if (!(await this.passkeys.recordUse(passkey.id, newCounter, now)))
      throw new CabinetError("CAB_ERR_PASSKEY_INVALID", { reason: "the signature counter went back" });
    const user = await this.accounts.findUser(passkey.userId);
    const account = user && (await this.accounts.findAccount(user.accountId));
    if (!user || user.status !== "active" || account?.status !== "active")
      throw new CabinetError("CAB_ERR_FORBIDDEN", { reason: "suspended" }, "This user or account is suspended.");
    await this.limiter.recordSuccess("passkey", tokenHash);
    const { session } = await this.complete.execute(user, { ip: input.ip, userAgent: input.userAgent, mode: ceremony.mode }, { secondFactorDone: true });
    return { user, session, mode: ceremony.mode };
  }
}
