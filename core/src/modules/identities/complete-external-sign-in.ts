import { randomBytes } from "node:crypto";
import { inject, injectable } from "tsyringe";
import type { Logger } from "pino";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { Database } from "../../db/create-database.js";
import { isUniqueViolation } from "../../db/errors.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError, isCabinetError } from "../../errors/cabinet-error.js";
import { AcceptInvitation, FindUserByEmail, SignUpExternal } from "../accounts/index.js";
import type { RequestContext } from "../../http/request-context.js";
import { AuthProviders } from "./auth-providers.js";
import { ExternalIdentityRepository } from "./external-identity.repository.js";
import type { ExternalSignInState } from "./external-identity.js";
import { callbackUri } from "./start-external-sign-in.js";

/** Brands by id (`TOKENS.Brands`), as much of one as a sign-up needs. */
interface Brands {
  byId(id: string): Promise<{ id: string; slug: string; signUpOpen: boolean; defaultCurrency: string; defaultLocale: string } | undefined>;
}

export interface CallbackQuery {
  state?: string;
  code?: string;
  error?: string;
}

/**
 * The provider's callback, on the core. Claims the state (once: a replayed callback finds it
 * used), lets the provider exchange the code and check the ID token (state, PKCE, nonce), then
 * decides what the identity does: signs in the user it is bound to; binds it (purpose `bind`);
 * joins the user with the same e-mail only when the provider verified that e-mail; or signs up
 * a new account when the brand allows it. Answers where to send the browser: back to the page,
 * with a one-time code (in the fragment, never logged) or an error code. A round trip that
 * accepted an invitation answers under keys of its own (`cabinet-invitation…`, with the inviting
 * account), so the page's invitation view completes it rather than any sign-in form on the page.
 */
