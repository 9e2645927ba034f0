import { inject, injectable } from "tsyringe";
import { generateRegistrationOptions, verifyRegistrationResponse, type RegistrationResponseJSON } from "@simplewebauthn/server";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { StoredPasskey } from "./passkey.repository.js";
import { SignInChallengeRepository } from "./sign-in-challenge.repository.js";
import { hashSessionToken, newSessionToken } from "./session-token.js";
import type { WebAuthnParty } from "./webauthn-party.js";

export const CEREMONY_TTL_MS = 5 * 60_000;

/** Who a new passkey is for: a user adding one (`userId`), or an invitee whose login it will create (`userId: null`). */
export interface PasskeyHolder {
  userId: string | null;
  brandId: string;
  email: string;
  name: string;
}

/** A verified attestation: the passkey to keep once its user is known. */
export interface VerifiedPasskey {
  mode: "cookie" | "bearer";
  passkey(userId: string, name: string, now: number): StoredPasskey;
}

const ceremonyExpired = () => new CabinetError("CAB_ERR_PASSKEY_INVALID", { reason: "the ceremony expired: start again" });

/**
 * The two halves of creating a passkey, the same whether a signed-in user adds one
 * (`passkey-register`) or an invitee creates their login with one (`passkey-invite`): the
 * options for the browser's `navigator.credentials.create` with a ceremony token that carries
 * the challenge to the second call, then the check of the browser's attestation against it.
 * Keeping the passkey is the caller's: one adds it at once, the other inside the transaction
 * that creates the login.
 */
@injectable()
export class PasskeyRegistrationCeremony {
  constructor(
    @inject(SignInChallengeRepository) private readonly challenges: SignInChallengeRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async begin(
    party: WebAuthnParty,
    holder: PasskeyHolder,
    purpose: "passkey-register" | "passkey-invite",
    mode: "cookie" | "bearer",
    exclude: StoredPasskey[] = [],
  ) {
    const options = await generateRegistrationOptions({
      rpName: party.rpName,
      rpID: party.rpID,
      userName: holder.email,
      userDisplayName: holder.name,
      // A login yet to be created has no id: the library picks a random user handle (sign-in
      // finds a passkey by its credential id, never by the handle).
      userID: holder.userId ? new TextEncoder().encode(holder.userId) : undefined,
      attestationType: "none",
      excludeCredentials: exclude.map((p) => ({ id: p.credentialId, transports: p.transports as never })),
      authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
    });
    const now = this.clock.now();
    const ceremony = newSessionToken().replace(/^cabs_/, "cabw_");
    await this.challenges.insert({
      id: newId("sic", now),
      tokenHash: hashSessionToken(ceremony),
      userId: holder.userId,
      brandId: holder.brandId,
      purpose,
      webauthnChallenge: options.challenge,
      mode,
      createdAt: now,
      expiresAt: now + CEREMONY_TTL_MS,
    });
    return { ceremony, options };
  }

  /**
   * The attestation checked against a live ceremony of this purpose, brand and user (null: an
   * invitee's). The ceremony is used up first, so an answer is checked once, forged or not.
   */
  async verify(
    party: WebAuthnParty,
    expected: { purpose: "passkey-register" | "passkey-invite"; brandId: string; userId: string | null },
    input: { ceremony: string; response: RegistrationResponseJSON },
  ): Promise<VerifiedPasskey> {
    const ceremony = await this.challenges.findLive(hashSessionToken(input.ceremony), expected.purpose, expected.brandId, this.clock.now());
    if (!ceremony || ceremony.userId !== expected.userId || !ceremony.webauthnChallenge) throw ceremonyExpired();
    if (!(await this.challenges.use(ceremony.id, this.clock.now()))) throw ceremonyExpired();
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
    return {
      mode: ceremony.mode,
      passkey: (userId, name, now) => ({
        id: newId("pky", now),
        userId,
        brandId: expected.brandId,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString("base64url"),
        counter: credential.counter,
        transports: credential.transports ?? [],
        name,
        createdAt: now,
        lastUsedAt: null,
      }),
    };
  }
}
