import { defineRoute } from "../../http/route.js";
import { idempotencyKeyOf } from "../../http/idempotency.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { RequestContext } from "../../http/request-context.js";
import { newId } from "../../kernel/ids.js";
import { Reauthenticate } from "../accounts/index.js";
import { CreatePanelLoginLink } from "./create-panel-login-link.js";
import { GetServicePanel } from "./get-service-panel.js";
import { OpenPanelLoginLink } from "./open-panel-login-link.js";
import { RevealServiceCredential } from "./reveal-service-credential.js";
import { RunServiceAction } from "./run-service-action.js";
import {
  ActionBody,
  ActionParams,
  ActionResult,
  CredentialParams,
  PanelLink,
  PanelLinkParams,
  PanelParams,
  PanelQuery,
  Redirecting,
  RevealBody,
  RevealedCredential,
  ServicePanelView,
} from "./service-panels.schemas.js";

const common = { tags: ["services"], auth: "user" as const, permission: "services" as const };
const INACTIVE = "409 CAB_ERR_ILLEGAL_TRANSITION when the service is not active; 404 when its provisioner offers no panel. ";
const PROVIDER =
  "504 CAB_ERR_PROVIDER_TIMEOUT when the provider does not answer in time, 502 CAB_ERR_PROVIDER_FAILED when it fails or refuses (`details.reason`).";

export const servicePanelRoutes = [
  defineRoute({
    ...common,
    method: "get",
    path: "/services/:id/panel",
    operationId: "getServicePanel",
    summary: "What the service's provisioner shows on its page: fields, credentials, actions, control panel, usage",
    description:
      "Only while the service is active (`state`). Each action says whether the caller may run it (`allowed`: `change` in services, `delete` for what destroys data). A provider that fails or is slow gives `state: unavailable`, not an error.",
    params: PanelParams,
    query: PanelQuery,
    response: ServicePanelView,
    handler: ({ auth, params, query, brand, scope }) => scope.resolve(GetServicePanel).execute(auth, params.id, query.locale ?? brand.defaultLocale),
  }),
  defineRoute({
    ...common,
    method: "post",
    path: "/services/:id/panel/credentials/:key/reveal",
    operationId: "revealServiceCredential",
    action: "change",
    summary: "Show one credential of the service (a root password)",
    description:
      "Needs `change` in services (403 otherwise) and re-authentication: `password` when the user has one, `code` when a second factor is on (403 CAB_ERR_REAUTH_FAILED with `details.needs`). Recorded in the audit log (`service.credential_revealed`). The answer is not cached. 404 for a credential the provider does not know. " +
      INACTIVE +
      PROVIDER,
    params: CredentialParams,
    query: PanelQuery,
    body: RevealBody,
    response: RevealedCredential,
    async handler({ auth, params, query, body, brand, scope, ctx }) {
      await scope.resolve(Reauthenticate).execute(auth, scope.resolve<RequestContext>(TOKENS.RequestContext).ip, { password: body.password, code: body.code });
      ctx.set("Cache-Control", "no-store");
      return scope.resolve(RevealServiceCredential).execute(auth, params.id, params.key, query.locale ?? brand.defaultLocale);
    },
  }),
  defineRoute({
    ...common,
    method: "post",
    path: "/services/:id/panel/actions/:key",
    operationId: "runServiceAction",
    action: "change",
    summary: "Run one of the service's panel actions (reboot, reset password, reinstall)",
    description:
      "Needs `change` in services, and `delete` for an action whose `right` is `delete` (403 otherwise). An action that `reveals` a credential (a password reset) needs re-authentication in the body, as a reveal does (403 CAB_ERR_REAUTH_FAILED with `details.needs`), and answers the new value in `credential`, once (audited as `service.credential_revealed`; not cached). An optional `Idempotency-Key` header goes to the provider, so a retried click is one reboot. Recorded in the audit log (`service.panel_action`) with its outcome. 404 for an action the provider does not offer. " +
      INACTIVE +
      PROVIDER,
    idempotencyKey: "optional",
    params: ActionParams,
    query: PanelQuery,
    body: ActionBody,
    response: ActionResult,
    handler({ auth, params, query, body, brand, scope, ctx }) {
      // An answer may hold a new credential (a password reset): never cached.
      ctx.set("Cache-Control", "no-store");
      const proof = { ip: scope.resolve<RequestContext>(TOKENS.RequestContext).ip, password: body.password, code: body.code };
      return scope
        .resolve(RunServiceAction)
        .execute(auth, params.id, params.key, query.locale ?? brand.defaultLocale, idempotencyKeyOf(ctx, false) ?? newId("act", Date.now()), proof);
    },
  }),
  defineRoute({
    ...common,
    method: "post",
    path: "/services/:id/panel/login",
    operationId: "createPanelLoginLink",
    action: "change",
    summary: "A one-time link that signs the client in to the service's control panel",
    description:
      "Needs `change` in services. The link works once, within a minute; open it in a new tab. Recorded in the audit log (`service.panel_login`). " + INACTIVE,
    params: PanelParams,
    query: PanelQuery,
    body: ActionBody,
    response: PanelLink,
    handler: ({ auth, params, query, brand, scope }) => scope.resolve(CreatePanelLoginLink).execute(auth, params.id, query.locale ?? brand.defaultLocale),
  }),
  defineRoute({
    method: "get",
    path: "/panel-login/:token",
    operationId: "openPanelLoginLink",
    summary: "Opens a one-time control panel link: redirects (303) to the provider's panel",
    description: "The secret in the path is the credential. Used, expired, unknown — or the service no longer active — answers 400 CAB_ERR_LINK_INVALID.",
    tags: ["services"],
    auth: "public",
    brandless: true,
    params: PanelLinkParams,
    response: Redirecting,
    produces: "text/html",
    status: 303,
    async handler({ params, scope, ctx }) {
      const location = await scope.resolve(OpenPanelLoginLink).execute(params.token);
      ctx.set("Location", location);
      ctx.set("Cache-Control", "no-store");
      ctx.set("Referrer-Policy", "no-referrer");
      return "<!doctype html><title>Opening the control panel…</title><p>Opening the control panel…</p>";
    },
  }),
];
