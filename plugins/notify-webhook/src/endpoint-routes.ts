import { randomBytes } from "node:crypto";
import { CabinetError, defineRoute, Obj, Type, type AuthContext } from "@cabinet/core";
import { isInternalAddress, isLocalName, literalAddress } from "./address-guard.js";
import type { WebhookStore } from "./webhook-store.js";

const EndpointState = Obj({
  url: Type.Union([Type.String(), Type.Null()], { description: "Where notifications are POSTed; null when none is set" }),
  secret: Type.Union([Type.String(), Type.Null()], { description: "The key of the HMAC-SHA256 signature (see the plugin's README)" }),
});

const invalid = (path: string, message: string) =>
  new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "body", path, message }] }, `${path.slice(1)} ${message}`);

/** Only the account's owner sets where its notifications go: the endpoint sees every event. */
function requireOwner(auth: AuthContext) {
  if (auth.role !== "owner") throw new CabinetError("CAB_ERR_FORBIDDEN", { reason: "only the account's owner manages its webhook" });
}

/** http(s), no credentials in it, and (unless allowed) not an address inside the provider's network. */
export function checkEndpointUrl(input: string, allowInternal: boolean): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw invalid("/url", "is not a URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw invalid("/url", "must be http or https");
  if (url.username || url.password) throw invalid("/url", "must not carry a user name or password");
  if (!allowInternal) {
    const literal = literalAddress(url.hostname);
    const host = url.hostname.toLowerCase();
    if ((literal && isInternalAddress(literal)) || isLocalName(host)) throw invalid("/url", "must not point at a loopback or private address");
  }
  return url.href;
}

/** The caller's account's webhook endpoint: read, set (a secret is made when none is given), remove. */
export function endpointRoutes(store: WebhookStore, allowInternal: boolean) {
  return [
    defineRoute({
      method: "get",
      path: "/endpoint",
      operationId: "getWebhookEndpoint",
      summary: "The account's webhook endpoint (owner only)",
      tags: ["notifications"],
      auth: "user",
      response: EndpointState,
      async handler({ auth }) {
        requireOwner(auth);
        const endpoint = await store.ofAccount(auth.accountId);
        return { url: endpoint?.url ?? null, secret: endpoint?.secret ?? null };
      },
    }),
    defineRoute({
      method: "put",
      path: "/endpoint",
      operationId: "putWebhookEndpoint",
      summary: "Set the account's webhook endpoint (owner only)",
      description: "Without `secret`, the current one is kept, or a new random one is made. Loopback and private addresses are refused in production.",
      tags: ["notifications"],
      auth: "user",
      body: Obj({
        url: Type.String({ minLength: 1, maxLength: 2000 }),
        secret: Type.Optional(Type.String({ minLength: 16, maxLength: 200 })),
      }),
      response: EndpointState,
      async handler({ auth, body }) {
        requireOwner(auth);
        const url = checkEndpointUrl(body.url, allowInternal);
        const secret = body.secret ?? (await store.ofAccount(auth.accountId))?.secret ?? randomBytes(32).toString("base64url");
        await store.save(auth.accountId, auth.userId, { url, secret });
        return { url, secret };
      },
    }),
    defineRoute({
      method: "delete",
      path: "/endpoint",
      operationId: "deleteWebhookEndpoint",
      summary: "Remove the account's webhook endpoint (owner only)",
      tags: ["notifications"],
      auth: "user",
      response: null,
      async handler({ auth }) {
        requireOwner(auth);
        await store.remove(auth.accountId);
      },
    }),
  ];
}
