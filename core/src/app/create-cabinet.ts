import "reflect-metadata";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type Koa from "koa";
import type { DependencyContainer } from "tsyringe";
import type { DestinationStream, Logger } from "pino";
import type { CabinetConfig, CabinetConfigInput } from "../config/config.schema.js";
import type { Database } from "../db/create-database.js";
import type { StaticDir } from "../http/static-files.js";
import { allMigrations, migrateLatest } from "../db/migrate.js";
import { coreModules } from "../modules/index.js";
import { systemClock, type Clock } from "../kernel/clock.js";
import type { ExtensionRegistry } from "../kernel/extension-registry.js";
import type { PluginDefinition } from "../kernel/plugin.js";
import { loadPlugins, startModules } from "./boot-modules.js";
import { buildContainer, type CoreParts } from "./build-container.js";
import { buildHttp, type OpenApiDocument } from "./build-http.js";
import { resolveConfig, type ListeningPort } from "./resolve-config.js";
import { Teardown } from "./teardown.js";

export interface CabinetOptions {
  /** Plugins the host application provides; the config enables them by name. */
  // Each plugin has its own config type; the list holds them all, each checked by its own schema.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  plugins?: PluginDefinition<any>[];
  clock?: Clock;
  /** Where JSON logs go (stdout by default). */
  logDestination?: DestinationStream;
  /** Directories to serve as static files, such as the widget bundle at `/widgets` (and, in the demo, its rendered host site). */
  staticDirs?: StaticDir[];
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
  openApi(): OpenApiDocument;
  /** Listens on the configured host and port; resolves with the URL. */
  start(): Promise<string>;
  /**
   * Stops gracefully: stops taking connections, ends streams, lets requests in flight finish
   * (for up to `graceMs`, `http.shutdownTimeoutMs` unless given; then cuts what is left), lets
   * running jobs finish, shuts plugins down in reverse order and closes the database.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
}

/**
 * Builds a Cabinet core: validates the config, opens the database, loads the plugins and
 * wires the HTTP API. Nothing listens until `start()`. The composition root: the one place
 * that knows every module (through their public faces); its steps read top to bottom:
 * config → container → plugins → modules → HTTP → lifecycle.
 *
 * @example
 * const cabinet = await createCabinet({ database: { url: "sqlite:./data/cabinet.sqlite" } });
 * await cabinet.migrate();
 * await cabinet.start();
 */
export async function createCabinet(input: CabinetConfigInput = {}, options: CabinetOptions = {}): Promise<Cabinet> {
  const listening: ListeningPort = {};
  const config = resolveConfig(input, listening);
  const teardown = new Teardown();
  try {
    const core = buildContainer(config, { clock: options.clock ?? systemClock, logDestination: options.logDestination }, teardown);
    const host = await loadPlugins(core, config, coreModules, options.plugins ?? [], teardown);
    await startModules(core, host, coreModules, teardown);
    const state = { draining: false };
    const { app, openApi } = buildHttp(core, config, coreModules, host, options.staticDirs ?? [], state);
    return {
      app,
      container: core.container,
      config,
      db: core.db,
      logger: core.logger,
      extensions: host.extensions,
      migrate: (onProgress) => migrateLatest(core.db, allMigrations(host.migrations()), onProgress),
      openApi: () => openApi,
      ...lifecycle(app, config, core, listening, state, teardown),
    };
  } catch (error) {
    await teardown.run();
    throw error;
  }
}

/**
 * Step 6: start and stop. `start()` listens (and, with port 0, learns the port, which an unset
 * `http.publicUrl` then follows); `stop()` closes the server and runs the teardown: modules,
 * the job queue, the plugins in reverse order, the database, Redis.
 */
function lifecycle(
  app: Koa,
  config: CabinetConfig,
  core: CoreParts,
  listening: ListeningPort,
  state: { draining: boolean },
  teardown: Teardown,
): Pick<Cabinet, "start" | "stop"> {
  const logger = core.logger;
  let server: Server | undefined;
  return {
    async start() {
      const listener = app.listen(config.http.port, config.http.host);
      server = listener;
      await new Promise<void>((resolve, reject) => {
        listener.once("listening", resolve);
        listener.once("error", reject);
      });
      const { port } = listener.address() as AddressInfo;
      listening.port = port;
      const host = config.http.host === "0.0.0.0" || config.http.host === "::" ? "localhost" : config.http.host;
      logger.info({ port }, "cabinet listening");
      return `http://${host}:${port}`;
    },
    async stop({ graceMs = config.http.shutdownTimeoutMs } = {}) {
      const listener = server;
      if (listener) {
        state.draining = true;
        const closing = new Promise<void>((resolve) => listener.close(() => resolve()));
        // Streams never end by themselves: end them, and their clients reconnect to another node.
        for (const module of coreModules)
          await module.drain?.(core.container).catch((error: unknown) => logger.warn({ err: error, module: module.name }, "drain failed"));
        // Connections go once idle: at once for idle ones, after their answer for the others.
        const sweeper = setInterval(() => listener.closeIdleConnections(), 100);
        listener.closeIdleConnections();
        let timer: NodeJS.Timeout | undefined;
        const cut = await Promise.race([closing.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs)))]);
        clearTimeout(timer);
        clearInterval(sweeper);
        if (cut) {
          logger.warn({ graceMs }, "requests still in flight after the grace period: connections cut");
          listener.closeAllConnections();
          await closing;
        }
        server = undefined;
      }
      await teardown.run();
    },
  };
}
