import { localText, renderText } from "../../i18n/index.js";
import type { Payment } from "./payment.js";

/** Reasons the core and its gateways give in a word, which a client reads in the account's language. */
const KNOWN_FAILURES = new Set(["declined", "expired", "canceled", "cancelled"]);

/**
 * Why a payment failed, as a client reads it: a known word (`declined`, `expired`) in `locale`;
 * a gateway's own sentence (which has no translation) after a sentence in `locale` that says the
 * payment did not go through.
 */
export function failureReasonText(reason: string | null, locale: string): string | null {
  if (reason === null) return null;
  const known = KNOWN_FAILURES.has(reason)
    ? localText(`payment.failure.${reason === "cancelled" ? "canceled" : reason}`)
    : localText("payment.failure.other", { detail: reason });
  return renderText(known, locale);
}

/** `locale`: the account's language, which `failureReasonText` is written in. */
export function describePayment(payment: Payment, locale = "en") {
  return {
    id: payment.id,
    gateway: payment.gateway,
    amount: { amount: payment.amount, currency: payment.currency },
    status: payment.status,
    purpose: payment.purpose,
    invoiceIds: payment.invoiceIds,
    nextAction: payment.status === "pending" ? payment.nextAction : null,
    failureReason: payment.failureReason,
    failureReasonText: failureReasonText(payment.failureReason, locale),
    received: payment.receivedAmount === null ? null : { amount: payment.receivedAmount, currency: payment.currency },
    refunded: { amount: payment.refundedAmount, currency: payment.currency },
    createdAt: new Date(payment.createdAt).toISOString(),
    settledAt: payment.settledAt === null ? null : new Date(payment.settledAt).toISOString(),
  };
}
