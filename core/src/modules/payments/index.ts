/** The payments module's public face: payments through gateways, webhooks, refunds. */
import { defineModule } from "../../kernel/cabinet-module.js";
import { PaymentsPersonalData } from "./payments-personal-data.js";
import { TOKENS } from "../../kernel/tokens.js";
import { paymentRoutes } from "./payments.routes.js";
import { staffPaymentRoutes } from "./payments.staff-routes.js";
import { PaymentsInScope } from "./payments-in-scope.js";

export const paymentsModule = defineModule({
  name: "payments",
  routes: [...paymentRoutes, ...staffPaymentRoutes],
  provide: (container) => container.register(TOKENS.ReferencesInScope, { useClass: PaymentsInScope }),
  register: (container) => container.register(TOKENS.PersonalDataSources, { useClass: PaymentsPersonalData }),
});

export { PaymentsPersonalData };
export { PaymentInvoices } from "./payment-invoices.js";
export * from "./recover-pending-payments.js";
