/**
 * The shapes of the Cabinet HTTP API (`/api/v1`) that the widgets use. GENERATED from
 * docs/openapi.json by scripts/api-types.mjs (`npm run docs`): do not edit by hand; a test
 * fails when this file and the document differ. The widgets depend on the API's public
 * contract only, never on the core's source.
 */

/** An amount of money: integer minor units (cents) plus an ISO 4217 currency. */
export interface Money {
  amount: number;
  currency: string;
}

/** A parameter's value (CPU cores, a plan's name, a switch). */
export type ParameterValue = string | number | boolean;

/** One page of a list, and where the next one starts (`null`: this was the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// ---- Session -----------------------------------------------------------------------------------

export const sessionModes = ["cookie", "bearer"] as const;
/** `cookie` (same site: HttpOnly cookie + CSRF header) or `bearer` (any site: token kept in memory) */
export type SessionMode = (typeof sessionModes)[number];

export const permissions = ["services", "finance", "documents", "support"] as const;
export type Permission = (typeof permissions)[number];

export interface User {
  id: string;
  email: string;
  name: string;
  role: "owner" | "member";
  /** The sections of old the user may see */
  permissions: Permission[];
  /** Section → the actions allowed in it (`view`, `order`, `change`, `delete`, `pay`, `export`) */
  rights: {
    services?: ("view" | "order" | "change" | "delete" | "pay" | "export")[];
    finance?: ("view" | "order" | "change" | "delete" | "pay" | "export")[];
    documents?: ("view" | "order" | "change" | "delete" | "pay" | "export")[];
    support?: ("view" | "order" | "change" | "delete" | "pay" | "export")[];
    audit?: ("view" | "order" | "change" | "delete" | "pay" | "export")[];
  };
  /** Role keys held in this account: `accountant`, `sysadmin`, `viewer`, or a custom role's id */
  roles: string[];
  /** The only services the user sees and acts on; null for all */
  serviceScope: string[] | null;
  /** Created by the owner with a password to hand over: every other call answers 403 CAB_ERR_PASSWORD_CHANGE_REQUIRED until it is changed */
  mustChangePassword: boolean;
  locale: string;
  phone: string | null;
  timezone: string;
  rowsPerPage: number;
  emailVerified: boolean;
}

export interface Account {
  id: string;
  name: string;
  kind: "person" | "company";
  currency: string;
  /** The account's language: documents and account-wide messages */
  locale: string;
}

/** `GET /me`: who is signed in. */
export interface Me {
  user: User;
  account: Account;
  brand: {
    slug: string;
    name: string;
  };
  session: {
    /** Send as X-CSRF-Token on unsafe requests authenticated by the cookie */
    csrfToken: string;
    /** ISO 8601, UTC */
    expiresAt: string;
    via: SessionMode;
    /** A staff member signed in as the client */
    staff: {
      id: string;
      mode: "read" | "act";
    } | null;
  };
}

/** `POST /auth/sign-in`: `Me` plus the bearer token (mode `bearer` only). */
export interface SignedIn extends Me {
  /** The bearer token (mode `bearer` only) */
  token: string | null;
}

// ---- Services: catalog, orders, one service's life ---------------------------------------------

export const serviceStatuses = ["pending_payment", "provisioning", "provisioning_failed", "active", "suspended", "cancelled", "deleted"] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];

export interface Service {
  id: string;
  label: string | null;
  status: ServiceStatus;
  product: {
    id: string;
    code: string;
    name: string;
    type: string;
  };
  parameters: Record<string, ParameterValue>;
  price: Money;
  periodMonths: number;
  paidUntil: string | null;
  autoRenew: boolean;
  /** ISO 8601, UTC */
  createdAt: string;
  /** A downgrade waiting for the next renewal */
  nextParameters: Record<string, ParameterValue> | null;
  cancelAtPeriodEnd: boolean;
  /** Why it is in its status, as stored: a code (`unpaid`, `staff`, `client`) or the provisioning error */
  statusReason: string | null;
  /** `statusReason` as a sentence in the account's language, for display */
  statusReasonText: string | null;
  /** The open invoice that pays for it: its order's while awaiting payment, or a renewal's waiting */
  invoiceId: string | null;
  actions: {
    renew: ServiceAction;
    change: ServiceAction;
    cancel: ServiceAction;
    delete: ServiceAction;
    autoRenew: ServiceAction;
  };
}

