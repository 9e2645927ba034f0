/** The ledger module's public face: every money movement of an account, and its balance. */
import { defineModule } from "../../kernel/cabinet-module.js";
import { LedgerPersonalData } from "./ledger-personal-data.js";
import { TOKENS } from "../../kernel/tokens.js";
import { ledgerRoutes } from "./ledger.routes.js";

export * from "./describe-entry.js";
export * from "./export-ledger-csv.js";
export * from "./get-ledger-statement.js";
export * from "./post-ledger-entries.js";
export * from "./post-ledger-entry.js";
export type { LedgerEntry } from "./ledger-entry.js";
export type { OpenInvoices, UpcomingCharges } from "./upcoming-charges.js";
export type { MovementPayers } from "./movement-payers.js";

export const ledgerModule = defineModule({
  name: "ledger",
  routes: ledgerRoutes,
  register: (container) => container.register(TOKENS.PersonalDataSources, { useClass: LedgerPersonalData }),
});

export { LedgerPersonalData };
