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
