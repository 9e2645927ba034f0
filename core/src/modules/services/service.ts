/** Where a service is in its life; the allowed moves between them are in service-lifecycle.ts. */
export const serviceStatuses = ["pending_payment", "provisioning", "provisioning_failed", "active", "suspended", "cancelled", "deleted"] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];

// A service's parameter values answer its product's parameters: the catalog defines them.
import type { ParameterValues } from "../catalog/index.js";
export type { ParameterValue, ParameterValues } from "../catalog/index.js";

/** Who moved a service: its client, the provider's staff, or the system (a job, the billing run). */
export type Actor = "client" | "staff" | "system";

export interface Service {
  id: string;
  accountId: string;
  productId: string;
  label: string | null;
  status: ServiceStatus;
  parameters: ParameterValues;
  price: { amount: number; currency: string };
  periodMonths: number;
  paidUntil: number | null;
  autoRenew: boolean;
  createdAt: number;
  /** A downgrade waiting for the next renewal, or null. */
  nextParameters: ParameterValues | null;
  cancelAtPeriodEnd: boolean;
  /** Why it is in its status (the provisioning error, "unpaid"…), or null. */
  statusReason: string | null;
  /** Start of the paid period that ends at `paidUntil`. */
  periodStart: number | null;
  /** What the order charged for it (price + setup fee): refunded if provisioning is given up. */
  orderCharge: number;
  orderId: string | null;
  /** The provisioner action being awaited (a job queued or a `pending` answer), or null. */
  provisionAction: string | null;
  /** Counts provisioning jobs; a job's id is service + action + this number, so a retry is the same job. */
  provisionSeq: number;
  /** Who its invoices are made out to: the payer chosen when it was ordered; null: the account's default payer. */
  payerId: string | null;
}

export interface ServiceHistoryEntry {
  id: string;
  serviceId: string;
  accountId: string;
  at: number;
  fromStatus: ServiceStatus | null;
  toStatus: ServiceStatus;
  action: string;
  actor: Actor;
  details: Record<string, unknown> | null;
}

/** A charged (service, period): UNIQUE(service_id, period_start) makes a period paid at most once. */
export interface ServiceRenewal {
  id: string;
  serviceId: string;
  accountId: string;
  periodStart: number;
  periodEnd: number;
  periods: number;
  amount: number;
  currency: string;
  ledgerEntryId: string | null;
  invoiceId: string | null;
  source: "client" | "billing-run";
  createdAt: number;
}

/** An upgrade waiting for its invoice: applied when it is paid, refunded if the service moved on meanwhile. */
export interface ServiceChange {
  id: string;
  accountId: string;
  serviceId: string;
  invoiceId: string;
  parameters: ParameterValues;
  newPrice: number;
  amount: number;
  currency: string;
  provisionSeq: number;
  status: "waiting" | "applied" | "refunded" | "void";
  createdAt: number;
}

/** An order, stored under the account's Idempotency-Key with the first answer. */
export interface OrderRecord {
  id: string;
  accountId: string;
  idempotencyKey: string;
  requestHash: string;
  status: "paid" | "awaiting_payment";
  totalAmount: number;
  currency: string;
  invoiceId: string | null;
  response: unknown;
  createdAt: number;
}
