import type { Page } from "@playwright/test";
// The OpenID Connect plugin as built (npm run build), and a real OpenID provider (oidc-provider) for it to talk to.
import oidcPlugin from "../plugins/auth-oidc/dist/index.js";
import { startTestIssuer, testIdpProvider } from "../plugins/auth-oidc/test/test-issuer.js";
import { startOwnCabinet, type OwnCabinet } from "./own-cabinet.js";

/**
 * A core of the test's own whose brand offers sign-in at a real OpenID provider ("Test IdP"),
 * registered with the core's callback; `close` stops both.
 */
export async function startOidcCabinet(): Promise<OwnCabinet> {
  const issuer = await startTestIssuer();
  const own = await startOwnCabinet([{ definition: oidcPlugin, options: { providers: [testIdpProvider(issuer)] } }]);
  issuer.register(`${own.url}/api/v1/auth/external/callback`);
  return {
    ...own,
    async close() {
      await own.close();
      await issuer.close();
    },
  };
}

/** Through the test provider's own (development) login and consent pages, as `login`. */
export async function signInAtTestIdp(page: Page, login: string): Promise<void> {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}
