import { Ajv } from "ajv";
import semver from "semver";
import type { DependencyContainer } from "tsyringe";
import type { Middleware } from "koa";
import type { Logger } from "pino";
import type { CabinetConfig } from "../config/config.schema.js";
import type { AnyRoute } from "../http/route.js";
import type { NamedMigration } from "../db/migrate.js";
import type { EventBus } from "./event-bus.js";
import { ExtensionRegistry, PluginError } from "./extension-registry.js";
import type { PluginContext, PluginDefinition } from "./plugin.js";

interface LoadedPlugin {
  definition: PluginDefinition;
  context: PluginContext<unknown>;
}

const ajv = new Ajv({ useDefaults: true, allErrors: false, strict: false });

/**
 * Loads the plugins the config enables, refusing to start — with a message naming the
 * plugin — on the first problem, checked in this order: unknown plugin, incompatible core
 * range, missing dependency, invalid options, an id claimed twice.
 */
export class PluginHost {
  readonly extensions = new ExtensionRegistry();
  private loaded: LoadedPlugin[] = [];

  constructor(
    private readonly coreVersion: string,
    private readonly deps: { container: DependencyContainer; logger: Logger; events: EventBus; config: CabinetConfig },
  ) {}

  /** Imports the plugins that the config names by module, adding them to `available`. */
  static async importConfigured(config: CabinetConfig, available: PluginDefinition[]): Promise<PluginDefinition[]> {
    const all = [...available];
    for (const entry of config.plugins) {
      if (!entry.module || all.some((p) => p.name === entry.name)) continue;
      let imported: { default?: PluginDefinition };
      try {
        imported = (await import(entry.module)) as { default?: PluginDefinition };
      } catch (error) {
        throw new PluginError(`Plugin "${entry.name}" is not known: cannot import ${entry.module} (${(error as Error).message})`);
      }
      if (!imported.default?.name || typeof imported.default.register !== "function") {
        throw new PluginError(`Plugin "${entry.name}" is not known: ${entry.module} has no default export made by definePlugin()`);
      }
      all.push(imported.default);
    }
    return all;
  }

  async load(available: PluginDefinition[]): Promise<void> {
    const enabled = this.deps.config.plugins;
    const definitions: PluginDefinition[] = [];
    const options = new Map<string, unknown>();

    for (const entry of enabled) {
      const found = available.filter((p) => p.name === entry.name);
      if (found.length === 0) throw new PluginError(`Plugin "${entry.name}" is not known: no installed plugin has that name`);
      definitions.push(found[0]);
    }
    for (const plugin of definitions) {
      if (!semver.validRange(plugin.coreRange) || !semver.satisfies(this.coreVersion, plugin.coreRange, { includePrerelease: true })) {
        throw new PluginError(`Plugin "${plugin.name}" ${plugin.version} needs core ${plugin.coreRange}; this core is ${this.coreVersion}`);
      }
    }
    for (const plugin of definitions) {
      for (const dependency of plugin.dependsOn ?? []) {
        if (!definitions.some((p) => p.name === dependency)) {
          throw new PluginError(`Plugin "${plugin.name}" depends on plugin "${dependency}", which is not enabled`);
        }
      }
    }
    for (const [index, plugin] of definitions.entries()) {
      const value = structuredClone(enabled[index].options ?? {});
      if (plugin.optionsSchema) {
        const validate = ajv.compile(plugin.optionsSchema);
        if (!validate(value)) {
          const e = validate.errors![0];
          const params = e.params as { missingProperty?: string; additionalProperty?: string };
          const field = `${e.instancePath}/${params.missingProperty ?? params.additionalProperty ?? ""}`.replace(/^\/|\/$/g, "").replace(/\//g, ".");
          const problem = e.keyword === "required" ? "is required" : e.keyword === "additionalProperties" ? "is not a known option" : e.message;
          throw new PluginError(`Plugin "${plugin.name}" options: ${field || "(root)"} ${problem}`);
        }
      }
      options.set(plugin.name, value);
    }
    const seen = new Set<string>();
    for (const plugin of definitions) {
      const claimants = available.filter((p) => p.name === plugin.name).length;
      if (seen.has(plugin.name) || claimants > 1) {
        throw new PluginError(
          `Plugin "${plugin.name}": the name is claimed twice (${claimants > 1 ? "two installed plugins have it" : "enabled twice in the config"})`,
        );
      }
      seen.add(plugin.name);
    }

    for (const definition of this.dependencyOrder(definitions)) {
      const context = this.contextFor(definition, options.get(definition.name));
      await named(definition.name, "register", () => definition.register(context));
      this.loaded.push({ definition, context });
      this.deps.logger.info({ plugin: definition.name, version: definition.version }, "plugin registered");
    }
  }

  async init(): Promise<void> {
    for (const { definition, context } of this.loaded) await named(definition.name, "init", async () => definition.init?.(context));
  }

  /** Reverse order of registration, so a plugin stops before the plugins it depends on. */
  async shutdown(): Promise<void> {
    for (const { definition, context } of [...this.loaded].reverse()) {
      try {
        await definition.shutdown?.(context);
      } catch (error) {
        this.deps.logger.error({ err: error, plugin: definition.name }, "plugin shutdown failed");
      }
    }
    this.loaded = [];
  }

  routes(): { plugin: string; routes: AnyRoute[] }[] {
    return this.loaded
      .filter(({ definition }) => definition.routes)
      .map(({ definition, context }) => ({ plugin: definition.name, routes: definition.routes!(context) }));
  }

  pages(): { plugin: string; middleware: Middleware }[] {
    return this.loaded
      .filter(({ definition }) => definition.pages)
      .map(({ definition, context }) => ({ plugin: definition.name, middleware: definition.pages!(context) }));
  }

  migrations(): { plugin: string; migrations: NamedMigration[] }[] {
    return this.loaded
      .filter(({ definition }) => definition.migrations?.length)
      .map(({ definition }) => ({ plugin: definition.name, migrations: definition.migrations! }));
  }

  private contextFor(definition: PluginDefinition, options: unknown): PluginContext<unknown> {
    const { container, logger, events, config } = this.deps;
    return {
      name: definition.name,
      options,
      container,
      logger: logger.child({ plugin: definition.name }),
      events,
      config,
      extensions: this.extensions,
      provide: (point, implementation) => this.extensions.add(point, implementation, definition.name),
    };
  }

  /** Dependencies first, otherwise the order of the config. */
  private dependencyOrder(definitions: PluginDefinition[]): PluginDefinition[] {
    const ordered: PluginDefinition[] = [];
    const state = new Map<string, "visiting" | "done">();
    const visit = (plugin: PluginDefinition, chain: string[]) => {
      if (state.get(plugin.name) === "done") return;
      if (state.get(plugin.name) === "visiting") {
        throw new PluginError(`Plugin "${plugin.name}" has a dependency cycle: ${[...chain, plugin.name].join(" → ")}`);
      }
      state.set(plugin.name, "visiting");
      for (const dependency of plugin.dependsOn ?? [])
        visit(
          definitions.find((p) => p.name === dependency)!,
          [...chain, plugin.name],
        );
      state.set(plugin.name, "done");
      ordered.push(plugin);
    };
    definitions.forEach((p) => visit(p, []));
    return ordered;
  }
}

/** A plugin's own failure at start-up, reported as a refusal that names it. */
async function named(plugin: string, hook: string, run: () => unknown): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof PluginError) throw error;
    throw new PluginError(`Plugin "${plugin}" failed in ${hook}: ${(error as Error).message}`);
  }
}
