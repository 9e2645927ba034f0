/** The accounts module's public face (what other modules and the composition root may import). */
export { AccountsPersonalData } from "./accounts-personal-data.js";
export { EraseAccountData } from "./erase-account-data.js";
export { CreateSession, type CreatedSession } from "./create-session.js";
export { describeMe, GetMe } from "./get-me.js";
export { FindUser } from "./find-user.js";
export { FindUserByEmail } from "./find-user-by-email.js";
export { SignInExternal } from "./sign-in-external.js";
export { SignUpExternal } from "./sign-up-external.js";
export { VerifyUserPassword } from "./verify-user-password.js";
export { SignedIn } from "./accounts.schemas.js";
