import "reflect-metadata";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import Koa from "koa";
import compose from "koa-compose";
import mount from "koa-mount";
import { bodyParser } from "@koa/bodyparser";
import { Redis } from "ioredis";
import { container as globalContainer, type DependencyContainer } from "tsyringe";
import type { DestinationStream, Logger } from "pino";
import { loadConfig } from "../config/load-config.js";
import { CabinetError } from "../errors/cabinet-error.js";
import type { CabinetConfig, CabinetConfigInput } from "../config/config.schema.js";
import { createDatabase, type Database } from "../db/create-database.js";
import { allMigrations, migrateLatest } from "../db/migrate.js";
import { buildApiRouter, buildRawBodyReader } from "../http/api-router.js";
import type { BrandResolver } from "../http/callers.js";
import { cors } from "../http/cors.js";
import { errorMiddleware } from "../http/error-middleware.js";
import { healthRouter } from "../http/health.routes.js";
import { buildOpenApi } from "../http/openapi.js";
import { requestContext } from "../http/request-context.js";
import type { AnyRoute } from "../http/route.js";
import { staticFiles } from "../http/static-files.js";
import { Validators } from "../http/validation.js";
import { coreModules } from "../modules/index.js";
import { systemClock, type Clock } from "../kernel/clock.js";
import { EventBus } from "../kernel/event-bus.js";
import type { ExtensionRegistry } from "../kernel/extension-registry.js";
import { createLogger } from "../kernel/logger.js";
import { provideDefaultExtensions } from "../kernel/default-extensions.js";
import type { JobQueue } from "../extension-points/job-queue.js";
import type { PluginDefinition } from "../kernel/plugin.js";
import { PluginHost } from "../kernel/plugin-host.js";
import { TOKENS } from "../kernel/tokens.js";
import { CORE_VERSION } from "../kernel/version.js";

export interface CabinetOptions {
  /** Plugins the host application provides; the config enables them by name. */
  // Each plugin has its own config type; the list holds them all, each checked by its own schema.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  plugins?: PluginDefinition<any>[];
  clock?: Clock;
  /** Where JSON logs go (stdout by default). */
  logDestination?: DestinationStream;
  /** Directories to serve as static files, such as the widget bundle at `/widgets`. */
  staticDirs?: { prefix: string; dir: string }[];
}

export interface Cabinet {
  /** The Koa application: serve it, or mount it in a provider's own Koa app. */
  app: Koa;
  container: DependencyContainer;
  config: CabinetConfig;
  db: Database;
  logger: Logger;
  extensions: ExtensionRegistry;
  /** Applies pending migrations, the core's and then the enabled plugins'. */
  migrate(onProgress?: (message: string) => void): Promise<string[]>;
  /** The OpenAPI 3.1 document of every route, the plugins' included. */
  openApi(): ReturnType<typeof buildOpenApi>;
  /** Listens on the configured host and port; resolves with the URL. */
  start(): Promise<string>;
  /** Stops listening, shuts plugins down in reverse order and closes the database. */
  stop(): Promise<void>;
}

/**
 * Builds a Cabinet core: validates the config, opens the database, loads the plugins and
 * wires the HTTP API. Nothing listens until `start()`.
 *
 * @example
 * const cabinet = await createCabinet({ database: { url: "sqlite:./data/cabinet.sqlite" } });
 * await cabinet.migrate();
 * await cabinet.start();
 */
