import { inject, injectable } from "tsyringe";
import { verifyRegistrationResponse, type RegistrationResponseJSON } from "@simplewebauthn/server";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { newId } from "../../kernel/ids.js";
import { isUniqueViolation } from "../../db/errors.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { PasskeyRepository, type StoredPasskey } from "./passkey.repository.js";
import { SignInChallengeRepository } from "./sign-in-challenge.repository.js";
import { hashSessionToken } from "./session-token.js";
import type { WebAuthnParty } from "./webauthn-party.js";
import type { AuthContext } from "./auth-context.js";

/** Finishes adding a passkey: verifies the browser's attestation against the ceremony's challenge, and keeps the public key. */
@injectable()
export class FinishPasskeyRegistration {
  constructor(
    @inject(PasskeyRepository) private readonly passkeys: PasskeyRepository,
    @inject(SignInChallengeRepository) private readonly challenges: SignInChallengeRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(
    auth: AuthContext,
    party: WebAuthnParty,
    input: { ceremony: string; name: string; response: RegistrationResponseJSON },
  ): Promise<StoredPasskey> {
    const now = this.clock.now();
    const ceremony = await this.challenges.findLive(hashSessionToken(input.ceremony), "passkey-register", auth.brandId, now);
    if (!ceremony || ceremony.userId !== auth.userId || !ceremony.webauthnChallenge)
      throw new CabinetError("CAB_ERR_PASSKEY_INVALID", { reason: "the ceremony expired: start again" });
    if (!(await this.challenges.use(ceremony.id, now))) throw new CabinetError("CAB_ERR_PASSKEY_INVALID", { reason: "the ceremony expired: start again" });
    let verification;
    try {
      verification = await verifyRegistrationResponse({
        response: input.response,
        expectedChallenge: ceremony.webauthnChallenge,
        expectedOrigin: party.origin,
        expectedRPID: party.rpID,
        requireUserVerification: false,
      });
    } catch (error) {
      // A malformed or forged attestation: the library explains why.
      throw new CabinetError("CAB_ERR_PASSKEY_INVALID", { reason: (error as Error).message?.slice(0, 200) });
    }
    if (!verification.verified) throw new CabinetError("CAB_ERR_PASSKEY_INVALID");
    const { credential } = verification.registrationInfo;
    const passkey: StoredPasskey = {
      id: newId("pky", now),
      userId: auth.userId,
      brandId: auth.brandId,
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString("base64url"),
      counter: credential.counter,
      transports: credential.transports ?? [],
      name: input.name,
      createdAt: now,
      lastUsedAt: null,
    };
    try {
      await this.passkeys.insert(passkey);
    } catch (error) {
      if (isUniqueViolation(error)) throw new CabinetError("CAB_ERR_CONFLICT", { reason: "this passkey is already registered" });
      throw error;
    }
    return passkey;
  }
}
