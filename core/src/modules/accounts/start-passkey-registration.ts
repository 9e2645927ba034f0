import { inject, injectable } from "tsyringe";
import { generateRegistrationOptions } from "@simplewebauthn/server";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { newId } from "../../kernel/ids.js";
import { Reauthenticate, type Reauthentication } from "./reauthenticate.js";
import { PasskeyRepository } from "./passkey.repository.js";
import { SignInChallengeRepository } from "./sign-in-challenge.repository.js";
import { hashSessionToken, newSessionToken } from "./session-token.js";
import type { WebAuthnParty } from "./webauthn-party.js";
import type { AuthContext } from "./auth-context.js";

export const CEREMONY_TTL_MS = 5 * 60_000;

/**
 * Starts adding a passkey (after re-authentication): the options the browser's
 * `navigator.credentials.create` needs, and a ceremony token that carries the challenge to the
 * second call. The user's existing passkeys are excluded, so one device is not added twice.
 */
@injectable()
export class StartPasskeyRegistration {
  constructor(
    @inject(Reauthenticate) private readonly reauthenticate: Reauthenticate,
    @inject(PasskeyRepository) private readonly passkeys: PasskeyRepository,
    @inject(SignInChallengeRepository) private readonly challenges: SignInChallengeRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(auth: AuthContext, party: WebAuthnParty, ip: string, given: Reauthentication) {
    const user = await this.reauthenticate.execute(auth, ip, given);
    const existing = await this.passkeys.listOf(user.id);
    const options = await generateRegistrationOptions({
      rpName: party.rpName,
      rpID: party.rpID,
      userName: user.email,
      userDisplayName: user.name,
      userID: new TextEncoder().encode(user.id),
      attestationType: "none",
      excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports as never })),
      authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
    });
    const now = this.clock.now();
    const ceremony = newSessionToken().replace(/^cabs_/, "cabw_");
    await this.challenges.insert({
      id: newId("sic", now),
      tokenHash: hashSessionToken(ceremony),
      userId: user.id,
      brandId: user.brandId,
      purpose: "passkey-register",
      webauthnChallenge: options.challenge,
      mode: auth.via,
      createdAt: now,
      expiresAt: now + CEREMONY_TTL_MS,
    });
    return { ceremony, options };
  }
}
