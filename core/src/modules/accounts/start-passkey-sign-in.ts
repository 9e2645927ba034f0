import { inject, injectable } from "tsyringe";
import { generateAuthenticationOptions } from "@simplewebauthn/server";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "../brands/index.js";
import { PasskeyRepository } from "./passkey.repository.js";
import { SignInChallengeRepository } from "./sign-in-challenge.repository.js";
import { hashSessionToken, newSessionToken } from "./session-token.js";
import { CEREMONY_TTL_MS } from "./passkey-registration-ceremony.js";
import type { WebAuthnParty } from "./webauthn-party.js";

/**
 * Starts a sign-in with a passkey: as the first factor (no e-mail asked — the browser offers
 * the passkeys it has for this site), or as the second factor of a sign-in whose password was
 * right (`secondFactorChallenge`: only that user's passkeys are allowed).
 */
@injectable()
export class StartPasskeySignIn {
  constructor(
    @inject(PasskeyRepository) private readonly passkeys: PasskeyRepository,
    @inject(SignInChallengeRepository) private readonly challenges: SignInChallengeRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(brand: Brand, party: WebAuthnParty, input: { mode: "cookie" | "bearer"; secondFactorChallenge?: string }) {
    const now = this.clock.now();
    let userId: string | null = null;
    let mode = input.mode;
    if (input.secondFactorChallenge) {
      const pending = await this.challenges.findLive(hashSessionToken(input.secondFactorChallenge), "second-factor", brand.id, now);
      if (!pending?.userId) throw new CabinetError("CAB_ERR_UNAUTHENTICATED", { reason: "the sign-in expired: start again" });
      userId = pending.userId;
      mode = pending.mode;
    }
    const allow = userId ? (await this.passkeys.listOf(userId)).map((p) => ({ id: p.credentialId, transports: p.transports as never })) : undefined;
    const options = await generateAuthenticationOptions({ rpID: party.rpID, allowCredentials: allow, userVerification: "preferred" });
    const ceremony = newSessionToken().replace(/^cabs_/, "cabw_");
    await this.challenges.insert({
      id: newId("sic", now),
      tokenHash: hashSessionToken(ceremony),
      userId,
      brandId: brand.id,
      purpose: "passkey",
      webauthnChallenge: options.challenge,
      mode,
      createdAt: now,
      expiresAt: now + CEREMONY_TTL_MS,
    });
    return { ceremony, options };
  }
}
