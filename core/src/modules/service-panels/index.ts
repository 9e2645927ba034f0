/**
 * The service-panels module's public face: the parts of an active service's page that its
 * provisioner adds (`Provisioner.panel`: fields, credentials behind a reveal, actions, a one-time
 * control panel link, usage charts), behind the caller's rights, audited. Owns
 * `service_panel_links`.
 */
import { defineModule } from "../../kernel/cabinet-module.js";
import { servicePanelRoutes } from "./service-panels.routes.js";
import { DescribedActions } from "./described-actions.js";

export const servicePanelsModule = defineModule({
  name: "service-panels",
  routes: servicePanelRoutes,
  provide(container) {
    container.registerSingleton(DescribedActions);
  },
});