@injectable()
export class CompleteExternalSignIn {
  constructor(
    @inject(AuthProviders) private readonly providers: AuthProviders,
    @inject(ExternalIdentityRepository) private readonly identities: ExternalIdentityRepository,
    @inject(FindUserByEmail) private readonly findUserByEmail: FindUserByEmail,
    @inject(SignUpExternal) private readonly signUp: SignUpExternal,
    @inject(AcceptInvitation) private readonly acceptInvitation: AcceptInvitation,
    @inject(TOKENS.RequestContext) private readonly request: RequestContext,
    @inject(TOKENS.Brands) private readonly brands: Brands,
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  async execute(query: CallbackQuery, callbackUrl: string): Promise<{ location: string }> {
    const claimed = query.state ? await this.identities.claimState(query.state, this.clock.now()) : undefined;
    // Without a live state there is no page to return to: the caller gets the error itself.
    if (!claimed) throw new CabinetError("CAB_ERR_EXTERNAL_SIGN_IN_FAILED", { reason: "unknown, used or expired state" });
    const invitation = Boolean(claimed.invitationHash);
    const back = (fragment: Record<string, string>) => {
      const url = new URL(claimed.returnTo);
      url.hash = new URLSearchParams(fragment).toString();
      return { location: url.href };
    };
    try {
      const outcome = await this.decide(claimed, query, callbackUrl);
      if (outcome.kind === "bound") return back({ "cabinet-external-bound": claimed.provider });
      const code = randomBytes(32).toString("base64url");
      await this.identities.storeResult(claimed.id, code, { userId: outcome.userId });
      if (outcome.invitedTo) return back({ "cabinet-invitation": code, "cabinet-invitation-account": outcome.invitedTo });
      return back({ "cabinet-external": code });
    } catch (error) {
      if (!isCabinetError(error)) throw error;
      this.logger.info({ provider: claimed.provider, code: error.code, details: error.details }, "external sign-in refused");
      return back({ [invitation ? "cabinet-invitation-error" : "cabinet-external-error"]: error.code });
    }
  }

  private async decide(
    state: ExternalSignInState,
    query: CallbackQuery,
    callbackUrl: string,
  ): Promise<{ kind: "session"; userId: string; invitedTo?: string } | { kind: "bound" }> {
    const brand = await this.brands.byId(state.brandId);
    const provider = brand && this.providers.find(brand.slug, state.provider);
    if (!brand || !provider) throw new CabinetError("CAB_ERR_EXTERNAL_SIGN_IN_FAILED", { reason: "provider no longer offered" });
    if (query.error) throw new CabinetError("CAB_ERR_EXTERNAL_SIGN_IN_FAILED", { reason: `provider answered ${query.error.slice(0, 64)}` });
    const result = await provider.completeSignIn({
      callbackUrl,
      state: query.state!,
      nonce: state.nonce,
      codeVerifier: state.codeVerifier,
      redirectUri: callbackUri(this.config),
    });
    if (result.status === "failed") throw new CabinetError("CAB_ERR_EXTERNAL_SIGN_IN_FAILED", { reason: result.reason.slice(0, 200) });
    const email = result.email?.toLowerCase();
    const identity = (userId: string) => ({
      id: newId("xid", this.clock.now()),
      brandId: brand.id,
      userId,
      provider: provider.id,
      subject: result.subject,
      email: email ?? null,
      createdAt: this.clock.now(),
    });
    const bound = await this.identities.findBySubject(brand.id, provider.id, result.subject);

    if (state.purpose === "bind") {
      if (bound) {
        if (bound.userId === state.userId) return { kind: "bound" };
        throw new CabinetError("CAB_ERR_EXTERNAL_IDENTITY_TAKEN");
      }
      await this.bind(identity(state.userId!));
      return { kind: "bound" };
    }

    const existing = bound ? undefined : email ? await this.findUserByEmail.execute(brand.id, email) : undefined;
    // Anyone can claim any address at some providers: only a verified one may join an account.
    if (existing && result.emailVerified !== true) throw new CabinetError("CAB_ERR_EXTERNAL_EMAIL_UNVERIFIED");

    if (state.invitationHash) {
      // Accepting an invitation: a person the identity already is (bound, or by a verified
      // e-mail) joins the inviting account; anyone else gets a new login there, with the invited
      // e-mail and this identity as its way in (the link, sent to that e-mail, proves it).
      const accept = { brand, token: { hash: state.invitationHash }, client: { ip: this.request.ip, userAgent: this.request.userAgent } };
      const personId = bound?.userId ?? existing?.id;
      if (personId) {
        if (!bound) await this.bind(identity(personId));
        const joined = await this.acceptInvitation.execute({ ...accept, auth: { userId: personId } });
        return { kind: "session", userId: personId, invitedTo: joined.accountId };
      }
      const joined = await this.acceptInvitation.execute({
        ...accept,
        auth: null,
        withoutPassword: { via: "external", name: result.name ?? email ?? "", bind: (userId, trx) => this.identities.insert(identity(userId), trx) },
      });
      return { kind: "session", userId: joined.user.id, invitedTo: joined.accountId };
    }

    if (bound) return { kind: "session", userId: bound.userId };
    if (existing) {
      await this.bind(identity(existing.id));
      return { kind: "session", userId: existing.id };
    }
    // A new account takes the e-mail as its sign-in name: an unverified one could squat someone else's.
    if (!email || result.emailVerified !== true)
      throw new CabinetError("CAB_ERR_EXTERNAL_EMAIL_UNVERIFIED", { reason: "a verified e-mail is needed to sign up" });
    const userId = await this.db.transaction(async (trx) => {
      const { user } = await this.signUp.execute({ brand, email, name: result.name ?? "" }, trx);
      await this.identities.insert(identity(user.id), trx);
      return user.id;
    });
    return { kind: "session", userId };
  }

  private async bind(identity: Parameters<ExternalIdentityRepository["insert"]>[0]): Promise<void> {
    try {
      await this.identities.insert(identity);
    } catch (error) {
      // Bound meanwhile to someone else, or the user already has one of this provider.
      if (isUniqueViolation(error)) throw new CabinetError("CAB_ERR_EXTERNAL_IDENTITY_TAKEN");
      throw error;
    }
  }
}
