import { defineRoute } from "../../http/route.js";
import { setSessionCookie } from "../../http/session-cookie.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { RequestContext } from "../../http/request-context.js";
import { describeMe, SignedIn } from "../accounts/index.js";
import { AuthProviders } from "./auth-providers.js";
import { CompleteExternalSignIn } from "./complete-external-sign-in.js";
import { ExchangeExternalSignIn } from "./exchange-external-sign-in.js";
import {
  CallbackQuery,
  ExchangeBody,
  IdentityParams,
  ProviderParams,
  ProvidersView,
  Redirecting,
  SignInMethodsView,
  StartExternalBody,
  StartExternalView,
  UnbindBody,
} from "./identities.schemas.js";
import { ListSignInMethods } from "./list-sign-in-methods.js";
import { StartExternalSignIn } from "./start-external-sign-in.js";
import { UnbindExternalIdentity } from "./unbind-external-identity.js";

const tags = ["auth"];

/** External sign-in (the `auth-provider` plugins): the round trip, the exchange, and the user's bound identities. */
export const identityRoutes = [
  defineRoute({
    method: "get",
    path: "/auth/external/providers",
    operationId: "listExternalProviders",
    summary: "The external sign-in providers the brand offers (its buttons)",
    tags,
    auth: "public",
    response: ProvidersView,
    handler: async ({ brand, scope }) => ({
      items: scope
        .resolve(AuthProviders)
        .forBrand(brand.slug)
        .map((p) => ({ id: p.id, label: p.label })),
    }),
  }),
  defineRoute({
    method: "post",
    path: "/auth/external/:provider/start",
    operationId: "startExternalSignIn",
    summary: "Begin signing in (or binding) with an external provider",
    description:
      "Answers the provider's authorization URL (code flow with PKCE, `state` and `nonce`). The provider returns the browser to the core's callback, which sends it back to `returnTo` (an allowed origin of the brand) with `#cabinet-external=<one-time code>` to exchange at `/auth/external/exchange`, `#cabinet-external-bound=<provider>` after a binding, or `#cabinet-external-error=<CAB_ERR_…>`; a sign-in that accepted an `invitation` comes back with `#cabinet-invitation=<one-time code>&cabinet-invitation-account=<the inviting account>` (the same exchange) or `#cabinet-invitation-error=<CAB_ERR_…>`. Binding needs a session and re-authentication: `password` when the user has one, `code` when a second factor is on (403 CAB_ERR_REAUTH_FAILED otherwise).",
    tags,
    auth: "optional",
    params: ProviderParams,
    body: StartExternalBody,
    response: StartExternalView,
    handler: ({ params, body, auth, brand, scope }) =>
      scope.resolve(StartExternalSignIn).execute({
        ip: scope.resolve<RequestContext>(TOKENS.RequestContext).ip,
        code: body.code,
        brand,
        providerId: params.provider,
        purpose: body.purpose ?? "sign-in",
        returnTo: body.returnTo,
        mode: body.mode ?? "cookie",
        caller: auth,
        password: body.password,
        invitation: body.invitation,
      }),
  }),
  defineRoute({
    method: "get",
    path: "/auth/external/callback",
    operationId: "externalSignInCallback",
    summary: "Where providers send the browser back (the registered redirect URI)",
    description:
      "Redirects (303) to the page the sign-in started from. An unknown, used (replayed) or expired `state` answers 400 CAB_ERR_EXTERNAL_SIGN_IN_FAILED.",
    tags,
    auth: "public",
    brandless: true,
    query: CallbackQuery,
    response: Redirecting,
    produces: "text/html",
    status: 303,
    async handler({ query, scope, ctx }) {
      const config = scope.resolve<CabinetConfig>(TOKENS.Config);
      const { location } = await scope.resolve(CompleteExternalSignIn).execute(query, new URL(ctx.originalUrl, config.http.publicUrl).href);
      ctx.set("Location", location);
      ctx.set("Cache-Control", "no-store");
      ctx.set("Referrer-Policy", "no-referrer");
      return "<!doctype html><title>Signing in…</title><p>Signing in…</p>";
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/external/exchange",
    operationId: "exchangeExternalSignIn",
    summary: "Trade the one-time code from the callback for a session",
    description: "Once, within two minutes, for the brand the sign-in started from; the session is a cookie or a bearer token as `start` asked.",
    tags,
    auth: "public",
    body: ExchangeBody,
    response: SignedIn,
    async handler({ body, brand, scope, ctx }) {
      const request = scope.resolve<RequestContext>(TOKENS.RequestContext);
      const { user, account, session, mode } = await scope
        .resolve(ExchangeExternalSignIn)
        .execute(brand.id, body.code, { ip: request.ip, userAgent: request.userAgent });
      const config = scope.resolve<CabinetConfig>(TOKENS.Config);
      if (mode === "cookie") setSessionCookie(ctx, config, session.token, session.expiresAt);
      return {
        ...describeMe(user, account, brand, { csrfToken: session.csrfToken, expiresAt: session.expiresAt, via: mode }),
        token: mode === "bearer" ? session.token : null,
      };
    },
  }),
  defineRoute({
    method: "get",
    path: "/me/sign-in-methods",
    operationId: "listSignInMethods",
    summary: "The external providers offered, the identities the caller bound, and their other ways in (password, passkeys) and second factor",
    tags,
    auth: "user",
    response: SignInMethodsView,
    handler: ({ auth, brand, scope }) => scope.resolve(ListSignInMethods).execute(brand.slug, auth.userId),
  }),
  defineRoute({
    method: "post",
    path: "/me/external-identities/:id/unbind",
    operationId: "unbindExternalIdentity",
    summary: "Unbind one of the caller's external identities",
    description:
      "Re-authentication: `password` when the user has one, `code` when a second factor is on (403 CAB_ERR_REAUTH_FAILED otherwise). The last way to sign in cannot be unbound (409 CAB_ERR_LAST_SIGN_IN_METHOD): with no password, a passkey or another identity must stay.",
    tags,
    auth: "user",
    params: IdentityParams,
    body: UnbindBody,
    response: null,
    handler: ({ auth, params, body, scope }) =>
      scope
        .resolve(UnbindExternalIdentity)
        .execute(auth, params.id, { password: body.password, code: body.code }, scope.resolve<RequestContext>(TOKENS.RequestContext).ip),
  }),
];
