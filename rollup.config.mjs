// Builds the widgets: widgets/src/loader.ts → widgets/dist/cabinet.js (the one script a
// provider includes), plus lazily imported chunks: a shared one (Lit and the runtime), one
// holding the billing widgets and one the services list and order form (widgets a page shows
// together), one per other widget, and one for what each other family's widgets share. The
// core serves widgets/dist at /widgets/.
//
// Why the billing and services widgets are not a chunk each: every file is compressed on its
// own and pays its own gzip warm-up (and a request). On the services and billing page
// (bench:widgets) fourteen files gzipped to 62 KB; the same code in five takes 50.
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import { gzipAsync as zopfliGzip } from "@gfx/zopfli";
import minifyHtmlLiterals from "@lit-labs/rollup-plugin-minify-html-literals";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import terser from "@rollup/plugin-terser";
import esbuild from "rollup-plugin-esbuild";

/** The magic comment of V8's explicit compile hints; it must open the file. */
const COMPILE_EAGERLY = "//# allFunctionsCalledOnLoad";

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
    // V8's explicit compile hint (Chrome 136 and later; others read a comment): the chunks of the
    // runtime and of the billing and services widgets run nearly all their functions as the page
    // loads, so V8 compiles them as the file streams in, off the main thread, rather than
    // pre-parsing each one there and compiling it again at its first call. On the services and
    // billing page (bench:widgets) it took 11 ms of main-thread time off 150.
    banner: (chunk) => (["runtime", "billing", "services"].includes(chunk.name) ? COMPILE_EAGERLY : ""),
    // Chunks named for what they hold rather than after whichever module rollup happens to
    // pick. A module put in a chunk here takes its own imports along unless they are named too.
    manualChunks(id) {
      // Tag names and prefixes: the loader needs them before any chunk, so they stay in it (the
      // chunk named after the entry is the entry, cabinet.js), not pulled into the runtime's.
      if (/[\\/]widgets[\\/]src[\\/](loader|runtime[\\/]define-element)\.ts$/.test(id)) return "cabinet";
      // Every family's Russian strings: fetched only by a page in Russian (i18n/locales.ts).
      if (/[\\/]widgets[\\/]src[\\/]i18n[\\/](russian|ru|[a-z-]+\.ru|plural-ru)\.ts$/.test(id)) return "i18n-ru";
      // The payers' strings: <cab-payers>, and the order form once it has payers to choose from.
      if (/[\\/]widgets[\\/]src[\\/]i18n[\\/]payers/.test(id)) return "payers";
      // Idempotent writes (an order, a top-up, paying an invoice), which billing widgets use too,
      // and the payers' list, which the order form asks for: in the runtime, so a billing page
      // does not fetch the services chunk, nor the order form the payers' chunk.
      if (/[\\/]widgets[\\/]src[\\/](services[\\/]order-attempt|billing[\\/]payers-api)/.test(id)) return "runtime";
      // Lit itself; a directive only one widget uses (unsafe-html, unsafe-svg) goes with it.
      if (/[\\/]node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/](?!(.*[\\/])?directives[\\/])/.test(id)) return "runtime";
      // The billing widgets — balance, invoices, transactions, payments, documents with the
      // contract and the statement request they show — and what they share (payment flow,
      // their strings): one chunk, fetched by a page with any of them.
      if (
        /[\\/]widgets[\\/]src[\\/](billing[\\/]|i18n[\\/](billing|agreements)|components[\\/]cab-(balance|invoices|ledger|payments|documents|contract|statement-request)[\\/])/.test(
          id,
        )
      )
        return "billing";
      // The services list and the order form, and what they share (the catalog's controls,
      // quotes, their strings). <cab-service> and its panel stay apart: a page of their own.
      if (/[\\/]widgets[\\/]src[\\/](services[\\/]|i18n[\\/]services|components[\\/]cab-(services|order)[\\/])/.test(id)) return "services";
      // Likewise the support widgets' (tickets, notifications, their strings and the live feed).
      if (/[\\/]widgets[\\/]src[\\/](support[\\/]|i18n[\\/]support)/.test(id)) return "support";
      // The settings widgets' (profile, two-step verification, sessions; passkeys load on demand).
      if (/[\\/]widgets[\\/]src[\\/](security[\\/](?!passkeys)|i18n[\\/]security)/.test(id)) return "security";
      // The shared-access widgets' (users, roles, audit log, account switcher).
      if (/[\\/]widgets[\\/]src[\\/](access[\\/]|i18n[\\/]access)/.test(id)) return "access";
      // The runtime, the theme, the common strings, and <cab-config> (on nearly every page).
      // A family's strings (privacy, the service panel…) go with the widgets that use them.
      if (/[\\/]widgets[\\/]src[\\/](runtime[\\/]|components[\\/]cab-config[\\/]|theme[\\/]|i18n[\\/](index|en|locales|plural)\.ts$)/.test(id))
        return "runtime";
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
        async handler(options, bundle) {
          const dir = options.dir ?? "widgets/dist";
          for (const name of Object.keys(bundle)) {
            if (!name.endsWith(".js")) continue;
            const source = readFileSync(join(dir, name));
            writeFileSync(
              join(dir, name + ".br"),
              brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } }),
            );
            // Zopfli: a plain gzip stream any browser reads, 3–4 % smaller than zlib's level 9.
            writeFileSync(join(dir, name + ".gz"), await zopfliGzip(source, { numiterations: 15 }));
          }
        },
      },
    },
    // Lit's production build (the "development" export condition is not asked for).
    nodeResolve({ browser: true }),
    // The markup and CSS inside html`` and css`` templates, minified (whitespace, comments, CSS
    // by lightningcss): terser leaves template strings as they are.
    minifyHtmlLiterals({
      include: ["widgets/src/**/*.ts"],
      failOnError: true,
      // Lit's html`` and svg`` (css`` is always minified); not lit/static-html's templates, whose tag names are expressions no HTML parser takes.
      options: { shouldMinify: (template) => template.tag === "html" || template.tag === "svg" },
    }),
    // The tsconfig turns on legacy decorators and useDefineForClassFields: false, which Lit's
    // @property needs; esbuild reads both from it.
    esbuild({ target: "es2021", tsconfig: "widgets/tsconfig.json" }),
    // No comments, but the compile hint (the banner above).
    terser({ format: { comments: /^# allFunctionsCalledOnLoad$/ } }),
  ],
};
