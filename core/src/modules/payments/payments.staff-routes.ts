import { idempotencyKeyOf, idempotentCall } from "../../http/idempotency.js";
import { defineRoute } from "../../http/route.js";
import { ConfirmBankTransfer } from "./confirm-bank-transfer.js";
import { GetBrandPayment } from "./get-brand-payment.js";
import { ListBrandPayments } from "./list-brand-payments.js";
import { RefundPayment } from "./refund-payment.js";
import { RetryRefund } from "./retry-refund.js";
import {
  ConfirmTransferBody,
  RefundBody,
  RefundView,
  StaffPaymentDetail,
  StaffPaymentParams,
  StaffPaymentsPage,
  StaffPaymentsQuery,
  StaffPaymentView,
  StaffRefundParams,
} from "./payments.staff-schemas.js";

/** The brand's payments for its staff. Every query filters by the staff member's brand: another brand's payment answers 404. */
export const staffPaymentRoutes = [
  defineRoute({
    method: "get",
    path: "/staff/payments",
    operationId: "staffListPayments",
    summary: "The brand's payments, newest first",
    description:
      "Filter by `status`, `gateway`, `accountId`, or `reference`: `?status=pending&gateway=bank-transfer` lists the transfers waiting to be confirmed; `?reference=NW-7K3F-9Q2M` finds the one a client quoted.",
    tags: ["staff"],
    auth: "staff",
    query: StaffPaymentsQuery,
    response: StaffPaymentsPage,
    handler: ({ auth, query, scope }) => scope.resolve(ListBrandPayments).execute(auth, query),
  }),
  defineRoute({
    method: "get",
    path: "/staff/payments/:id",
    operationId: "staffGetPayment",
    summary: "One payment of the brand, with its refunds",
    tags: ["staff"],
    auth: "staff",
    params: StaffPaymentParams,
    response: StaffPaymentDetail,
    handler: ({ auth, params, scope }) => scope.resolve(GetBrandPayment).execute(auth, params.id),
  }),
  defineRoute({
    method: "post",
    path: "/staff/payments/:id/confirm-transfer",
    operationId: "staffConfirmTransfer",
    summary: "Confirm that a bank transfer arrived, and how much",
    description:
      "`receivedAmount` is what is credited to the client's balance, whatever the payment asked for: the invoices it was for are paid as far as it reaches (one it does not cover stays open), and an over-payment stays on the balance. At most once: a second confirmation answers 409 CAB_ERR_CONFLICT with the payment as it is (`details.payment`). 422 for a payment that is not a transfer.",
    tags: ["staff"],
    auth: "staff",
    staffRoles: ["admin", "finance"],
    params: StaffPaymentParams,
    body: ConfirmTransferBody,
    response: StaffPaymentView,
    handler: ({ auth, params, body, scope }) => scope.resolve(ConfirmBankTransfer).execute(auth, params.id, body.receivedAmount),
  }),
  defineRoute({
    method: "post",
    path: "/staff/payments/:id/refunds",
    operationId: "staffRefundPayment",
    summary: "Give money back on a payment",
    description:
      "The refund is recorded (pending) before the gateway is asked, then: refunded — a negative `refund` entry on the client's ledger (which may take the balance below zero when the money was spent); refused — 422 CAB_ERR_REFUND_REFUSED, the refund is `failed` and no money moved; no answer — 502 CAB_ERR_GATEWAY_UNAVAILABLE, the refund stays `pending` (`details.refundId`): retry it. A gateway that cannot send refunds (bank transfer; `refundsByHand` on the payment) records the refund as refunded at once: **staff send the money by hand**. At most what was received less what is refunded or pending (422 CAB_ERR_UNPROCESSABLE, `details.refundable`); only a succeeded payment (409). " +
      "Each request is a refund of its own, so it requires an `Idempotency-Key` header (one per refund meant): the same key and body again answers that refund as it is now and sends nothing; " +
      "the same key with another body or payment is 409 CAB_ERR_IDEMPOTENCY_KEY_REUSED.",
    tags: ["staff"],
    auth: "staff",
    staffRoles: ["admin", "finance"],
    idempotencyKey: "required",
    params: StaffPaymentParams,
    body: RefundBody,
    response: RefundView,
    status: 201,
    handler: ({ auth, params, body, scope, ctx }) =>
      scope
        .resolve(RefundPayment)
        .execute(auth, params.id, body, idempotentCall(auth.staffId, idempotencyKeyOf(ctx, true), "staffRefundPayment", { paymentId: params.id, body })),
  }),
  defineRoute({
    method: "post",
    path: "/staff/payments/:id/refunds/:refundId/retry",
    operationId: "staffRetryRefund",
    summary: "Send a pending refund to the gateway again",
    description:
      "Under the same refund id, so the gateway refunds at most once. Only a pending refund (409 with `details.refund` otherwise); answers as a new refund does.",
    tags: ["staff"],
    auth: "staff",
    staffRoles: ["admin", "finance"],
    params: StaffRefundParams,
    response: RefundView,
    handler: ({ auth, params, scope }) => scope.resolve(RetryRefund).execute(auth, params.id, params.refundId),
  }),
];
