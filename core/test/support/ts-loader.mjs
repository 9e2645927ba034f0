// Lets a child process that a test starts run the core's TypeScript sources, as vitest does
// in the test itself: `node --import ./core/test/support/ts-loader.mjs core/src/cli/main.ts …`.
// Each file is compiled on its own by TypeScript (with decorator metadata, which tsyringe
// needs and esbuild-based runners leave out); `.js` imports find their `.ts` source.
import { register } from "node:module";

register("./ts-loader-hooks.mjs", import.meta.url);
