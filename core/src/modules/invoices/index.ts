/** The invoices module's public face (what other modules and the composition root may import). */
export { InvoicesPersonalData } from "./invoices-personal-data.js";
