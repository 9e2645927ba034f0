import type { Provisioner } from "../../extension-points/provisioner.js";

/**
 * The core's built-in `provisioner` (id `instant`): done at once, for products that need
 * nothing outside Cabinet (licences, the demo). Added at boot unless a plugin claims the id.
 */
export const instantProvisioner: Provisioner = {
  id: "instant",
  async provision() {
    return { status: "done" };
  },
};
