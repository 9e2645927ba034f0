import { createHash, randomBytes } from "node:crypto";
import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { hashInvitationToken, PeekInvitation, Reauthenticate } from "../accounts/index.js";
import { AuthProviders } from "./auth-providers.js";
import { ExternalIdentityRepository } from "./external-identity.repository.js";
import { STATE_TTL_MS } from "./external-identity.js";

const random = () => randomBytes(32).toString("base64url");

export interface StartExternalSignInInput {
  brand: { id: string; slug: string; allowedOrigins: string[]; defaultLocale: string };
  providerId: string;
  purpose: "sign-in" | "bind";
  /** The page to come back to: on an allowed origin of the brand (or the core's own). */
  returnTo: string;
  mode: "cookie" | "bearer";
  /** Binding: the signed-in user, re-authenticated (the password when they have one, the code when a second factor is on). */
  caller: { userId: string; sessionId: string } | null;
  password?: string;
  code?: string;
  ip: string;
  /** Signing in to accept this invitation (its link's token): checked now, used at the callback. */
  invitation?: string;
}

/**
 * Starts a round trip to an external provider: mints `state`, `nonce` and a PKCE verifier,
 * keeps them (the state only hashed) with where to return, and answers the provider's
 * authorization URL for the page to go to. The callback comes back to the core.
 */
@injectable()
export class StartExternalSignIn {
  constructor(
    @inject(AuthProviders) private readonly providers: AuthProviders,
    @inject(ExternalIdentityRepository) private readonly identities: ExternalIdentityRepository,
    @inject(Reauthenticate) private readonly reauthenticate: Reauthenticate,
    @inject(PeekInvitation) private readonly invitations: PeekInvitation,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(input: StartExternalSignInInput): Promise<{ url: string }> {
    const provider = this.providers.find(input.brand.slug, input.providerId);
    if (!provider) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "sign-in provider" });
    let returnTo: URL;
    try {
      returnTo = new URL(input.returnTo);
    } catch {
      throw new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "body", path: "/returnTo", message: "must be an absolute URL" }] });
    }
    // Only back to the brand's own sites: an open redirect would hand the one-time code to anyone.
    const allowed = [...input.brand.allowedOrigins, new URL(this.config.http.publicUrl!).origin];
    if (!allowed.includes(returnTo.origin)) throw new CabinetError("CAB_ERR_ORIGIN_NOT_ALLOWED", { origin: returnTo.origin });
    if (input.purpose === "bind") {
      if (!input.caller) throw new CabinetError("CAB_ERR_UNAUTHENTICATED");
      // Re-authentication: someone at an unattended, signed-in browser cannot add a way in.
      await this.reauthenticate.execute(input.caller, input.ip, { password: input.password, code: input.code });
    }
    // An expired, used, revoked or another brand's invitation is refused before the provider is asked (410).
    if (input.invitation) {
      if (input.purpose !== "sign-in")
        throw new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "body", path: "/invitation", message: "only with purpose sign-in" }] });
      await this.invitations.execute(input.brand, input.invitation);
    }
    const now = this.clock.now();
    const state = random();
    const nonce = random();
    const codeVerifier = random();
    const codeChallenge = createHash("sha256").update(codeVerifier).digest("base64url");
    returnTo.hash = "";
    await this.identities.insertState(
      {
        id: newId("xst", now),
        brandId: input.brand.id,
        provider: provider.id,
        purpose: input.purpose,
        userId: input.purpose === "bind" ? input.caller!.userId : null,
        nonce,
        codeVerifier,
        returnTo: returnTo.href,
        mode: input.mode,
        invitationHash: input.invitation ? hashInvitationToken(input.invitation) : null,
        createdAt: now,
        expiresAt: now + STATE_TTL_MS,
        usedAt: null,
      },
      state,
    );
    return provider.startSignIn({ state, nonce, codeChallenge, redirectUri: callbackUri(this.config) });
  }
}

/** The callback on the core that every provider is registered with. */
export function callbackUri(config: CabinetConfig): string {
  return `${config.http.publicUrl}/api/v1/auth/external/callback`;
}
