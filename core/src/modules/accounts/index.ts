/** The accounts module's public face (what other modules and the composition root may import). */
export { AccountsPersonalData } from "./accounts-personal-data.js";
export { EraseAccountData } from "./erase-account-data.js";
