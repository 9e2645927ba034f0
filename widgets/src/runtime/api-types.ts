/**
 * The shapes of the Cabinet HTTP API (`/api/v1`) that the widgets use, written by hand after
 * the core's OpenAPI document (`GET /api/v1/openapi.json`). The widgets depend on the API's
 * public contract only, never on the core's source.
 */

export type SessionMode = "cookie" | "bearer";

export type Permission = "services" | "finance" | "documents" | "support";

export interface User {
  id: string;
  email: string;
  name: string;
  role: "owner" | "member";
  permissions: Permission[];
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
  /** ISO 4217 code: every amount of this account is in minor units of it. */
  currency: string;
  /** The account's language (documents, account-wide messages). */
  locale: string;
}

/** `GET /me`: who is signed in. */
export interface Me {
  user: User;
  account: Account;
  brand: { slug: string; name: string };
  session: { csrfToken: string; expiresAt: string; via: SessionMode };
}

/** `POST /auth/sign-in`: `Me` plus the bearer token (mode `bearer` only). */
export interface SignedIn extends Me {
  token: string | null;
}

export const serviceStatuses = [
  "pending_payment",
  "provisioning",
  "provisioning_failed",
  "active",
  "suspended",
  "cancelled",
  "deleted",
] as const;

export type ServiceStatus = (typeof serviceStatuses)[number];

/** An amount of money: integer minor units (cents) plus an ISO 4217 currency. */
export interface Money {
  amount: number;
  currency: string;
}

export type ParameterValue = string | number | boolean;

export interface Service {
  id: string;
  label: string | null;
  status: ServiceStatus;
  product: { id: string; code: string; name: string; type: string };
  parameters: Record<string, ParameterValue>;
  /** Per period of `periodMonths` months. */
  price: Money;
  periodMonths: number;
  paidUntil: string | null;
  autoRenew: boolean;
  createdAt: string;
}

// ---- Services (issue 3): catalog, orders, one service's life ------------------------------

/** Whether an action on a service is allowed now; `reason` is a machine code ("status:pending_payment"). */
export interface ServiceAction {
  allowed: boolean;
  reason: string | null;
}

export const serviceActionNames = ["renew", "change", "cancel", "delete", "autoRenew"] as const;
export type ServiceActionName = (typeof serviceActionNames)[number];

/** `GET /services/:id`: the list's shape and what only one service's page needs. */
export interface ServiceDetail extends Service {
  /** A downgrade waiting for the next renewal. */
  nextParameters?: Record<string, ParameterValue> | null;
  cancelAtPeriodEnd?: boolean;
  /** Why it is in its status (the provisioning error). */
  statusReason?: string | null;
  /** The open invoice that pays for it: its order's while awaiting payment, a renewal's or an upgrade's. */
  invoiceId?: string | null;
  actions?: Partial<Record<ServiceActionName, ServiceAction>>;
}

/** `GET /services/:id/cancel/preview`: what cancelling now gives back, or, for an unpaid order, what withdrawing it takes along. */
export interface CancelPreview {
  kind: "cancel" | "withdraw";
  refundRule: "none" | "prorated";
  refund: Money;
  remainingDays: number;
  paidUntil: string | null;
  invoiceId: string | null;
  services: string[];
}

export interface ServiceHistoryEntry {
  at: string;
  fromStatus: ServiceStatus | null;
  toStatus: ServiceStatus | null;
  action: string;
  actor: "client" | "staff" | "system";
  details: Record<string, unknown> | null;
}

export type ParameterDef =
  | { key: string; label: string; kind: "integer"; min: number; max: number; step: number; default: number; unit: string; unitPrice: Money }
  | { key: string; label: string; kind: "enum"; default: string; options: { value: string; label: string; price: Money }[] }
  | { key: string; label: string; kind: "boolean"; default: boolean; price: Money };

export interface ProductPrice {
  periodMonths: number;
  /** The base price of the whole period. */
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
}

export interface QuoteBody {
  productId: string;
  periodMonths: number;
  parameters: Record<string, ParameterValue>;
  currency?: string;
}

/** `POST /catalog/quote`: the price the server will charge, line by line. */
export interface Quote {
  productId: string;
  periodMonths: number;
  currency: string;
  lines: { code: string; description: string; amount: Money }[];
  setupFee: Money;
  total: Money;
  perPeriod: Money;
}

export interface OrderItem {
  productId: string;
  periodMonths: number;
  parameters: Record<string, ParameterValue>;
  label?: string;
  autoRenew?: boolean;
}

