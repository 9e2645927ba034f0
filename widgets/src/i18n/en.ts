/**
 * English strings of every widget: the reference that other languages must match key for key
 * (`ru.ts` is typed `Messages`, so a missing or extra key fails the typecheck).
 * Strings that take values are functions, so word order stays each language's own.
 */
import type { LoginMessages } from "./login.en.js";

export const en = {
  common: {
    loading: "Loading…",
    retry: "Try again",
    /** Before why a load failed. */
    loadFailed: "Couldn't load it.",
    yes: "Yes",
    no: "No",
    /** Where an action would be that the user's role does not allow. */
    notAllowed: "Your role in this account does not allow this. Ask the account's owner.",
    /** Where an action would be that covers the whole account, for a user limited to some services. */
    wholeAccountOnly: "Your access is limited to some services, and this covers the whole account. Ask the account's owner.",
  },
  /**
   * `<cab-login>`'s strings (and `<cab-external-sign-in>`'s password label): in their chunks, not
   * in every widget's runtime (login.en.ts puts them here when either widget's chunk runs).
   */
  login: undefined as unknown as LoginMessages,
  services: {
    title: "Your services",
    signedOut: "Sign in to see your services.",
    filter: "Status",
    allStatuses: "All statuses",
    empty: "You have no services yet.",
    emptyFiltered: "No services with this status.",
    loadMore: "Load more",
    loadingMore: "Loading more…",
    shown: (count: number) => (count === 1 ? "1 service shown" : `${count} services shown`),
    status: {
      pending_payment: "Awaiting payment",
      provisioning: "Being set up",
      provisioning_failed: "Setup failed",
      active: "Active",
      suspended: "Suspended",
      cancelled: "Cancelled",
      deleted: "Deleted",
    },
    price: (price: string, months: number) => (months === 1 ? `${price} / month` : months === 12 ? `${price} / year` : `${price} / ${months} months`),
    paidUntil: (date: string) => `Paid until ${date}`,
    expiredOn: (date: string) => `Expired on ${date}`,
    notPaidYet: "Not paid yet",
    autoRenewOn: "Renews automatically",
    autoRenewOff: "Auto-renewal off",
    parameters: "Parameters",
    parameter: {
      cpu: "CPU",
      ram: "RAM",
      disk: "Disk",
      os: "OS image",
      backups: "Backups",
      dc: "Data centre",
    },
    unit: {
      cpu: "vCPU",
      ram: "GB",
      disk: "GB",
    },
  },
  errors: {
    CAB_ERR_INVALID_CREDENTIALS: "The e-mail or the password is wrong.",
    CAB_ERR_CONSENT_MUST_AGREE: "Accept the documents marked as required to continue.",
    CAB_ERR_CONSENT_OUTDATED: "A newer version of a document is in force. Reload the page and review it.",
    CAB_ERR_RATE_LIMITED: "Too many attempts. Please try again later.",
    CAB_ERR_VALIDATION: "Some of the data is not valid. Check it and try again.",
    CAB_ERR_UNAUTHENTICATED: "Please sign in to continue.",
    CAB_ERR_FORBIDDEN: "You do not have permission to do this.",
    CAB_ERR_CSRF: "Your session needs refreshing. Reload the page and try again.",
    CAB_ERR_ORIGIN_NOT_ALLOWED: "This site is not allowed to use the client area.",
    CAB_ERR_BRAND_UNKNOWN: "The client area is not set up correctly on this site.",
    CAB_ERR_INTERNAL: "Something went wrong on our side. Please try again later.",
    CAB_ERR_UNAVAILABLE: "The service is temporarily unavailable. Please try again later.",
    CAB_ERR_NETWORK: "The server cannot be reached. Check your connection and try again.",
    CAB_ERR_BAD_RESPONSE: "The server gave an unexpected answer. Please try again later.",
    CAB_ERR_NOT_FOUND: "It was not found. It may have been removed.",
    CAB_ERR_CONFLICT: "This has changed in the meantime. Reload the page and try again.",
    CAB_ERR_UNPROCESSABLE: "This cannot be done. Please contact support if it keeps happening.",
    CAB_ERR_PAYMENT_REFUSED: "The payment provider refused this payment. Please try another payment method.",
    CAB_ERR_PROVIDER_FAILED: "The server could not do this. Please try again later or contact support.",
    CAB_ERR_PROVIDER_TIMEOUT: "The server did not answer in time. It may still do it: look again in a moment before trying again.",
    CAB_ERR_GATEWAY_UNAVAILABLE: "The payment provider is not answering. Please try again in a moment.",
    CAB_ERR_INSUFFICIENT_FUNDS: "Your balance does not cover this payment.",
    CAB_ERR_DOCUMENT_NOT_READY: "The PDF is not ready. You can open the HTML version meanwhile.",
    CAB_ERR_REAUTH_FAILED: "The current password or code is not right.",
    CAB_ERR_LINK_INVALID: "This link no longer works: it was used, replaced by a newer one, or has expired.",
    CAB_ERR_EMAIL_UNAVAILABLE: "This e-mail address cannot be used. Choose another one.",
    CAB_ERR_EMAIL_TAKEN: "An account with this e-mail already exists. Sign in, or reset the password.",
    CAB_ERR_SECOND_FACTOR_REQUIRED: "Enter the code from your authenticator app.",
    CAB_ERR_SECOND_FACTOR_INVALID: "The code is not right, or was already used.",
    CAB_ERR_TWO_FACTOR_SETUP_REQUIRED: "Turn on two-step verification to continue.",
    CAB_ERR_TWO_FACTOR_STATE: "Two-step verification has changed meanwhile. Reload the page.",
    CAB_ERR_PASSKEY_INVALID: "The passkey could not be verified.",
    CAB_ERR_EMAIL_NOT_VERIFIED: "Confirm your e-mail address first: open the link we sent you.",
    CAB_ERR_PASSWORD_CHANGE_REQUIRED: "Choose a new password in your account settings before continuing.",
  },
  /** CAB_ERR_RATE_LIMITED when the server says how long to wait. */
  retryInMinutes: (minutes: number) => `Too many attempts. Please try again in ${minutes} min.`,
};

export type Messages = typeof en;
