import { definePlugin, TOKENS, type Clock, type Database } from "@cabinet/core";
import { callbackRoute } from "./callback-route.js";
import { HttpProvisioner, httpProvisionerOptionsSchema } from "./http-provisioner.js";
import { PendingActions, pendingActionMigrations } from "./pending-actions.js";

function pendingActions(container: { resolve<T>(token: symbol): T }): PendingActions {
  const clock = container.resolve<Clock>(TOKENS.Clock);
  return new PendingActions(container.resolve<Database>(TOKENS.Database), () => clock.now());
}

export { HttpProvisioner, httpProvisionerOptionsSchema, type HttpProvisionerOptions } from "./http-provisioner.js";
export { sign, signedHeaders, verify, TOLERANCE_SECONDS } from "./signature.js";
export { PendingActions, pendingActionMigrations } from "./pending-actions.js";

/**
 * `provision-http`: provisioning through the provider's own system. Registers the `http`
 * provisioner, which POSTs each action as signed JSON to the provider's endpoint and maps its
 * answer, and a signed callback (`POST /api/v1/plugins/provision-http/callback`) through which
 * the provider reports actions it accepted with 202. The wire format is in the README.
 *
 * @example
 * // cabinet.config.json
 * { "plugins": [{ "name": "provision-http", "module": "@cabinet/plugin-provision-http",
 *     "options": { "url": "https://provisioning.example.net/cabinet", "secret": "a long random shared secret" } }] }
 */
export default definePlugin({
  name: "provision-http",
  version: "0.1.0",
  coreRange: "^0.1.0",
  optionsSchema: httpProvisionerOptionsSchema,
  migrations: pendingActionMigrations,
  register({ options, container, provide }) {
    const clock = container.resolve<Clock>(TOKENS.Clock);
    const pending = pendingActions(container);
    provide(
      "provisioner",
      new HttpProvisioner(
        options,
        () => clock.now(),
        (accepted) => pending.record(accepted),
      ),
    );
  },
  routes({ options, container }) {
    const clock = container.resolve<Clock>(TOKENS.Clock);
    return [callbackRoute(options.callbackSecret ?? options.secret, () => Math.floor(clock.now() / 1000), pendingActions(container))];
  },
});
