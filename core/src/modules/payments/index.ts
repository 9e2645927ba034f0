/** The payments module's public face (what other modules and the composition root may import). */
export { PaymentsPersonalData } from "./payments-personal-data.js";
