import type { RenewalPricing } from "./renewal-pricer.js";
import type { PayerPrice } from "./payer-prices.js";
import { localText, type LocalText } from "../../i18n/index.js";
import { productNameText, type ProductSummary } from "../catalog/index.js";
import { addMonths, DAY_MS, isoDay } from "./service-period.js";
import type { LifecycleStep } from "./service-lifecycle.js";
import type { Actor, Service, ServiceRenewal } from "./service.js";
import type { CabinetEvents } from "../../kernel/event-bus.js";

/*
 * What renewing a service writes, decided once for the single renewal (renew-service.ts, a
 * client's request) and the billing run's batches (renew-due-services.ts): the same ledger
 * posting and idempotency key, the same invoice line, description and due date when the
 * balance is short, the same renewal row, the same lifecycle steps and events. Pure: the
 * callers do the reads and the writes, one service at a time or a batch at once.
 */

/** The ledger key of a renewal: a (service, period) is charged at most once, whoever renews it. */
export const renewalLedgerKey = (serviceId: string, periodStart: number) => `renewal:${serviceId}:${periodStart}`;

export interface RenewalPlan {
  serviceId: string;
  accountId: string;
  currency: string;
  periodStart: number;
  periodEnd: number;
  periods: number;
  /** The catalog's price of one period (the invoice line's unit, which the invoice prices for its payer). */
  perPeriod: number;
  /** What the payer is charged from the balance: each period at the payer's price (see priceForPayer), as the invoice would total it. */
  amount: number;
  /** The ledger entry's and the invoice line's text. */
  description: LocalText;
  /** The service as its client knows it: its label, or its product's name. */
  serviceName: string;
  /** The charge from the balance (a LedgerPosting); null for a period that costs nothing. */
  posting: {
    accountId: string;
    amount: number;
    currency: string;
    kind: "charge";
    reference: { type: "service"; id: string };
    description: LocalText;
    idempotencyKey: string;
    /** The payer the service was ordered for (null: the default): whose statement the charge is on. */
    payerId: string | null;
  } | null;
  /** The renewal invoice's line when the balance is short. */
  invoiceLine: { description: LocalText; quantity: number; unitAmount: number; serviceId: string; months: number; period: { start: number; end: number } };
  /** A renewal invoice is due when the service stops being paid for (at least a day from now): paying it before keeps it running. */
  dueInDays: number;
}

/**
 * Plans `periods` periods of `service` from `periodStart`, at `perPeriod` each (the service's
 * price, or a waiting downgrade's), charged at `payerPrice` of it (PayerPrices: without VAT
 * under the reverse charge). `product` names a service without a label: the ledger
 * line and the invoice line end up in print, where an internal id means nothing to anyone (they
 * name it in the reader's language; the notice, written once, in the brand's).
 */
export function planRenewal(
  service: Pick<Service, "id" | "accountId" | "label" | "periodMonths" | "price" | "payerId">,
  input: {
    periodStart: number;
    periods: number;
    perPeriod: number;
    payerPrice: PayerPrice;
    now: number;
    product: Pick<ProductSummary, "name" | "names"> | undefined;
  },
): RenewalPlan {
  const { periodStart, periods, perPeriod, now, product } = input;
  const periodEnd = addMonths(periodStart, service.periodMonths * periods);
  const amount = input.payerPrice(perPeriod) * periods;
  const currency = service.price.currency;
  const serviceName = service.label ?? product?.name ?? service.id;
  const description = localText("ledger.renewal", {
    service: service.label ?? (product ? productNameText(product) : service.id),
    from: isoDay(periodStart),
    to: isoDay(periodEnd),
  });
  return {
    serviceId: service.id,
    accountId: service.accountId,
    currency,
    periodStart,
    periodEnd,
    periods,
    perPeriod,
    amount,
    description,
    serviceName,
    posting:
      amount === 0
        ? null
        : {
            accountId: service.accountId,
            amount: -amount,
            currency,
            kind: "charge",
            reference: { type: "service", id: service.id },
            description,
            idempotencyKey: renewalLedgerKey(service.id, periodStart),
            payerId: service.payerId,
          },
    invoiceLine: {
      description,
      quantity: periods,
      unitAmount: perPeriod,
      serviceId: service.id,
      months: service.periodMonths * periods,
      period: { start: periodStart, end: periodEnd },
    },
    dueInDays: Math.max(1, Math.ceil((periodStart - now) / DAY_MS)),
  };
}

