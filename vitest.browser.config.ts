import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";

// The widgets' component tests (`widgets/src/components/<tag>/<tag>.test.ts`): each widget
// rendered in a real Chromium (Debian's, as for the e2e specs) against a scripted fetch.
// Apart from vitest.config.ts, whose tests run in Node.
export default defineConfig({
  // Bundled for the browser before the first test, so Vite does not reload the page mid-run when it meets them.
  optimizeDeps: {
    include: ["lit", "lit/decorators.js", "lit/directives/unsafe-html.js", "lit/directives/unsafe-svg.js", "lit/static-html.js", "@simplewebauthn/browser"],
  },
  test: {
    include: ["widgets/src/components/**/*.test.ts"],
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: { executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] },
      }),
      instances: [{ browser: "chromium" }],
      screenshotFailures: false,
    },
    // One browser, files one after the other: a 2-core machine, and the files are quick.
    fileParallelism: false,
  },
});