/** Whether an action on a service is allowed now; `reason` is a machine code (`status:pending_payment`). */
export interface ServiceAction {
  allowed: boolean;
  /** Why not, as a code: `status:<status>`, `permission:services`, `cancel_at_period_end` */
  reason: string | null;
}

export const serviceActionNames = ["renew", "change", "cancel", "delete", "autoRenew"] as const;
export type ServiceActionName = (typeof serviceActionNames)[number];

/** `GET /services/:id`: the list's shape and what only one service's page needs. */
export interface ServiceDetail {
  id: string;
  label: string | null;
  status: ServiceStatus;
  product: {
    id: string;
    code: string;
    name: string;
    type: string;
  };
  parameters: Record<string, ParameterValue>;
  price: Money;
  periodMonths: number;
  paidUntil: string | null;
  autoRenew: boolean;
  /** ISO 8601, UTC */
  createdAt: string;
  /** A downgrade waiting for the next renewal */
  nextParameters: Record<string, ParameterValue> | null;
  cancelAtPeriodEnd: boolean;
  /** Why it is in its status, as stored: a code (`unpaid`, `staff`, `client`) or the provisioning error */
  statusReason: string | null;
  /** `statusReason` as a sentence in the account's language, for display */
  statusReasonText: string | null;
  /** The open invoice that pays for it: its order's while awaiting payment, or a renewal's waiting */
  invoiceId: string | null;
  actions: {
    renew: ServiceAction;
    change: ServiceAction;
    cancel: ServiceAction;
    delete: ServiceAction;
    autoRenew: ServiceAction;
  };
}

export interface ServiceHistoryEntry {
  /** ISO 8601, UTC */
  at: string;
  fromStatus: ServiceStatus | null;
  toStatus: ServiceStatus;
  action: string;
  actor: "client" | "staff" | "system";
  details: Record<string, unknown> | null;
}

export type ParameterDef =
  | {
      key: string;
      label: string;
      kind: "integer";
      min: number;
      max: number;
      step: number;
      default: number;
      unit: string;
      unitPrice: Money;
    }
  | {
      key: string;
      label: string;
      kind: "enum";
      default: string;
      options: {
        value: string;
        label: string;
        price: Money;
      }[];
    }
  | {
      key: string;
      label: string;
      kind: "boolean";
      default: boolean;
      price: Money;
    };

/** amount: the base price for the whole period */
export interface ProductPrice {
  periodMonths: number;
  amount: Money;
  setupFee: Money;
}

export interface Product {
  id: string;
  code: string;
  name: string;
  type: string;
  description: string;
  parameters: ParameterDef[];
  prices: ProductPrice[];
  downgradeRule: "next_renewal" | "now_with_credit";
  /** What cancelling now gives back: `none`, or the days left of the paid period, `prorated`, to the balance */
  cancelRefund: "none" | "prorated";
}

export interface QuoteBody {
  productId: string;
  periodMonths: number;
  parameters?: Record<string, ParameterValue>;
  /** ISO 4217 */
  currency?: string;
}

/** `POST /catalog/quote`: the price the server will charge, line by line. */
export interface Quote {
  productId: string;
  periodMonths: number;
  /** ISO 4217 */
  currency: string;
  parameters: Record<string, ParameterValue>;
  lines: {
    code: string;
    description: string;
    amount: Money;
  }[];
  setupFee: Money;
  total: Money;
  perPeriod: Money;
}

export interface OrderItem {
  productId: string;
  periodMonths: number;
  parameters?: Record<string, ParameterValue>;
  label?: string;
  autoRenew?: boolean;
}

