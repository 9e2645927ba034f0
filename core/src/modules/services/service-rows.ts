import { fromJson, toJson } from "../../db/json.js";
import { newId } from "../../kernel/ids.js";
import type { Service, ServiceHistoryEntry, ServiceRenewal, ServiceStatus } from "./service.js";

/*
 * The services module's rows and the records they hold, mapped once: the request path's
 * repository (service.repository.ts) and the billing run's (billing-run.repository.ts) read
 * and write the same tables through these.
 */

export interface ServiceRow {
  id: string;
  account_id: string;
  product_id: string;
  label: string | null;
  status: ServiceStatus;
  parameters: string;
  price_amount: number;
  currency: string;
  period_months: number;
  paid_until: number | null;
  auto_renew: number | boolean;
  created_at: number;
  next_parameters: string | null;
  cancel_at_period_end: number | boolean;
  status_reason: string | null;
  period_start: number | null;
  order_charge: number;
  order_id: string | null;
  provision_action: string | null;
  provision_seq: number;
  payer_id: string | null;
}

export const toService = (r: ServiceRow): Service => ({
  id: r.id,
  accountId: r.account_id,
  productId: r.product_id,
  label: r.label,
  status: r.status,
  parameters: fromJson(r.parameters, {}),
  price: { amount: Number(r.price_amount), currency: r.currency },
  periodMonths: Number(r.period_months),
  paidUntil: r.paid_until === null ? null : Number(r.paid_until),
  autoRenew: Boolean(r.auto_renew),
  createdAt: Number(r.created_at),
  nextParameters: fromJson(r.next_parameters, null),
  cancelAtPeriodEnd: Boolean(r.cancel_at_period_end),
  statusReason: r.status_reason,
  periodStart: r.period_start === null ? null : Number(r.period_start),
  orderCharge: Number(r.order_charge),
  orderId: r.order_id,
  provisionAction: r.provision_action,
  provisionSeq: Number(r.provision_seq),
  payerId: r.payer_id ?? null,
});

export function toRenewal(r: Record<string, unknown>): ServiceRenewal {
  return {
    id: r.id as string,
    serviceId: r.service_id as string,
    accountId: r.account_id as string,
    periodStart: Number(r.period_start),
    periodEnd: Number(r.period_end),
    periods: Number(r.periods),
    amount: Number(r.amount),
    currency: r.currency as string,
    ledgerEntryId: (r.ledger_entry_id as string | null) ?? null,
    invoiceId: (r.invoice_id as string | null) ?? null,
    source: r.source as ServiceRenewal["source"],
    createdAt: Number(r.created_at),
  };
}

export const renewalRow = (r: ServiceRenewal) => ({
  id: r.id,
  service_id: r.serviceId,
  account_id: r.accountId,
  period_start: r.periodStart,
  period_end: r.periodEnd,
  periods: r.periods,
  amount: r.amount,
  currency: r.currency,
  ledger_entry_id: r.ledgerEntryId,
  invoice_id: r.invoiceId,
  source: r.source,
  created_at: r.createdAt,
});

export const historyRow = (e: Omit<ServiceHistoryEntry, "id">) => ({
  id: newId("shi", e.at),
  service_id: e.serviceId,
  account_id: e.accountId,
  at: e.at,
  from_status: e.fromStatus,
  to_status: e.toStatus,
  action: e.action,
  actor: e.actor,
  details: e.details === null ? null : toJson(e.details),
});

export const toHistoryEntry = (r: Record<string, unknown>): ServiceHistoryEntry => ({
  id: r.id as string,
  serviceId: r.service_id as string,
  accountId: r.account_id as string,
  at: Number(r.at),
  fromStatus: r.from_status as ServiceStatus | null,
  toStatus: r.to_status as ServiceStatus,
  action: r.action as string,
  actor: r.actor as ServiceHistoryEntry["actor"],
  details: fromJson(r.details as string | null, null),
});
