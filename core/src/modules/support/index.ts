/** The support module's public face (what other modules and the composition root may import). */
export { SupportPersonalData } from "./support-personal-data.js";
export { EraseTicketTexts } from "./erase-ticket-texts.js";
