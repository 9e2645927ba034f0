/** The ledger module's public face (what other modules and the composition root may import). */
export { LedgerPersonalData } from "./ledger-personal-data.js";