/** `POST /orders`: paid from the balance, or waiting for its invoice. */
export interface Order {
  id: string;
  status: "paid" | "awaiting_payment";
  total: Money;
  services: ServiceDetail[];
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
  service: ServiceDetail;
  paid: "balance" | "invoice";
  invoiceId: string | null;
}

export interface ServicePatch {
  label?: string | null;
  autoRenew?: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ListServicesQuery {
  status?: ServiceStatus;
  /** A product type (`vps`, `domain`…). */
  type?: string;
  /** Label or product name contains. */
  q?: string;
  limit?: number;
  cursor?: string;
}

// ---- Billing (`finance` permission) -------------------------------------------------------

/** `GET /balance`. `available` is the balance plus the credit limit. */
export interface Balance {
  balance: Money;
  creditLimit: Money;
  available: Money;
  /** What the services renewing within `days` days will cost. */
  upcomingRenewals: Money & { days: number };
  /** Issued invoices not paid yet (older servers leave it out). */
  openInvoices?: Money & { count: number };
  /** A top-up that covers the open invoices and those renewals; zero when the balance already does. */
  recommendedTopUp: Money;
}

export const ledgerKinds = ["payment", "charge", "refund", "adjustment", "credit"] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

export interface LedgerEntry {
  id: string;
  kind: LedgerKind;
  /** Signed: a charge is negative, a payment positive. */
  amount: Money;
  balanceAfter: Money;
  /** The core's words (not translated). */
  description: string;
  reference: { type: string; id: string } | null;
  createdAt: string;
}

/** A period of the ledger: days (`YYYY-MM-DD`, UTC), both inclusive. */
export interface LedgerPeriod {
  from?: string;
  to?: string;
  kind?: LedgerKind;
}

export interface ListLedgerQuery extends LedgerPeriod {
  cursor?: string;
  limit?: number;
}

/** `GET /ledger/monthly`: positive minor units per month, oldest month first. */
export interface MonthlySpending {
  currency: string;
  months: { month: string; charged: number; paid: number; refunded: number }[];
}

export interface Gateway {
  id: string;
  displayName: string;
}

export const paymentStatuses = ["pending", "succeeded", "failed"] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/** What the client does next while a payment is pending. */
export type NextAction =
  | { kind: "redirect"; url: string }
  | { kind: "instructions"; text: string; details: Record<string, string> };

export interface Payment {
  id: string;
  gateway: string;
  amount: Money;
  status: PaymentStatus;
  purpose: "top_up" | "invoices";
  invoiceIds: string[];
  nextAction: NextAction | null;
  failureReason: string | null;
  received: Money | null;
  refunded: Money;
  createdAt: string;
  settledAt: string | null;
}

/** `POST /payments`: a top-up (`amount`) or open invoices (`invoiceIds`). */
export type StartPaymentBody = { gateway: string; returnUrl: string; cancelUrl?: string } & ({ amount: number } | { invoiceIds: string[] });

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
  number: string;
  /** `issued` is open: it waits to be paid. */
  status: InvoiceStatus;
  purpose: "order" | "renewal" | "manual";
  subtotal: Money;
  tax: Money;
  total: Money;
  taxRatePercent: number;
  /** True when the lines' amounts already include the tax. */
  taxInclusive: boolean;
  issuedAt: string;
  dueAt: string;
  paidAt: string | null;
  lines: InvoiceLine[];
}

export interface ListPageQuery {
  cursor?: string;
  limit?: number;
}

export interface ListInvoicesQuery extends ListPageQuery {
  status?: InvoiceStatus;
}

// ---- Documents (`documents` or `finance` permission) ---------------------------------------

export const documentKinds = ["invoice", "act", "contract", "reconciliation"] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** An issued document. Its HTML exists from the start; the PDF once `status` is `ready`. */
export interface CabinetDocument {
  id: string;
  kind: DocumentKind;
  /** The invoice's number; null for documents that have none. */
  number: string | null;
  title: string;
  reference: { type: string; id: string } | null;
  /** The period it covers (days, UTC, both included), for acts and statements. */
  periodFrom: string | null;
  periodTo: string | null;
  locale: string;
  /**
   * `rendering`: the PDF is being printed; `failed`: it could not be; `not_rendered`: this
   * Cabinet prints no PDFs (no renderer). The HTML can be read in every case.
   */
  status: "rendering" | "ready" | "failed" | "not_rendered";
  failureReason: string | null;
  pdf: { size: number; sha256: string } | null;
  createdAt: string;
  renderedAt: string | null;
}

export interface ListDocumentsQuery extends ListPageQuery {
  kind?: DocumentKind;
}
