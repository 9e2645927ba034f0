/** The documents module's public face (what other modules and the composition root may import). */
export { DocumentsPersonalData } from "./documents-personal-data.js";
