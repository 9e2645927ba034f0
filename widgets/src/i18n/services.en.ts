/**
 * English strings of the services widgets (`<cab-order>`, `<cab-service>` and the filters of
 * `<cab-services>`). Kept apart from `en.ts` so they travel in the services chunk: a page with
 * only `<cab-login>` does not download them. `services.ru.ts` is typed against this, key for key.
 */
import type { PluralForms } from "./plural.js";
import type { ServiceDetailMessages } from "./service-detail.en.js";

export const servicesEn = {
  /** What the services widgets share. */
  svc: {
    signedOut: "Sign in to see this service.",
    forbiddenWrite: "You can see this service, but changing it needs the services permission. Ask the account's owner.",
    period: (months: number) => (months === 1 ? "1 month" : months === 12 ? "1 year" : months % 12 === 0 ? `${months / 12} years` : `${months} months`),
    /** A price and what it covers: "$9.00 / month", "$96.00 / year". */
    perPeriod: (price: string, months: number) => (months === 1 ? `${price} / month` : months === 12 ? `${price} / year` : `${price} / ${months} months`),
    perMonth: (price: string) => `${price} / month`,
    perUnitMonth: (price: string, unit: string) => `${price} / month per unit (${unit})`,
    extraPerMonth: (price: string) => `+${price} / month`,
    invalidParameter: (label: string) => `${label}: this value is not available.`,
    outOfRange: (label: string, min: string, max: string, step: string) => `${label}: choose from ${min} to ${max}, in steps of ${step}.`,
    openInvoice: "Pay the invoice",
    /** A product's units by what the catalog writes, in their plural forms ("1 core", "4 cores"); another unit shows as written. */
    units: {
      cores: { one: "core", other: "cores" },
      core: { one: "core", other: "cores" },
      vCPU: { one: "vCPU", other: "vCPU" },
      GB: { one: "GB", other: "GB" },
      TB: { one: "TB", other: "TB" },
      IP: { one: "IP address", other: "IP addresses" },
      domains: { one: "domain", other: "domains" },
      mailboxes: { one: "mailbox", other: "mailboxes" },
    } as Record<string, PluralForms>,
    openService: "Open the service",
    errors: {
      CAB_ERR_INVALID_PARAMETER: "One of the parameters is not valid.",
      CAB_ERR_PERIOD_NOT_OFFERED: "This billing period is not offered for this product.",
      CAB_ERR_ILLEGAL_TRANSITION: "This cannot be done in the service's current status.",
      CAB_ERR_IDEMPOTENCY_KEY_REUSED: "This order was already sent with different details. Please try again.",
      CAB_ERR_PRODUCT_UNAVAILABLE: "This product is no longer offered.",
      CAB_ERR_CURRENCY_NOT_OFFERED: "This product is not offered in your account's currency.",
      CAB_ERR_INSUFFICIENT_FUNDS: "Your balance does not cover this. Top up your balance and try again.",
      CAB_ERR_ORDER_ALREADY_PAID: "The invoice of this order was paid a moment ago, so the order stands: the service is being set up.",
    } as Record<string, string>,
    /** Why an action is not allowed, by the server's reason code. */
    reason: {
      status: (status: string) => `Not possible while the service is “${status}”.`,
      permission: "You need the services permission to do this.",
      retired: "This product is no longer offered.",
      noParameters: "This product has no parameters to change.",
      cancelScheduled: "The service is already set to cancel at the end of its period.",
      pendingChange: "A change is already waiting for the next renewal.",
      other: "This is not possible for this service at the moment.",
    },
  },
  order: {
    title: "Order a service",
    product: "Product",
    from: (price: string) => `from ${price}`,
    noProducts: "No products are on offer at the moment.",
    period: "Billing period",
    periodOption: (period: string, price: string) => `${period} — ${price}`,
    parameters: "Configuration",
    label: "Label (optional)",
    labelHint: "Your own name for it, for example web-02.",
    autoRenew: "Renew automatically",
    priceTitle: "Price",
    updating: "Updating the price…",
    setupFee: "Setup fee",
    total: "Due now",
    thenPerPeriod: (price: string) => `Then ${price}`,
    submit: (total: string) => `Order for ${total}`,
    submitWaiting: "Order",
    submitting: "Placing the order…",
    signedOut: "Sign in to order.",
    forbidden: "Ordering needs the services permission. Ask the account's owner.",
    paid: (total: string) => `Ordered and paid from your balance: ${total}.`,
    paidService: (name: string, status: string) => `${name} — ${status}.`,
    awaiting: (total: string) => `Your order is placed. It starts once its invoice for ${total} is paid.`,
    orderAnother: "Order another service",
  },
  /**
   * `<cab-service>`'s own strings, the largest part of this family: they travel in its chunk
   * (service-detail.en.ts puts them here when that chunk runs), not in the list's and order's.
   */
  service: undefined as unknown as ServiceDetailMessages,
  list: {
    type: "Type",
    allTypes: "All types",
    search: "Search",
    searchPlaceholder: "Label or product",
    emptySearch: "No services match these filters.",
    open: (name: string) => `Open ${name}`,
    types: {
      vps: "Cloud VPS",
      shared_hosting: "Shared hosting",
      dedicated: "Dedicated server",
      domain: "Domain",
    } as Record<string, string>,
  },
};

export type ServicesMessages = typeof servicesEn;
