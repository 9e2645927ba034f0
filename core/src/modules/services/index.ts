/** The services module's public face (what other modules and the composition root may import). */
export { ServicesPersonalData } from "./services-personal-data.js";
/** What a brand asks before it drops a currency. */
export { servicesInCurrency } from "./services-in-currency.js";
