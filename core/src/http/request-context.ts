import { randomUUID } from "node:crypto";
import type { Middleware } from "koa";
import type { Logger } from "pino";
import type { DependencyContainer } from "tsyringe";
import { TOKENS } from "../kernel/tokens.js";

/** Facts about the current request, registered in its child container. */
export interface RequestContext {
  requestId: string;
  ip: string;
  userAgent: string;
  logger: Logger;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * First in the chain: gives every request an id (a sane incoming `X-Request-Id` is kept, so a
 * provider's proxy can correlate), a child logger and a child container, and logs one line
 * when the response is done.
 */
export function requestContext(root: DependencyContainer, logger: Logger): Middleware {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    const incoming = ctx.get("x-request-id");
    const requestId = REQUEST_ID.test(incoming) ? incoming : randomUUID();
    ctx.set("X-Request-Id", requestId);
    let requestLogger: Logger | undefined;
    const scope = root.createChildContainer();
    const context: RequestContext = {
      requestId,
      ip: ctx.ip,
      userAgent: ctx.get("user-agent"),
      // Made on first use: most requests at level "warn" never log.
      get logger() {
        return (requestLogger ??= logger.child({ reqId: requestId }));
      },
    };
    scope.register(TOKENS.RequestContext, { useValue: context });
    ctx.state.scope = scope;
    ctx.state.request = context;
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (logger.isLevelEnabled("info"))
        context.logger.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10 }, "request");
    }
  };
}
