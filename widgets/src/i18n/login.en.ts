/**
 * English strings of `<cab-login>` (sign-in, sign-up, password reset, second factor). Part of the
 * common strings (`en.login`; `ru.ts` has them key for key), but in the sign-in widgets' chunks:
 * a page without `<cab-login>` does not download them. Imported by the components that use them,
 * which fills them in before they render.
 */
import { en } from "./en.js";

export const loginEn = {
  title: "Sign in to your account",
  email: "E-mail",
  password: "Password",
  submit: "Sign in",
  submitting: "Signing in…",
  signedInAs: (name: string) => `Signed in as ${name}`,
  account: (name: string) => `Account: ${name}`,
  signOut: "Sign out",
  signingOut: "Signing out…",
  sessionExpired: "Your session has ended. Please sign in again.",
  forgot: "Forgot your password?",
  createAccount: "Create an account",
  backToSignIn: "Back to sign-in",
  name: "Your name",
  newPassword: "New password",
  signUpTitle: "Create an account",
  signUpSubmit: "Create account",
  signUpAccept: (title: string) => `I have read and accept: ${title}`,
  signUpAgree: (title: string) => `I agree (optional): ${title}`,
  resetTitle: "Reset your password",
  resetIntro: "Enter your e-mail and we will send you a link to choose a new password.",
  resetSubmit: "Send the link",
  resetSent: "If an account uses this e-mail, a link to reset the password is on its way. It works once, for 30 minutes.",
  resetChooseTitle: "Choose a new password",
  resetChooseSubmit: "Set the password",
  resetDone: "Your password was changed. Sign in with it now.",
  secondFactorTitle: "Two-step verification",
  secondFactorIntro: "Enter the 6-digit code from your authenticator app, or one of your recovery codes.",
  code: "Code",
  verify: "Verify",
  usePasskey: "Sign in with a passkey",
  emailVerified: "Your e-mail address is confirmed. Thank you!",
  emailChanged: "Your sign-in e-mail was changed. Sign in with the new address.",
};

export type LoginMessages = typeof loginEn;

en.login = loginEn;
