/** The notifications module's public face (what other modules and the composition root may import). */
export { NotificationsPersonalData } from "./notifications-personal-data.js";
