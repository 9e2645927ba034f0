import type { Middleware } from "koa";
import type { Logger } from "pino";
import { CabinetError } from "../errors/cabinet-error.js";
import type { ErrorCode } from "../errors/error-catalogue.js";
import type { RequestContext } from "./request-context.js";

/** What Koa, the body parser and the router throw, by status, in the catalogue's words. */
const byStatus: Record<number, ErrorCode> = {
  400: "CAB_ERR_VALIDATION",
  401: "CAB_ERR_UNAUTHENTICATED",
  403: "CAB_ERR_FORBIDDEN",
  404: "CAB_ERR_ROUTE_NOT_FOUND",
  405: "CAB_ERR_METHOD_NOT_ALLOWED",
  413: "CAB_ERR_PAYLOAD_TOO_LARGE",
  415: "CAB_ERR_UNSUPPORTED_MEDIA_TYPE",
  422: "CAB_ERR_UNPROCESSABLE",
  429: "CAB_ERR_RATE_LIMITED",
  // The router's answer to a method it does not know at all (PROPFIND, TRACE, MKCOL…): the
  // caller's mistake, not ours, so no 500 and no stack in the log.
  501: "CAB_ERR_METHOD_NOT_IMPLEMENTED",
};

export function toCabinetError(error: unknown): CabinetError {
  if (error instanceof CabinetError) return error;
  const e = error as { status?: number; statusCode?: number; type?: string; expose?: boolean };
  if (e?.type === "entity.parse.failed") return new CabinetError("CAB_ERR_MALFORMED_JSON");
  const status = e?.status ?? e?.statusCode;
  if (status && (status < 500 || status === 501) && byStatus[status]) return new CabinetError(byStatus[status]);
  return new CabinetError("CAB_ERR_INTERNAL");
}

/**
 * Renders every failure as `{ error: { code, message, details } }`. Internal errors are
 * logged with their stack and answered with a generic message and the request id.
 */
export function errorMiddleware(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith("/api/")) {
        throw new CabinetError("CAB_ERR_ROUTE_NOT_FOUND");
      }
    } catch (error) {
      const cabinetError = toCabinetError(error);
      const log = (ctx.state.request as RequestContext | undefined)?.logger ?? logger;
      if (cabinetError.status >= 500 && cabinetError.code !== "CAB_ERR_METHOD_NOT_IMPLEMENTED") log.error({ err: error }, "request failed");
      else log.debug({ code: cabinetError.code }, "request refused");
      ctx.status = cabinetError.status;
      if (cabinetError.code === "CAB_ERR_RATE_LIMITED" && typeof cabinetError.details.retryAfterSeconds === "number") {
        ctx.set("Retry-After", String(cabinetError.details.retryAfterSeconds));
      }
      // An internal error's details are the fault's own; other errors carry details composed for the caller.
      const requestId = ctx.response.get("X-Request-Id");
      const details =
        cabinetError.code === "CAB_ERR_INTERNAL" ? { requestId } : cabinetError.status >= 500 ? { ...cabinetError.details, requestId } : cabinetError.details;
      ctx.body = { error: { code: cabinetError.code, message: cabinetError.message, details } };
    }
  };
}
