import type { Context, Middleware } from "koa";
import { CabinetError } from "../errors/cabinet-error.js";
import type { BrandResolver } from "./callers.js";
import type { CabinetConfig } from "../config/config.schema.js";

const ALLOWED_HEADERS = "Content-Type, Authorization, X-CSRF-Token, X-Cabinet-Brand, X-Request-Id, Idempotency-Key";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The request's Origin when it is another origin than the core's own, else null. The core's
 * own origin is its configured `http.publicUrl`, never one built from the Host header: a
 * caller who sends `Host: evil.test` with `Origin: http://evil.test` is still a foreign site.
 */
export function crossOrigin(ctx: Context, config: Pick<CabinetConfig, "http">): string | null {
  const origin = ctx.get("origin");
  if (!origin || origin === new URL(config.http.publicUrl!).origin) return null;
  return origin;
}

/**
 * CORS for the API, from the brands' allowlists: an origin some brand lists gets the CORS
 * headers (with credentials); any other origin gets none, and its unsafe requests are
 * refused outright rather than trusting the browser to hide the answer.
 */
export function cors(brands: BrandResolver, config: Pick<CabinetConfig, "http">): Middleware {
  return async (ctx, next) => {
    const origin = crossOrigin(ctx, config);
    if (!origin) return next();
    ctx.vary("Origin");
    const brand = await brands.byOrigin(origin);
    if (!brand) {
      if (!SAFE_METHODS.has(ctx.method) || ctx.method === "OPTIONS") {
        throw new CabinetError("CAB_ERR_ORIGIN_NOT_ALLOWED", { origin });
      }
      return next();
    }
    ctx.set("Access-Control-Allow-Origin", origin);
    ctx.set("Access-Control-Allow-Credentials", "true");
    ctx.set("Access-Control-Expose-Headers", "X-Request-Id, Retry-After, Content-Disposition");
    if (ctx.method === "OPTIONS") {
      ctx.set("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE");
      ctx.set("Access-Control-Allow-Headers", ALLOWED_HEADERS);
      ctx.set("Access-Control-Max-Age", "600");
      ctx.status = 204;
      return;
    }
    return next();
  };
}
