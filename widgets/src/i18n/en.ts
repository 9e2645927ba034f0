/**
 * English strings of every widget: the reference that other languages must match key for key
 * (`ru.ts` is typed `Messages`, so a missing or extra key fails the typecheck).
 * Strings that take values are functions, so word order stays each language's own.
 */
export const en = {
  common: {
    loading: "Loading…",
    retry: "Try again",
    yes: "Yes",
    no: "No",
  },
  login: {
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
  },
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
    price: (price: string, months: number) =>
      months === 1 ? `${price} / month` : months === 12 ? `${price} / year` : `${price} / ${months} months`,
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
    CAB_ERR_GATEWAY_UNAVAILABLE: "The payment provider is not answering. Please try again in a moment.",
    CAB_ERR_INSUFFICIENT_FUNDS: "Your balance does not cover this payment.",
    CAB_ERR_DOCUMENT_NOT_READY: "The PDF is not ready. You can open the HTML version meanwhile.",
  },
  /** CAB_ERR_RATE_LIMITED when the server says how long to wait. */
  retryInMinutes: (minutes: number) => `Too many attempts. Please try again in ${minutes} min.`,
};

export type Messages = typeof en;