export async function createCabinet(input: CabinetConfigInput = {}, options: CabinetOptions = {}): Promise<Cabinet> {
  const config = loadConfig({ overrides: input });
  // Unset, the public URL follows the port actually listened on (see start()).
  const publicUrlGiven = config.http.publicUrl !== undefined;
  config.http.publicUrl ??= `http://localhost:${config.http.port}`;
  const logger = createLogger(config.log.level, options.logDestination);
  const clock = options.clock ?? systemClock;
  const db = createDatabase(config.database.url, { poolMax: config.database.poolMax });
  const redis = config.redis.url ? new Redis(config.redis.url, { lazyConnect: false, maxRetriesPerRequest: 2 }) : undefined;
  const events = new EventBus(logger);

  // One container per core, so several cores (tests, multi-tenant hosts) never share state.
  const container = globalContainer.createChildContainer();
  container.register(TOKENS.Config, { useValue: config });
  container.register(TOKENS.Logger, { useValue: logger });
  container.register(TOKENS.Database, { useValue: db });
  container.register(TOKENS.Clock, { useValue: clock });
  container.register(TOKENS.EventBus, { useValue: events });
  if (redis) container.register(TOKENS.Redis, { useValue: redis });
  // The modules' own singletons and the services the HTTP layer resolves by token; a plugin's register may resolve them.
  for (const module of coreModules) module.provide?.(container);

  const host = new PluginHost(CORE_VERSION, { container, logger, events, config });
  container.register(TOKENS.Extensions, { useValue: host.extensions });
  const validators = new Validators();
  const brands = container.resolve<BrandResolver>(TOKENS.BrandResolver);
  let routeSets: { prefix: string; routes: AnyRoute[]; router: ReturnType<typeof buildApiRouter> }[];
  let jobQueue: JobQueue | undefined;
  const startedModules: typeof coreModules = [];
  const stopModules = async () => {
    for (const module of startedModules.splice(0).reverse()) await module.stop?.(container);
  };
  try {
    await host.load(await PluginHost.importConfigured(config, options.plugins ?? []));
    const defaults = provideDefaultExtensions(host.extensions, config, logger);
    container.register(TOKENS.JobQueue, { useValue: defaults.jobQueue });
    container.register(TOKENS.FileStore, { useValue: defaults.fileStore });
    for (const module of coreModules) module.register?.(container);
    await host.init();
    // Jobs run whether the core listens itself or is mounted in a host's app (which never calls start()).
    jobQueue = defaults.jobQueue;
    await jobQueue.start();
    for (const module of coreModules) {
      await module.start?.(container);
      startedModules.push(module);
    }
    routeSets = [
      { prefix: "/api/v1", routes: coreModules.flatMap((m) => m.routes) },
      ...host.routes().map(({ plugin, routes }) => ({ prefix: `/api/v1/plugins/${plugin}`, routes })),
    ].map((set) => ({ ...set, router: buildApiRouter(set.routes, { config, brands, validators }, set.prefix) }));
  } catch (error) {
    await stopModules();
    await jobQueue?.stop();
    await host.shutdown();
    await db.destroy();
    redis?.disconnect();
    throw error;
  }
  const openApiDocument = buildOpenApi([], { title: "Cabinet API", version: CORE_VERSION });
  for (const set of routeSets) Object.assign(openApiDocument.paths, buildOpenApi(set.routes, openApiDocument.info, set.prefix).paths);

  const app = new Koa({ proxy: config.http.trustProxy });
  app.silent = true; // the error middleware logs; Koa's default handler would print stacks to stderr
  app.use(requestContext(container, logger));
  app.use(errorMiddleware(logger));
  app.use(healthRouter(db).routes());
  for (const { plugin, middleware } of host.pages()) app.use(mount(`/plugins/${plugin}`, middleware));
  for (const { prefix, dir } of options.staticDirs ?? []) app.use(staticFiles(prefix, dir));
  const openApiPath = "/api/v1/openapi.json";
  const apiChain = compose([
    async (ctx: Koa.Context, next: Koa.Next) => {
      if (ctx.path !== openApiPath || ctx.method !== "GET") return next();
      ctx.body = openApiDocument;
    },
    cors(brands),
    // Routes that declare `rawBody` (webhooks, verified over the exact bytes sent) keep their body unparsed.
    ...routeSets.map(({ routes, prefix }) => buildRawBodyReader(routes, config.http.bodyLimitBytes, prefix).routes()),
    bodyParser({
      enableTypes: ["json"],
      jsonLimit: config.http.bodyLimitBytes,
      parsedMethods: ["POST", "PUT", "PATCH", "DELETE"],
      onError: (error) => {
        const status = (error as { status?: number }).status;
        if (status === 413) throw new CabinetError("CAB_ERR_PAYLOAD_TOO_LARGE", { limitBytes: config.http.bodyLimitBytes });
        if (status === 415) throw new CabinetError("CAB_ERR_UNSUPPORTED_MEDIA_TYPE");
        throw new CabinetError("CAB_ERR_MALFORMED_JSON");
      },
    }),
    ...routeSets.flatMap(({ router }) => [router.routes(), router.allowedMethods({ throw: true })]),
  ] as Koa.Middleware[]);
  app.use((ctx, next) => (ctx.path.startsWith("/api/") ? apiChain(ctx, next) : next()));

  let server: Server | undefined;
  return {
    app,
    container,
    config,
    db,
    logger,
    extensions: host.extensions,
    migrate: (onProgress) => migrateLatest(db, allMigrations(host.migrations()), onProgress),
    openApi: () => openApiDocument,
    async start() {
      server = app.listen(config.http.port, config.http.host);
      await new Promise<void>((resolve, reject) => {
        server!.once("listening", resolve);
        server!.once("error", reject);
      });
      const { port } = server.address() as AddressInfo;
      if (!publicUrlGiven) config.http.publicUrl = `http://localhost:${port}`;
      const host = config.http.host === "0.0.0.0" || config.http.host === "::" ? "localhost" : config.http.host;
      logger.info({ port }, "cabinet listening");
      return `http://${host}:${port}`;
    },
    async stop() {
      if (server) {
        const closing = new Promise<void>((resolve) => server!.close(() => resolve()));
        server.closeAllConnections();
        await closing;
        server = undefined;
      }
      // Running jobs and deliveries finish before the plugins they use (a renderer, a channel) shut down.
      await stopModules();
      await jobQueue!.stop();
      await host.shutdown();
      await db.destroy();
      redis?.disconnect();
    },
  };
}
