import type { Logger } from "pino";
import type { CabinetConfig } from "../config/config.schema.js";
import type { FileStore } from "../extension-points/file-store.js";
import type { JobQueue } from "../extension-points/job-queue.js";
import { DefaultJobQueue } from "./default-job-queue.js";
import { LocalDiskFileStore } from "./default-file-store.js";
import { PluginError, type ExtensionRegistry } from "./extension-registry.js";

/**
 * After the plugins registered: adds the core's `default` job queue and `local-disk` file
 * store when the config names them and no plugin claimed their ids, then returns the ones
 * the config names. A name that nothing provides stops start-up, like a bad plugin.
 */
export function provideDefaultExtensions(registry: ExtensionRegistry, config: CabinetConfig, logger: Logger): { jobQueue: JobQueue; fileStore: FileStore } {
  if (config.jobs.queue === "default" && !registry.get("job-queue", "default")) {
    registry.add(
      "job-queue",
      new DefaultJobQueue({ attempts: config.jobs.attempts, backoffMs: config.jobs.backoffMs, logger: logger.child({ component: "job-queue" }) }),
      "core",
    );
  }
  if (config.files.store === "local-disk" && !registry.get("file-store", "local-disk")) {
    registry.add("file-store", new LocalDiskFileStore(config.files.dir), "core");
  }
  const jobQueue = registry.get("job-queue", config.jobs.queue);
  if (!jobQueue) throw new PluginError(`jobs.queue is "${config.jobs.queue}", but no enabled plugin provides a job-queue with that id`);
  const fileStore = registry.get("file-store", config.files.store);
  if (!fileStore) throw new PluginError(`files.store is "${config.files.store}", but no enabled plugin provides a file-store with that id`);
  return { jobQueue, fileStore };
}
