/** The payers module's public face: who an account's invoices and documents are made out to, and the brand's VAT rule for them. */
import { defineModule } from "../../kernel/cabinet-module.js";
import { payerRoutes } from "./payers.routes.js";
import { staffPayerRoutes } from "./payers.staff-routes.js";
import { PayersPersonalData } from "./payers-personal-data.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { ErasePayers } from "./erase-payers.js";

export { ChoosePayer, type ChosenPayer } from "./choose-payer.js";
export { LivePayers } from "./live-payers.js";
export { PayersVat, payerChoiceKey, type PayerChoice } from "./payers-vat.js";
export type { PayerInvoices } from "./payer-invoices.js";
/** For the demo seed only: the table's writer. */
export { PayerRepository } from "./payer.repository.js";
export { isEuCountry, isValidVatNumber, priceForPayer, vatTreatment, withoutVat, type PayerKind, type PayerSnapshot, type VatTreatment } from "./payer.js";

export const payersModule = defineModule({
  name: "payers",
  routes: [...payerRoutes, ...staffPayerRoutes],
  register(container) {
    container.register(TOKENS.PersonalDataSources, { useClass: PayersPersonalData });
    container
      .resolve<EventBus>(TOKENS.EventBus)
      .subscribeWithin("personal_data.erased", "payers", (subject, trx) => container.resolve(ErasePayers).execute(subject, trx));
  },
});
