import type { Middleware } from "koa";

/** A chunk's name carries its content hash (rollup's `chunks/[name]-[hash].js`): it never changes. */
const HASHED = /\/chunks\/[^/]+-[A-Za-z0-9_-]{6,}\.js(\.map)?$/;

/**
 * Headers of the widget bundle under `prefix`, for pages on the providers' own sites:
 *
 * - hashed chunks: `Access-Control-Allow-Origin: *` and cached for a year, immutable. They are
 *   public code fetched without credentials (a module script's default), the same bytes for
 *   every site; one answer for all origins lets the browser and any shared cache keep one copy
 *   (a per-origin answer would need `Vary: Origin` and split the cache per site).
 * - the loader (`cabinet.js`) and anything else: CORS only for an origin some brand allows
 *   (`Vary: Origin`), and `no-cache`, so a new release's loader, naming the new chunks, is
 *   picked up at the next page load (revalidated with its ETag or Last-Modified, a 304 when unchanged).
 *
 * Compression and validators are `staticFiles`'s (precompressed `.br`/`.gz` copies, `Vary: Accept-Encoding`).
 *
 * `Cross-Origin-Resource-Policy: cross-origin` lets pages that isolate themselves (COEP) load it.
 */
export function widgetAssets(prefix: string, isAllowedOrigin: (origin: string) => Promise<boolean>): Middleware {
  const base = prefix.endsWith("/") ? prefix : prefix + "/";
  return async (ctx, next) => {
    if (!ctx.path.startsWith(base) || (ctx.method !== "GET" && ctx.method !== "HEAD")) return next();
    await next();
    if (ctx.status !== 200 && ctx.status !== 304) return;
    ctx.set("Cross-Origin-Resource-Policy", "cross-origin");
    if (HASHED.test(ctx.path)) {
      ctx.set("Cache-Control", "public, max-age=31536000, immutable");
      ctx.set("Access-Control-Allow-Origin", "*");
      return;
    }
    ctx.set("Cache-Control", "no-cache");
    ctx.vary("Origin");
    const origin = ctx.get("origin");
    if (origin && (await isAllowedOrigin(origin))) ctx.set("Access-Control-Allow-Origin", origin);
  };
}
