import { definePlugin, TOKENS, Type, type Clock, type Database } from "@cabinet/core";
import { ManualProvisioner } from "./manual-provisioner.js";
import { staffTaskRoutes } from "./staff-routes.js";
import { manualTaskMigrations, TaskStore } from "./task-store.js";

export { ManualProvisioner } from "./manual-provisioner.js";
export { TaskStore, manualTaskMigrations, type StaffTask, type TaskStatus } from "./task-store.js";

function taskStore(container: { resolve<T>(token: symbol): T }): TaskStore {
  const clock = container.resolve<Clock>(TOKENS.Clock);
  return new TaskStore(container.resolve<Database>(TOKENS.Database), () => clock.now());
}

/**
 * `provision-manual`: provisioning by hand. Registers the `manual` provisioner: each
 * provisioning call (create, suspend, resume, change, delete) opens a task for the brand's
 * staff, who do the work and mark the task done (with data such as an IP address) or failed
 * through `/api/v1/plugins/provision-manual/tasks`; the outcome goes to the core, which
 * moves the service on.
 *
 * @example
 * // cabinet.config.json
 * { "plugins": [{ "name": "provision-manual", "module": "@cabinet/plugin-provision-manual" }] }
 * // a product then names it: { "provisioner": "manual", "provisionerOptions": { "instructions": "Set up in rack B" } }
 */
export default definePlugin({
  name: "provision-manual",
  version: "0.1.0",
  coreRange: "^0.1.0",
  optionsSchema: Type.Object({}, { additionalProperties: false }),
  migrations: manualTaskMigrations,
  register({ container, provide }) {
    provide("provisioner", new ManualProvisioner(taskStore(container)));
  },
  routes: ({ container }) => staffTaskRoutes(taskStore(container)),
});
