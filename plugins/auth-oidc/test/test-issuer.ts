import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

/** What the issuer says about a login: by default `<login>@issuer.example`, verified. */
export type TestClaims = { email?: string; email_verified?: boolean; name?: string };

export interface TestIssuer {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Creates the provider once the core's callback URL is known (the core listens on port 0 too). */
  register(redirectUri: string): void;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (oidc-provider 9) in this process, over plain http on an ephemeral
 * port, with its development login and consent pages: any login name signs in as that account.
 */
export async function startTestIssuer(claims: Record<string, TestClaims> = {}): Promise<TestIssuer> {
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => {
    if (handle) return handle(req, res);
    res.statusCode = 503;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "cabinet-test";
  const clientSecret = "cabinet-test-secret-0123456789";
  return {
    url,
    clientId,
    clientSecret,
    register(redirectUri) {
      const provider = new Provider(url, {
        clients: [
          { client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], response_types: ["code"], grant_types: ["authorization_code"] },
        ],
        async findAccount(_ctx, sub) {
          return {
            accountId: sub,
            async claims() {
              return { sub, email: `${sub}@issuer.example`, email_verified: true, name: `User ${sub}`, ...claims[sub] };
            },
          };
        },
        claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
        features: { devInteractions: { enabled: true } },
        pkce: { required: () => true },
        cookies: { keys: ["a-test-cookie-key-of-some-length"] },
      });
      handle = provider.callback();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The plugin's provider entry for `issuer`: `test-idp`, labelled "Test IdP" (plain http allowed). */
export function testIdpProvider(issuer: TestIssuer) {
  return { id: "test-idp", label: "Test IdP", issuer: issuer.url, clientId: issuer.clientId, clientSecret: issuer.clientSecret, allowInsecureRequests: true };
}

/**
 * Goes through the issuer's login and consent pages as a browser would (cookies, forms,
 * redirects), as `login`; answers the URL the issuer sends the browser back to (the core's callback).
 */
export async function signInAtIssuer(authorizationUrl: string, login: string, callbackPrefix: string): Promise<string> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  let form: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    const headers: Record<string, string> = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") };
    if (form) headers["content-type"] = "application/x-www-form-urlencoded";
    const response = await fetch(url, { method: form ? "POST" : "GET", headers, body: form?.toString(), redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair.indexOf("=");
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    form = undefined;
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).href;
      if (url.startsWith(callbackPrefix)) return url;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, "&");
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected page at ${url} (${response.status}): ${html.slice(0, 300)}`);
    form = new URLSearchParams(prompt === "login" ? { prompt, login, password: "any password" } : { prompt });
    url = new URL(action, url).href;
  }
  throw new Error("too many steps at the issuer");
}
