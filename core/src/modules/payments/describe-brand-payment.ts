import type { PaymentGateway } from "../../extension-points/payment-gateway.js";
import { describePayment } from "./describe-payment.js";
import type { Payment } from "./payment.js";
import type { Refund } from "./refund.js";

/**
 * A payment as its brand's staff see it: the client's view, whose it is, the gateway's
 * reference (what a client quotes on a bank transfer), and whether a refund of it is sent by
 * the gateway or by hand — said before staff ask for one, not after.
 */
export function describeBrandPayment(payment: Payment, gateway: PaymentGateway | undefined) {
  return {
    ...describePayment(payment),
    accountId: payment.accountId,
    reference: payment.gatewayReference,
    refundsByHand: gateway !== undefined && gateway.refund === undefined,
  };
}

export function describeRefund(refund: Refund) {
  return {
    id: refund.id,
    paymentId: refund.paymentId,
    amount: { amount: refund.amount, currency: refund.currency },
    status: refund.status,
    reason: refund.reason,
    gatewayReference: refund.gatewayReference,
    failureReason: refund.failureReason,
    createdAt: new Date(refund.createdAt).toISOString(),
    updatedAt: new Date(refund.updatedAt).toISOString(),
  };
}
