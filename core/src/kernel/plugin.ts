import type { Static, TSchema } from "@sinclair/typebox";
import type { DependencyContainer } from "tsyringe";
import type { Middleware } from "koa";
import type { Logger } from "pino";
import type { CabinetConfig } from "../config/config.schema.js";
import type { ExtensionPointName, ExtensionPoints } from "../extension-points/index.js";
import type { NamedMigration } from "../db/migrate.js";
import type { AnyRoute } from "../http/route.js";
import type { EventBus } from "./event-bus.js";
import type { ExtensionRegistry } from "./extension-registry.js";

/** What a plugin's hooks receive. */
export interface PluginContext<Options> {
  name: string;
  /** The plugin's options, validated against its `optionsSchema` with defaults applied. */
  options: Options;
  /** The root container: resolve core services (by the Symbols in TOKENS), register your own. */
  container: DependencyContainer;
  logger: Logger;
  events: EventBus;
  config: Readonly<CabinetConfig>;
  extensions: ExtensionRegistry;
  /** Registers an implementation of an extension point under its `id` (unique per point). */
  provide<P extends ExtensionPointName>(point: P, implementation: ExtensionPoints[P]): void;
}

/**
 * A Cabinet plugin. The host checks, before anything runs: that it is known, that it fits
 * this core (`coreRange`, semver), that its dependencies are enabled, that its options pass
 * `optionsSchema`, and that no two plugins claim one id. Then `register` runs for every plugin
 * in dependency order, then `init`; `shutdown` runs in the reverse order when the core stops.
 */
export interface PluginDefinition<S extends TSchema = TSchema> {
  /** kebab-case, unique: `payment-stripe`. */
  name: string;
  version: string;
  /** The core versions this plugin works with, as a semver range: `^0.1.0`. */
  coreRange: string;
  /** Names of plugins that must be enabled and registered before this one. */
  dependsOn?: string[];
  optionsSchema?: S;
  register(context: PluginContext<Static<S>>): void | Promise<void>;
  init?(context: PluginContext<Static<S>>): void | Promise<void>;
  shutdown?(context: PluginContext<Static<S>>): void | Promise<void>;
  /** JSON endpoints, mounted under `/api/v1/plugins/<name>`, validated and documented like the core's. */
  routes?(context: PluginContext<Static<S>>): AnyRoute[];
  /**
   * Pages the plugin serves itself (a hosted checkout, an OAuth callback), mounted under
   * `/plugins/<name>/`: plain Koa middleware, outside the JSON API and its conventions.
   */
  pages?(context: PluginContext<Static<S>>): Middleware;
  /** The plugin's own tables; recorded as `<name>/<migration name>`. */
  migrations?: NamedMigration[];
}

/**
 * Declares a plugin with typed options.
 *
 * @example
 * export default definePlugin({
 *   name: "payment-sandbox",
 *   version: "1.0.0",
 *   coreRange: "^0.1.0",
 *   optionsSchema: Type.Object({ secret: Type.String({ minLength: 16 }) }),
 *   register({ options, provide }) {
 *     provide("payment-gateway", new SandboxGateway(options.secret));
 *   },
 * });
 */
export function definePlugin<S extends TSchema>(definition: PluginDefinition<S>): PluginDefinition<S> {
  return definition;
}