/** `POST /orders`: paid from the balance, or waiting for its invoice. */
export interface Order {
  id: string;
  status: "paid" | "awaiting_payment";
  total: Money;
  services: Service[];
  invoiceId: string | null;
}

/** `POST /services/:id/change/preview`. `amountDue` > 0 is charged now, < 0 credited now. */
export interface ChangePreview {
  kind: "upgrade" | "downgrade" | "same";
  appliesAt: "now" | "next_renewal";
  amountDue: Money;
  newPricePerPeriod: Money;
  remainingDays: number;
  periodDays: number;
}

export interface Renewal {
  service: Service;
  paid: "balance" | "invoice";
  invoiceId: string | null;
}

/** `GET /services/:id/cancel/preview`: what cancelling now gives back, or, for an unpaid order, what withdrawing it takes along. */
export interface CancelPreview {
  /** `withdraw`: an unpaid order is called off (its invoice voided, nothing charged); `cancel`: a service stops */
  kind: "cancel" | "withdraw";
  /** The product's rule for what cancelling now gives back */
  refundRule: "none" | "prorated";
  refund: Money;
  /** Whole days already paid for and not used yet (the day under way counts as used) */
  remainingDays: number;
  paidUntil: string | null;
  /** A withdrawal: the invoice voided */
  invoiceId: string | null;
  /** A withdrawal: every service of the order (one invoice pays them all, so they go together) */
  services: string[];
}

export interface ServicePatch {
  label?: string | null;
  autoRenew?: boolean;
}

export interface ListServicesQuery {
  status?: ServiceStatus;
  /** The product's type */
  type?: string;
  /** The label or the product's name contains it (any case) */
  q?: string;
  /** Opaque: the `nextCursor` of the previous page */
  cursor?: string;
  limit?: number;
}

/** `GET /services/:id/panel`: what the service's provisioner adds to its page. */
export interface ServicePanel {
  /** `active`: the parts below. `inactive`: the service is not active, so nothing is shown. `none`: its provisioner offers no panel. `unavailable`: the provider failed or was slow to answer */
  state: "active" | "inactive" | "none" | "unavailable";
  /** Read-only facts: IP addresses, host names */
  fields: {
    key: string;
    label: string;
    value: string;
  }[];
  /** Secrets shown on request (`POST …/credentials/{key}/reveal`), never here */
  credentials: {
    key: string;
    label: string;
    /** The caller holds `change` in services */
    canReveal: boolean;
  }[];
  actions: {
    key: string;
    label: string;
    /** The question to ask before running it */
    confirm: string;
    /** What it needs in the services section */
    right: "change" | "delete";
    danger: boolean;
    /** The credential it replaces (a password reset): running it needs re-authentication, and its answer holds the new value, shown once */
    reveals: string | null;
    /** The caller holds that right (and is not a read-only staff session) */
    allowed: boolean;
  }[];
  controlPanel: {
    label: string;
    allowed: boolean;
  } | null;
  metrics: {
    key: string;
    label: string;
    unit: string;
    points: {
      /** ISO 8601, UTC */
      at: string;
      value: number;
    }[];
  }[];
}

export interface ServicePanelActionResult {
  action: string;
  status: "done";
  message: string | null;
  /** For an action that `reveals` a credential: its new value, in this answer only (not cached, audited as `service.credential_revealed`) */
  credential: {
    key: string;
    value: string;
  } | null;
}

// ---- Billing (`finance` permission) ------------------------------------------------------------

/** `GET /balance`. `available` is the balance plus the credit limit. */
export interface Balance {
  balance: Money;
  creditLimit: Money;
  available: Money;
  upcomingRenewals: {
    amount: number;
    /** ISO 4217 */
    currency: string;
    days: number;
  };
  /** Issued invoices not paid yet, in the balance's currency */
  openInvoices: {
    amount: number;
    /** ISO 4217 */
    currency: string;
    count: number;
  };
  recommendedTopUp: Money;
  /** The brand's bounds of one top-up */
  topUp: {
    min: Money;
    max: Money;
  };
}

