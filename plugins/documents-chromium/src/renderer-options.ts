import { Type, type Static } from "@cabinet/core";

/** The defaults, in one place: the schema's `default`s and the renderer's constructor share them. */
export const rendererDefaults = {
  executablePath: "/usr/bin/chromium",
  pages: 2,
  queueLimit: 200,
  timeoutMs: 20_000,
  extraArgs: [] as string[],
} as const;

/**
 * The plugin's options. The core validates them at boot and fills in the defaults.
 *
 * @example
 * { "name": "documents-chromium", "module": "@cabinet/plugin-documents-chromium",
 *   "options": { "pages": 4, "timeoutMs": 10000 } }
 */
export const rendererOptionsSchema = Type.Object(
  {
    /** The Chromium binary; Debian's wrapper script by default (downloading a browser is not needed). */
    executablePath: Type.String({ minLength: 1, maxLength: 4096, default: rendererDefaults.executablePath }),
    /** Warm pages kept open, which is also how many documents print at once. */
    pages: Type.Integer({ minimum: 1, maximum: 8, default: rendererDefaults.pages }),
    /** Documents that may wait for a page; beyond it `renderPdf` refuses with CAB_ERR_UNAVAILABLE. */
    queueLimit: Type.Integer({ minimum: 0, maximum: 100_000, default: rendererDefaults.queueLimit }),
    /** The longest one document may occupy a page; a request's own `timeoutMs` may only shorten it. */
    timeoutMs: Type.Integer({ minimum: 1, maximum: 600_000, default: rendererDefaults.timeoutMs }),
    /** More Chromium command-line switches, after the ones the renderer always passes. */
    extraArgs: Type.Array(Type.String({ maxLength: 4096 }), { maxItems: 100, default: [] }),
  },
  { additionalProperties: false },
);

export type RendererOptions = Static<typeof rendererOptionsSchema>;
