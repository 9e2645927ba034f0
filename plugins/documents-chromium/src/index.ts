import { access, constants } from "node:fs/promises";
import { definePlugin, PluginError } from "@cabinet/core";
import { ChromiumRenderer } from "./chromium-renderer.js";
import { rendererOptionsSchema } from "./renderer-options.js";

export { ChromiumRenderer, type RendererLog } from "./chromium-renderer.js";
export { rendererDefaults, rendererOptionsSchema, type RendererOptions } from "./renderer-options.js";

/**
 * The `document-renderer` with id `chromium`: invoices and other documents printed to PDF by
 * Debian's Chromium through playwright-core, with a pool of warm pages, a bounded queue, a
 * per-document timeout and a relaunch when the browser dies (see {@link ChromiumRenderer}).
 *
 * Chromium starts with the first document, not at boot, so processes that never print (the
 * CLI, a worker for other jobs) do not pay for it; `init` only checks that the binary exists,
 * so a wrong `executablePath` stops start-up instead of failing the first invoice.
 *
 * @example
 * // cabinet.config.json
 * { "plugins": [{ "name": "documents-chromium", "module": "@cabinet/plugin-documents-chromium",
 *                 "options": { "pages": 2, "timeoutMs": 20000 } }] }
 * // then, in the core
 * const pdf = await extensions.get("document-renderer", "chromium")!.renderPdf({ documentId, html, timeoutMs: 20_000 });
 */
export default definePlugin({
  name: "documents-chromium",
  version: "0.1.0",
  coreRange: "^0.1.0",
  optionsSchema: rendererOptionsSchema,
  register({ options, provide, logger }) {
    provide("document-renderer", new ChromiumRenderer(options, logger));
  },
  async init({ name, options }) {
    try {
      await access(options.executablePath, constants.X_OK);
    } catch {
      throw new PluginError(`Plugin "${name}": no executable Chromium at ${options.executablePath} (install Debian's chromium or set executablePath)`);
    }
  },
  async shutdown({ extensions }) {
    // The registry holds the one renderer `register` made: the plugin keeps no state of its own.
    const renderer = extensions.get("document-renderer", "chromium");
    if (renderer instanceof ChromiumRenderer) await renderer.close();
  },
});
