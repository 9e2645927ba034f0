// Builds the widgets: widgets/src/loader.ts → widgets/dist/cabinet.js (the one script a
// provider includes), plus one lazily imported chunk per widget, a shared chunk (Lit and
// the runtime), one the billing widgets share and one the support widgets share. The core serves widgets/dist at /widgets/.
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import terser from "@rollup/plugin-terser";
import esbuild from "rollup-plugin-esbuild";

export default {
  input: { cabinet: "widgets/src/loader.ts" },
  // The widgets' chunks import the tag registry from the loader itself: let cabinet.js carry
  // that export too, rather than becoming a facade that fetches a "loader" chunk first.
  preserveEntrySignatures: "allow-extension",
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
      // Tag names and prefixes: the loader needs them before any chunk, so they stay in it.
      if (/[\\/]widgets[\\/]src[\\/]runtime[\\/]define-element/.test(id)) return undefined;
      // Every family's Russian strings: fetched only by a page in Russian (i18n/locales.ts).
      if (/[\\/]widgets[\\/]src[\\/]i18n[\\/](russian|ru|[a-z]+\.ru|plural-ru)\.ts$/.test(id)) return "i18n-ru";
      if (/[\\/]node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]/.test(id)) return "runtime";
      // What the billing widgets share (payment flow, paged lists, their strings): one chunk,
      // fetched only by a page with a billing widget.
      if (/[\\/]widgets[\\/]src[\\/](billing[\\/]|i18n[\\/]billing)/.test(id)) return "billing";
      // What the services widgets share (the catalog's controls, quotes, orders, their strings).
      if (/[\\/]widgets[\\/]src[\\/](services[\\/]|i18n[\\/]services)/.test(id)) return "services";
      // Likewise the support widgets' (tickets, notifications, their strings and the live feed).
      if (/[\\/]widgets[\\/]src[\\/](support[\\/]|i18n[\\/]support)/.test(id)) return "support";
      // The settings widgets' (profile, two-step verification, sessions; passkeys load on demand).
      if (/[\\/]widgets[\\/]src[\\/](security[\\/](?!passkeys)|i18n[\\/]security)/.test(id)) return "security";
      // The shared-access widgets' (users, roles, audit log, account switcher).
      if (/[\\/]widgets[\\/]src[\\/](access[\\/]|i18n[\\/]access)/.test(id)) return "access";
      if (/[\\/]widgets[\\/]src[\\/](runtime|i18n|theme)[\\/]/.test(id)) return "runtime";
    },
  },
  plugins: [
    // Chunk names carry a hash: without this, every build would leave the last one's behind.
    // Old files go only once the new ones are written, so a server reading widgets/dist (the
    // demo, a browser test) never finds it empty in the middle of a rebuild.
    {
      name: "clean-dist",
      writeBundle(options, bundle) {
        const dir = options.dir ?? "widgets/dist";
        for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
          if (!entry.isFile()) continue;
          const file = join(entry.parentPath ?? entry.path, entry.name);
          const name = relative(dir, file).split("\\").join("/");
          // A chunk's precompressed copies stay with it (see "precompress").
          // The manifest (`npm run build:manifest`, after rollup) is not rollup's to remove.
          if (name === "custom-elements.json") continue;
          if (!(name.replace(/\.(br|gz)$/, "") in bundle)) rmSync(file, { force: true });
        }
      },
    },
    // Each script also as .br and .gz beside it, compressed once here at the highest levels,
    // so the core sends the smaller bytes without compressing on every request. Written after
    // the script itself, so the core never takes an older copy for a newer script.
    {
      name: "precompress",
      writeBundle: {
        sequential: true,
        handler(options, bundle) {
          const dir = options.dir ?? "widgets/dist";
          for (const name of Object.keys(bundle)) {
            if (!name.endsWith(".js")) continue;
            const source = readFileSync(join(dir, name));
            writeFileSync(join(dir, name + ".br"), brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } }));
            writeFileSync(join(dir, name + ".gz"), gzipSync(source, { level: 9 }));
          }
        },
      },
    },
    // Lit's production build (the "development" export condition is not asked for).
    nodeResolve({ browser: true }),
    // The tsconfig turns on legacy decorators and useDefineForClassFields: false, which Lit's
    // @property needs; esbuild reads both from it.
    esbuild({ target: "es2021", tsconfig: "widgets/tsconfig.json" }),
    terser({ format: { comments: false } }),
  ],
};
