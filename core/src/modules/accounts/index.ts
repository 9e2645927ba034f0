// The accounts module's public face for account security: what other modules (hand-off,
// external sign-in, personal-data export, invited users, API keys) call instead of reaching
// into this module's files.

/** Re-authentication before a sensitive action: the password again, and the second factor when one is on. */
export { Reauthenticate, type Reauthentication } from "./reauthenticate.js";
/** The last step of any sign-in: a session, or 401 CAB_ERR_SECOND_FACTOR_REQUIRED with a challenge. */
export { CompleteSignIn, type SignInClient } from "./complete-sign-in.js";
/** Whether a user has a second factor on, and checking a code against it. */
export { SecondFactorCheck } from "./second-factor-check.js";
/** Where the brand requires it, a user must have confirmed their e-mail (before ordering). */
export { RequireVerifiedEmail } from "./require-verified-email.js";

// Personal data, erasure and external sign-in (privacy and identities modules).
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
/** The sign-in hand-off from a provider's backend, and what a brand asks before it drops a currency. */
export { handoffRoutes } from "./handoff.routes.js";
export { accountsInCurrency } from "./accounts-in-currency.js";
