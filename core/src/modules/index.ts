import type { CabinetModule } from "../kernel/cabinet-module.js";
import { accountsModule } from "./accounts/index.js";
import { brandsModule } from "./brands/index.js";
import { catalogModule } from "./catalog/index.js";
import { documentsModule } from "./documents/index.js";
import { invoicesModule } from "./invoices/index.js";
import { ledgerModule } from "./ledger/index.js";
import { notificationsModule } from "./notifications/index.js";
import { paymentsModule } from "./payments/index.js";
import { provisioningModule } from "./provisioning/index.js";
import { servicesModule } from "./services/index.js";
import { staffModule } from "./staff/index.js";
import { supportModule } from "./support/index.js";
import { privacyModule } from "./privacy/index.js";
import { identitiesModule } from "./identities/index.js";
import { auditModule } from "./audit/index.js";
import { payersModule } from "./payers/index.js";
import { servicePanelsModule } from "./service-panels/index.js";

export type { CabinetModule } from "../kernel/cabinet-module.js";

/**
 * The core's domain modules, each from its public face. Each owns its tables; they meet
 * through services resolved by token and through events. Order matters only at boot
 * (provide/register/start run in this order, stop in reverse).
 */
export const coreModules: CabinetModule[] = [
  brandsModule,
  accountsModule,
  catalogModule,
  payersModule,
  servicesModule,
  provisioningModule,
  ledgerModule,
  invoicesModule,
  paymentsModule,
  documentsModule,
  staffModule,
  supportModule,
  notificationsModule,
  privacyModule,
  identitiesModule,
  auditModule,
  servicePanelsModule,
];
