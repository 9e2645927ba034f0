import type { CabinetConfig } from "../config/config.schema.js";
import type { JobQueue } from "../extension-points/job-queue.js";
import { provideDefaultExtensions } from "../kernel/default-extensions.js";
import type { CabinetModule } from "../kernel/cabinet-module.js";
import type { PluginDefinition } from "../kernel/plugin.js";
import { PluginHost } from "../kernel/plugin-host.js";
import { TOKENS } from "../kernel/tokens.js";
import { CORE_VERSION } from "../kernel/version.js";
import type { CoreParts } from "./build-container.js";
import type { Teardown } from "./teardown.js";

/**
 * Step 3: the plugins. The modules first `provide` what plugins may resolve while they
 * register (`TOKENS.Brands`, …); then the enabled plugins load, and the core's default job
 * queue and file store fill what no plugin provides. A plugin that fails stops start-up, and
 * the teardown shuts down those already loaded.
 */
export async function loadPlugins(
  core: CoreParts,
  config: CabinetConfig,
  modules: CabinetModule[],
  available: PluginDefinition[],
  teardown: Teardown,
): Promise<PluginHost> {
  for (const module of modules) module.provide?.(core.container);
  const host = new PluginHost(CORE_VERSION, { container: core.container, logger: core.logger, events: core.events, config });
  core.container.register(TOKENS.Extensions, { useValue: host.extensions });
  teardown.add("plugins", () => host.shutdown());
  await host.load(await PluginHost.importConfigured(config, available));
  const defaults = provideDefaultExtensions(host.extensions, config, core.logger);
  core.container.register(TOKENS.JobQueue, { useValue: defaults.jobQueue });
  const queueStats = defaults.jobQueue.stats?.bind(defaults.jobQueue);
  if (queueStats) {
    core.metrics.gauge("cabinet_jobs", "Jobs by name and state (waiting, delayed, active, failed: given up)", ["name", "state"], async (set) => {
      for (const { name, ...states } of await queueStats()) for (const [state, count] of Object.entries(states)) set({ name, state }, count);
    });
  }
  core.container.register(TOKENS.FileStore, { useValue: defaults.fileStore });
  return host;
}

/**
 * Step 4: the modules. Each registers its event subscriptions and job workers, the plugins
 * init, the job queue starts (jobs run whether the core listens itself or is mounted in a
 * host's app, which never calls start()), and each module starts its background work.
 * Running jobs and deliveries stop before the plugins they use (a renderer, a channel).
 */
export async function startModules(core: CoreParts, host: PluginHost, modules: CabinetModule[], teardown: Teardown): Promise<void> {
  for (const module of modules) module.register?.(core.container);
  await host.init();
  const jobQueue = core.container.resolve<JobQueue>(TOKENS.JobQueue);
  await jobQueue.start();
  teardown.add("job queue", () => jobQueue.stop());
  for (const module of modules) {
    await module.start?.(core.container);
    if (module.stop) teardown.add(`module ${module.name}`, () => module.stop!(core.container));
  }
}
