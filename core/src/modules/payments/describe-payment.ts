import type { Payment } from "./payment.js";

export function describePayment(payment: Payment) {
  return {
    id: payment.id,
    gateway: payment.gateway,
    amount: { amount: payment.amount, currency: payment.currency },
    status: payment.status,
    purpose: payment.purpose,
    invoiceIds: payment.invoiceIds,
    nextAction: payment.status === "pending" ? payment.nextAction : null,
    failureReason: payment.failureReason,
    received: payment.receivedAmount === null ? null : { amount: payment.receivedAmount, currency: payment.currency },
    refunded: { amount: payment.refundedAmount, currency: payment.currency },
    createdAt: new Date(payment.createdAt).toISOString(),
    settledAt: payment.settledAt === null ? null : new Date(payment.settledAt).toISOString(),
  };
}
