/** The invoices module's public face: invoices, their issue, payment from balance, settlement and voiding. */
import { defineModule } from "../../kernel/cabinet-module.js";
import { InvoicesPersonalData } from "./invoices-personal-data.js";
import { TOKENS } from "../../kernel/tokens.js";
import { invoiceRoutes } from "./invoices.routes.js";
import { staffInvoiceRoutes } from "./invoices.staff-routes.js";
import { OpenInvoicesOfPayers } from "./open-invoices-of-payers.js";
import { SumOpenInvoices } from "./sum-open-invoices.js";
import { InvoicesInScope } from "./invoices-in-scope.js";

export { FindInvoice } from "./find-invoice.js";
export { InvoicePayers } from "./invoice-payers.js";
export { InvoiceRepository } from "./invoice.repository.js";
export * from "./invoice.js";
export * from "./issue-invoice.js";
export * from "./settle-invoice.js";
export * from "./withdraw-invoice.js";

export const invoicesModule = defineModule({
  name: "invoices",
  routes: [...invoiceRoutes, ...staffInvoiceRoutes],
  provide: (container) => {
    container.register(TOKENS.PayerInvoices, { useClass: OpenInvoicesOfPayers });
    container.register(TOKENS.OpenInvoices, { useClass: SumOpenInvoices });
    container.register(TOKENS.ReferencesInScope, { useClass: InvoicesInScope });
  },
  register: (container) => container.register(TOKENS.PersonalDataSources, { useClass: InvoicesPersonalData }),
});

export { InvoicesPersonalData };
export { FindPaidInvoices } from "./find-paid-invoices.js";
