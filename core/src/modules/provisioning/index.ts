/** The provisioning module's public face: provisioning jobs that call the products' provisioners. */
import { defineModule } from "../../kernel/cabinet-module.js";
import type { ExtensionRegistry } from "../../kernel/extension-registry.js";
import { TOKENS } from "../../kernel/tokens.js";
import { instantProvisioner } from "./instant-provisioner.js";
import { registerProvisioning } from "./register-provisioning.js";

export * from "./enqueue-provisioning.js";
export * from "./provisioned-services.js";

export const provisioningModule = defineModule({
  name: "provisioning",
  routes: [],
  register(container) {
    // Products that need nothing outside Cabinet are provisioned by it; a plugin may take the id.
    const extensions = container.resolve<ExtensionRegistry>(TOKENS.Extensions);
    if (!extensions.get("provisioner", instantProvisioner.id)) extensions.add("provisioner", instantProvisioner, "core");
    registerProvisioning(container);
  },
});