export const ledgerKinds = ["payment", "charge", "refund", "adjustment", "credit"] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

export interface LedgerEntry {
  id: string;
  kind: LedgerKind;
  amount: Money;
  balanceAfter: Money;
  description: string;
  reference: {
    type: string;
    id: string;
  } | null;
  /** ISO 8601, UTC */
  createdAt: string;
}

/** A period of the ledger: days (`YYYY-MM-DD`, UTC), both inclusive. */
export interface LedgerPeriod {
  /** First day (UTC), inclusive */
  from?: string;
  /** Last day (UTC), inclusive */
  to?: string;
  kind?: LedgerKind;
}

export interface ListLedgerQuery {
  /** First day (UTC), inclusive */
  from?: string;
  /** Last day (UTC), inclusive */
  to?: string;
  kind?: LedgerKind;
  /** Opaque: the `nextCursor` of the previous page */
  cursor?: string;
  limit?: number;
}

/** `GET /ledger/monthly`: positive minor units per month, oldest month first. */
export interface MonthlySpending {
  /** ISO 4217 */
  currency: string;
  months: {
    /** YYYY-MM (UTC) */
    month: string;
    /** Charges, as a positive amount */
    charged: number;
    /** Payments and credits */
    paid: number;
    /** Refunds, as a positive amount */
    refunded: number;
  }[];
}

export interface Gateway {
  id: string;
  displayName: string;
}

export const paymentStatuses = ["pending", "succeeded", "failed"] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/** What the client does next while a payment is pending. */
export type NextAction =
  | {
      kind: "redirect";
      url: string;
      gatewayReference: string;
    }
  | {
      kind: "instructions";
      text: string;
      details: Record<string, string>;
      gatewayReference: string;
    };

export interface Payment {
  id: string;
  gateway: string;
  amount: Money;
  status: PaymentStatus;
  purpose: "top_up" | "invoices";
  invoiceIds: string[];
  /** What the client must do while the payment is pending: go to `url`, or follow the instructions */
  nextAction:
    | {
        kind: "redirect";
        url: string;
        gatewayReference: string;
      }
    | {
        kind: "instructions";
        text: string;
        details: Record<string, string>;
        gatewayReference: string;
      }
    | null;
  /** As the gateway (or the core) gave it: `declined`, `expired` or the gateway's sentence */
  failureReason: string | null;
  /** `failureReason` in the account's language, for display */
  failureReasonText: string | null;
  received: Money | null;
  refunded: Money;
  /** ISO 8601, UTC */
  createdAt: string;
  settledAt: string | null;
}

/** `POST /payments`: a top-up (`amount`) or open invoices (`invoiceIds`). */
export interface StartPaymentBody {
  /** An id from GET /payments/gateways */
  gateway: string;
  /** A top-up, in minor units of the account's currency */
  amount?: number;
  /** Open invoices to pay in one payment */
  invoiceIds?: string[];
  returnUrl: string;
  cancelUrl?: string;
}

export const invoiceStatuses = ["issued", "paid", "void"] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

export interface InvoiceLine {
  description: string;
  quantity: number;
  unitAmount: Money;
  amount: Money;
  serviceId: string | null;
}

export interface Invoice {
  id: string;
  /** `<prefix>-<year>-<number>`, gap-free per brand and year */
  number: string;
  status: InvoiceStatus;
  purpose: "order" | "renewal" | "manual" | "change";
  subtotal: Money;
  tax: Money;
  total: Money;
  taxRatePercent: number;
  taxInclusive: boolean;
  /** ISO 8601, UTC */
  issuedAt: string;
  /** ISO 8601, UTC */
  dueAt: string;
  paidAt: string | null;
  /** `balance`, or the payment gateway's id; null while unpaid */
  paidMethod: string | null;
  /** Who it is made out to, as they were when it was issued; null on invoices from before payers */
  payer: {
    id: string;
    kind: PayerKind;
    name: string;
    address: string;
    country: string | null;
    registrationNumber: string | null;
    vatNumber: string | null;
    email: string | null;
  } | null;
  /** `reverse_charge`: VAT 0 %, the customer accounts for it (an EU business in another member state) */
  taxNote: "reverse_charge" | null;
  lines: InvoiceLine[];
}

