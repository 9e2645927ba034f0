import type { ExtensionPointName, ExtensionPoints } from "../extension-points/index.js";

/** Startup refusal: a plugin that cannot be loaded as configured. The message names the plugin. */
export class PluginError extends Error {
  override name = "PluginError";
}

/**
 * Implementations of the extension points, by point and id. An id is claimed once: a second
 * plugin claiming it stops start-up instead of silently replacing the first.
 */
export class ExtensionRegistry {
  private readonly byPoint = new Map<ExtensionPointName, Map<string, { plugin: string; implementation: unknown }>>();

  add<P extends ExtensionPointName>(point: P, implementation: ExtensionPoints[P], plugin: string): void {
    const id = (implementation as { id?: unknown }).id;
    if (typeof id !== "string" || id === "") throw new PluginError(`Plugin "${plugin}": its ${point} has no id`);
    const entries = this.byPoint.get(point) ?? new Map();
    const existing = entries.get(id);
    if (existing) {
      throw new PluginError(`Plugin "${plugin}": ${point} id "${id}" is already claimed by plugin "${existing.plugin}"`);
    }
    entries.set(id, { plugin, implementation });
    this.byPoint.set(point, entries);
  }

  get<P extends ExtensionPointName>(point: P, id: string): ExtensionPoints[P] | undefined {
    return this.byPoint.get(point)?.get(id)?.implementation as ExtensionPoints[P] | undefined;
  }

  list<P extends ExtensionPointName>(point: P): ExtensionPoints[P][] {
    return [...(this.byPoint.get(point)?.values() ?? [])].map((e) => e.implementation as ExtensionPoints[P]);
  }
}
