// Builds the widgets: widgets/src/loader.ts → widgets/dist/cabinet.js (the one script a
// provider includes), plus one lazily imported chunk per widget, a shared chunk (Lit and
// the runtime) and one the billing widgets share. The core serves widgets/dist at /widgets/.
import { rmSync } from "node:fs";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import terser from "@rollup/plugin-terser";
import esbuild from "rollup-plugin-esbuild";

export default {
  input: { cabinet: "widgets/src/loader.ts" },
  output: {
    dir: "widgets/dist",
    format: "es",
    entryFileNames: "[name].js",
    // Hashed, so a provider's CDN may cache chunks for ever; cabinet.js itself is not.
    chunkFileNames: "chunks/[name]-[hash].js",
    sourcemap: true,
    // Lit and the runtime (session, API client, i18n, theme) in one shared chunk, named for
    // what it is rather than after whichever module rollup happens to pick.
    manualChunks(id) {
      if (/[\\/]node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]/.test(id)) return "runtime";
      // What the billing widgets share (payment flow, paged lists, their strings): one chunk,
      // fetched only by a page with a billing widget.
      if (/[\\/]widgets[\\/]src[\\/](billing[\\/]|i18n[\\/]billing)/.test(id)) return "billing";
      if (/[\\/]widgets[\\/]src[\\/](runtime|i18n|theme)[\\/]/.test(id)) return "runtime";
    },
  },
  plugins: [
    // Chunk names carry a hash: without this, every build would leave the last one's behind.
    { name: "clean-dist", buildStart: () => rmSync("widgets/dist", { recursive: true, force: true }) },
    // Lit's production build (the "development" export condition is not asked for).
    nodeResolve({ browser: true }),
    // The tsconfig turns on legacy decorators and useDefineForClassFields: false, which Lit's
    // @property needs; esbuild reads both from it.
    esbuild({ target: "es2021", tsconfig: "widgets/tsconfig.json" }),
    terser({ format: { comments: false } }),
  ],
};