export interface ListPageQuery {
  /** Opaque: the `nextCursor` of the previous page */
  cursor?: string;
  limit?: number;
}

export interface ListInvoicesQuery {
  status?: InvoiceStatus;
  payerId?: string;
  /** Opaque: the `nextCursor` of the previous page */
  cursor?: string;
  limit?: number;
}

export const payerKinds = ["individual", "company", "sole_proprietor"] as const;
export type PayerKind = (typeof payerKinds)[number];

/** Who invoices and documents are made out to: one of the account's payers. */
export interface Payer {
  id: string;
  kind: PayerKind;
  name: string;
  /** Empty on a payer made from the account's profile until the client completes it */
  address: string;
  /** Null only on a payer made from the account's profile */
  country: string | null;
  registrationNumber: string | null;
  vatNumber: string | null;
  email: string | null;
  isDefault: boolean;
  /** Deleted payers are listed to staff only */
  deleted: boolean;
  /** ISO 8601, UTC */
  createdAt: string;
  /** ISO 8601, UTC */
  updatedAt: string;
}

export interface PayerBody {
  /** `individual`, `company` or `sole_proprietor` */
  kind: PayerKind;
  /** Full name, or the company's registered name */
  name: string;
  /** Postal address as it is printed on invoices */
  address: string;
  /** ISO 3166-1 alpha-2 (Greece: GR). 422 when the brand does not serve it */
  country: string;
  /** Company or trade register number */
  registrationNumber?: string | null;
  /** VAT number with its country prefix (NL123456789B01); 400 when it does not have the country's format */
  vatNumber?: string | null;
  /** Where documents are sent */
  email?: string | null;
  /** Make it the default payer (the account's first payer always is) */
  makeDefault?: boolean;
}

// ---- Documents (`documents` or `finance` permission) -------------------------------------------

export const documentKinds = ["invoice", "act", "contract", "reconciliation"] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** An issued document. Its HTML exists from the start; the PDF once `status` is `ready`. */
export interface CabinetDocument {
  id: string;
  kind: DocumentKind;
  /** The invoice's number; null for documents that have none */
  number: string | null;
  title: string;
  /** What it documents: `invoice` + id, `contract` + version */
  reference: {
    type: string;
    id: string;
  } | null;
  /** The payer it is made out to; null on documents from before payers */
  payerId: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  locale: string;
  /** `rendering`: the PDF is being printed; the HTML is there from the start. `not_rendered`: this Cabinet has no document renderer, so there is no PDF (`failureReason` says so); only the HTML */
  status: "rendering" | "ready" | "failed" | "not_rendered";
  failureReason: string | null;
  /** The version of the template it was rendered with */
  templateSha256: string;
  /** SHA-256 of the stored HTML, which never changes */
  htmlSha256: string;
  pdf: {
    size: number;
    sha256: string;
  } | null;
  /** ISO 8601, UTC */
  createdAt: string;
  renderedAt: string | null;
}

export interface ListDocumentsQuery {
  kind?: DocumentKind;
  payerId?: string;
  /** Issued on or after this day (UTC) */
  from?: string;
  /** Issued on or before this day (UTC) */
  to?: string;
  /** Opaque: the `nextCursor` of the previous page */
  cursor?: string;
  limit?: number;
}

/** `GET /contracts/current`: the brand's contract version, and whether the account accepted it. */
export interface CurrentContract {
  version: string;
  accepted: boolean;
  acceptedAt: string | null;
  documentId: string | null;
}

export interface ContractAcceptance {
  version: string;
  accepted: boolean;
  /** ISO 8601, UTC */
  acceptedAt: string;
  document: CabinetDocument;
}
