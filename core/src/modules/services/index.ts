/** The services module's public face (what other modules and the composition root may import). */
export { ServicesPersonalData } from "./services-personal-data.js";
