import type { Provisioner } from "../../extension-points/provisioner.js";
import { demoPanel } from "./demo-panel.js";

/**
 * The core's built-in `provisioner` (id `instant`): done at once, for products that need
 * nothing outside Cabinet (licences, the demo). Added at boot unless a plugin claims the id.
 * Its panel shows the demo's believable server page for products with `{ "demoPanel": true }`.
 */
export const instantProvisioner: Provisioner = {
  id: "instant",
  async provision() {
    return { status: "done" };
  },
  panel: demoPanel,
};
