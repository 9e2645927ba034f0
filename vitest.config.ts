import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run the TypeScript sources, never dist/.
    alias: {
      "@cabinet/core": here("./core/src/index.ts"),
      "@cabinet/migrations": here("./migrations/index.ts"),
    },
  },
  test: {
    include: ["core/test/**/*.test.ts", "plugins/*/test/**/*.test.ts", "widgets/test/**/*.test.ts"],
    environment: "node",
    setupFiles: ["core/test/support/setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Each file gets its own database; two files at a time suits a 2-core machine.
    maxWorkers: 2,
  },
});
