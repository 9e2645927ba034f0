import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";

// A fresh SQLite database per run, so every run starts from the same seeded demo. The path
// goes through the environment because Playwright loads this file again in each worker,
// which must not invent a second path; global-teardown.ts deletes the file. (Not CABINET_*:
// the core reads every CABINET_* variable as a setting and refuses unknown ones.)
process.env.E2E_DATABASE_FILE ??= join(tmpdir(), `cabinet-e2e-${process.pid}-${Date.now()}.sqlite`);

// E2E_PORT lets two checkouts run their browser tests side by side. The second brand's site
// (host-examples/other-site) runs on 127.0.0.1 at E2E_OTHER_SITE_PORT: another site than the
// core's localhost, as in `npm start` (8080 and 8081).
const port = Number(process.env.E2E_PORT ?? 8181);
const otherSitePort = Number(process.env.E2E_OTHER_SITE_PORT ?? port + 1);
process.env.E2E_OTHER_SITE_URL ??= `http://127.0.0.1:${otherSitePort}`;
// Where the demo sends e-mail in the browser tests: a real SMTP server that e2e/security.spec.ts
// runs while it needs one (reset links); otherwise nothing listens and deliveries just retry.
export const smtpPort = port + 7;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  globalTeardown: "./e2e/global-teardown.ts",
  // One demo server with one rate limiter and shared seed data: keep it simple and serial.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: `http://localhost:${port}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      // `npx playwright install` cannot download here; Debian's chromium is used instead.
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "desktop", testIgnore: /mobile\.spec\.ts$/ },
    // A phone (390×844, touch, the mobile viewport): the main flows, and nothing wider than the screen (e2e/mobile.spec.ts).
    { name: "phone", testMatch: /mobile\.spec\.ts$/, use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
  ],
  webServer: [
    {
      // `npm run build` runs before the tests; this expects core/dist and widgets/dist.
      command: `node core/dist/cli/main.js demo --other-site-origin ${process.env.E2E_OTHER_SITE_URL}`,
      url: `http://localhost:${port}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        CABINET_DATABASE__URL: `sqlite:${process.env.E2E_DATABASE_FILE}`,
        CABINET_HTTP__PORT: String(port),
        CABINET_ENV: "test",
        CABINET_LOG__LEVEL: "warn",
        // Every test signs in from 127.0.0.1: the demo's per-IP limit is for real visitors.
        CABINET_AUTH__SIGN_IN_LIMIT_PER_IP: JSON.stringify({ points: 1000, durationSeconds: 600 }),
        CABINET_AUTH__SIGN_UP_LIMIT_PER_IP: JSON.stringify({ points: 1000, durationSeconds: 600 }),
        // The demo's own plugins, plus e-mail to the test's SMTP server (naming plugins replaces the demo's list).
        CABINET_PLUGINS: JSON.stringify([
          { name: "payment-sandbox", module: "@cabinet/plugin-payment-sandbox", options: {} },
          { name: "payment-bank-transfer", module: "@cabinet/plugin-payment-bank-transfer", options: {} },
          { name: "documents-chromium", module: "@cabinet/plugin-documents-chromium", options: {} },
          {
            name: "notify-email",
            module: "@cabinet/plugin-notify-email",
            options: { smtp: { host: "127.0.0.1", port: smtpPort, timeoutMs: 2000 }, from: "Northwind Hosting <noreply@northwind.example>" },
          },
        ]),
      },
    },
    {
      command: "node host-examples/other-site/server.mjs",
      url: `${process.env.E2E_OTHER_SITE_URL}/healthz`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { PORT: String(otherSitePort), HOST: "127.0.0.1", CORE_URL: `http://localhost:${port}` },
    },
  ],
});
