// The services module's public face (so far: what a brand asks before dropping a currency).
export { servicesInCurrency } from "./services-in-currency.js";
