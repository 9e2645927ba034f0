import { timingSafeEqual } from "node:crypto";
import Koa from "koa";
import compose from "koa-compose";
import mount from "koa-mount";
import { bodyParser } from "@koa/bodyparser";
import type { CabinetConfig } from "../config/config.schema.js";
import { CabinetError } from "../errors/cabinet-error.js";
import { buildApiRouter, buildRawBodyReader } from "../http/api-router.js";
import type { BrandResolver } from "../http/callers.js";
import { cors } from "../http/cors.js";
import { errorMiddleware } from "../http/error-middleware.js";
import { healthRouter } from "../http/health.routes.js";
import { buildOpenApi } from "../http/openapi.js";
import { requestContext } from "../http/request-context.js";
import type { AnyRoute } from "../http/route.js";
import { staticFiles, type StaticDir } from "../http/static-files.js";
import { widgetAssets } from "../http/widget-assets.js";
import { Validators } from "../http/validation.js";
import type { CabinetModule } from "../kernel/cabinet-module.js";
import type { PluginHost } from "../kernel/plugin-host.js";
import type { SessionGuard } from "../kernel/session-guard.js";
import { TOKENS } from "../kernel/tokens.js";
import { CORE_VERSION } from "../kernel/version.js";
import type { CoreParts } from "./build-container.js";

export type OpenApiDocument = ReturnType<typeof buildOpenApi>;

/**
 * Step 5: the HTTP API. The modules' routes under `/api/v1` and each plugin's under
 * `/api/v1/plugins/<name>`, their schemas compiled once here; the OpenAPI document of them
 * all; and the Koa chain: request context → errors → health → plugin pages → static files →
 * (under /api/) OpenAPI, CORS, raw bodies, JSON body, routes.
 */
export function buildHttp(
  core: CoreParts,
  config: CabinetConfig,
  modules: CabinetModule[],
  host: PluginHost,
  staticDirs: StaticDir[],
  /** Set by `stop()`: a stopping node answers what is already on a kept-alive connection, then closes it. */
  state: { draining: boolean },
): { app: Koa; openApi: OpenApiDocument } {
  const validators = new Validators();
  const brands = core.container.resolve<BrandResolver>(TOKENS.BrandResolver);
  const routeSets: { prefix: string; routes: AnyRoute[] }[] = [
    { prefix: "/api/v1", routes: modules.flatMap((m) => m.routes) },
    ...host.routes().map(({ plugin, routes }) => ({ prefix: `/api/v1/plugins/${plugin}`, routes })),
  ];
  // Modules' and plugins' checks on every signed-in client request (an account under restriction…).
  const guards = core.container.isRegistered(TOKENS.SessionGuards) ? core.container.resolveAll<SessionGuard>(TOKENS.SessionGuards) : [];
  const routers = routeSets.map((set) => buildApiRouter(set.routes, { config, brands, validators, guards }, set.prefix));

  const openApi = buildOpenApi([], { title: "Cabinet API", version: CORE_VERSION });
  for (const set of routeSets) Object.assign(openApi.paths, buildOpenApi(set.routes, openApi.info, set.prefix).paths);

  const app = new Koa({ proxy: config.http.trustProxy });
  app.silent = true; // the error middleware logs; Koa's default handler would print stacks to stderr
  const metrics = core.metrics;
  app.use(async (ctx, next) => {
    const end = metrics.httpDuration.startTimer();
    try {
      await next();
    } finally {
      // The route's pattern, never the raw path: ids in paths would make a series per service.
      const route =
        (ctx as unknown as { _matchedRoute?: string })._matchedRoute ??
        (ctx.path.startsWith("/api/") ? "unmatched" : ctx.path === "/metrics" || ctx.path === "/healthz" || ctx.path === "/readyz" ? ctx.path : "other");
      const labels = { method: ctx.method, route, status: String(ctx.status) };
      end(labels);
      metrics.httpRequests.inc(labels);
    }
  });
  app.use((ctx, next) => {
    if (state.draining) ctx.set("Connection", "close");
    return next();
  });
  app.use(requestContext(core.container, core.logger));
  app.use(errorMiddleware(core.logger));
  app.use(healthRouter(core.db).routes());
  const metricsToken = config.metrics.token === undefined ? undefined : Buffer.from(`Bearer ${config.metrics.token}`);
  app.use(async (ctx, next) => {
    if (ctx.path !== "/metrics" || metricsToken === undefined) return next();
    const given = Buffer.from(ctx.get("authorization"));
    if (given.length !== metricsToken.length || !timingSafeEqual(given, metricsToken))
      throw new CabinetError("CAB_ERR_UNAUTHENTICATED", { reason: "the metrics token is missing or wrong" });
    if (ctx.method !== "GET") throw new CabinetError("CAB_ERR_METHOD_NOT_ALLOWED", { allowed: ["GET"] });
    ctx.set("Content-Type", metrics.registry.contentType);
    ctx.body = await metrics.registry.metrics();
  });
  for (const { plugin, middleware } of host.pages()) app.use(mount(`/plugins/${plugin}`, middleware));
  app.use(widgetAssets("/widgets", async (origin) => Boolean(await brands.byOrigin(origin))));
  for (const { prefix, dir, htmlHeaders, render } of staticDirs) {
    app.use(staticFiles(prefix, dir, { htmlHeaders, render: render && ((file, query) => render(file, { container: core.container, query })) }));
  }
  const openApiPath = "/api/v1/openapi.json";
  const limitBytes = config.http.bodyLimitBytes;
  const apiChain = compose([
    async (ctx: Koa.Context, next: Koa.Next) => {
      if (ctx.path !== openApiPath || ctx.method !== "GET") return next();
      ctx.body = openApi;
    },
    cors(brands, config),
    // Routes that declare `rawBody` (webhooks, verified over the exact bytes sent) keep their body unparsed.
    ...routeSets.map(({ routes, prefix }) => buildRawBodyReader(routes, limitBytes, prefix).routes()),
    bodyParser({
      enableTypes: ["json"],
      jsonLimit: limitBytes,
      parsedMethods: ["POST", "PUT", "PATCH", "DELETE"],
      onError: (error) => {
        const status = (error as { status?: number }).status;
        if (status === 413) throw new CabinetError("CAB_ERR_PAYLOAD_TOO_LARGE", { limitBytes });
        if (status === 415) throw new CabinetError("CAB_ERR_UNSUPPORTED_MEDIA_TYPE");
        throw new CabinetError("CAB_ERR_MALFORMED_JSON");
      },
    }),
    ...routers,
  ] as Koa.Middleware[]);
  app.use((ctx, next) => (ctx.path.startsWith("/api/") ? apiChain(ctx, next) : next()));
  return { app, openApi };
}