/**
 * The `service_renewals` row of a plan: charged (`ledgerEntryId`), invoiced (`invoiceId`) or free
 * (neither). `invoicedAmount`: what the invoice charges for the plan's line (its share of the
 * total, VAT added or — under the reverse charge — taken out), which is what a refund of the
 * renewal gives back; the plan's amount otherwise.
 */
export function renewalRecord(
  plan: RenewalPlan,
  input: { id: string; source: ServiceRenewal["source"]; now: number; ledgerEntryId?: string | null; invoiceId?: string | null; invoicedAmount?: number },
): ServiceRenewal {
  return {
    id: input.id,
    serviceId: plan.serviceId,
    accountId: plan.accountId,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    periods: plan.periods,
    amount: input.invoicedAmount ?? plan.amount,
    currency: plan.currency,
    ledgerEntryId: input.ledgerEntryId ?? null,
    invoiceId: input.invoiceId ?? null,
    source: input.source,
    createdAt: input.now,
  };
}

/** The step that records a paid renewal: paid until the period's end, a waiting downgrade applied. */
export function renewedStep(
  service: Service,
  renewal: Pick<ServiceRenewal, "periodStart" | "periodEnd" | "periods" | "amount" | "source">,
  pricing: RenewalPricing,
  actor: Actor,
): LifecycleStep {
  const downgrade = pricing.parameters !== null;
  return {
    action: "renew",
    actor,
    details: { periods: renewal.periods, amount: renewal.amount, paidUntil: renewal.periodEnd, ...(downgrade ? { parameters: pricing.parameters } : {}) },
    changes: {
      paidUntil: renewal.periodEnd,
      // The last paid period: proration divides by its length.
      periodStart: addMonths(renewal.periodEnd, -service.periodMonths),
      ...(downgrade ? { parameters: pricing.parameters!, nextParameters: null, price: { amount: pricing.perPeriod, currency: service.price.currency } } : {}),
    },
    provision: downgrade ? "change" : undefined,
    events: [
      {
        name: "service.renewed",
        payload: { accountId: service.accountId, serviceId: service.id, paidUntil: renewal.periodEnd, periods: renewal.periods, source: renewal.source },
      },
    ],
  };
}

/**
 * The billing run's announcement of one renewal invoice holding several of an account's
 * periods: one event (and so one notification) per invoice, naming its services — where a
 * client's own renewal of one service announces that service's step events (below).
 */
export function renewalsInvoicedEvent(plans: RenewalPlan[], invoice: { id: string; number: string }): CabinetEvents["service.renewals_invoiced"] {
  return {
    accountId: plans[0].accountId,
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    services: plans.map((p) => ({ id: p.serviceId, name: p.serviceName })),
    paidUntil: Math.min(...plans.map((p) => p.periodStart)),
  };
}

/** The step that records a renewal the balance did not cover: an invoice waits, and the client hears the renewal is due and failed. */
export function renewalInvoicedStep(plan: RenewalPlan, invoiceId: string, actor: Actor, invoicedAmount = plan.amount): LifecycleStep {
  const { accountId, serviceId } = plan;
  return {
    action: "renewal_invoiced",
    actor,
    details: { invoiceId, periods: plan.periods, amount: invoicedAmount },
    events: [
      { name: "service.renewal_due", payload: { accountId, serviceId, paidUntil: plan.periodStart, invoiceId } },
      { name: "service.renewal_failed", payload: { accountId, serviceId, reason: "insufficient_funds", invoiceId } },
    ],
  };
}
