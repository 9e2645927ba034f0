import { Currency, Cursor, Enum, Id, Instant, Limit, Obj, Page, Type } from "../../http/schema.js";
import { PaymentView } from "./payments.schemas.js";

const MoneySchema = Obj({ amount: Type.Integer({ description: "Minor units" }), currency: Currency });
/** Far above any real payment, far below 2^53 (the ledger's own bound per entry). */
const Amount = (description: string) => Type.Integer({ minimum: 1, maximum: 100_000_000_000, description });

export const StaffPaymentView = Type.Composite(
  [
    PaymentView,
    Obj({
      accountId: Type.String(),
      reference: Type.Union([Type.String(), Type.Null()], {
        description: "The gateway's reference; for a bank transfer, what the client quotes (`NW-7K3F-9Q2M`)",
      }),
      refundsByHand: Type.Boolean({ description: "The gateway cannot send refunds: a refund is recorded at once and staff send the money themselves" }),
    }),
  ],
  { additionalProperties: false },
);

export const RefundView = Obj({
  id: Type.String(),
  paymentId: Type.String(),
  amount: MoneySchema,
  status: Enum(["pending", "refunded", "failed"], { description: "`pending`: the gateway did not answer, retry it; `failed`: refused, no money moved" }),
  reason: Type.String(),
  gatewayReference: Type.Union([Type.String(), Type.Null()]),
  failureReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
  updatedAt: Instant,
});

export const StaffPaymentDetail = Type.Composite([StaffPaymentView, Obj({ refunds: Type.Array(RefundView, { description: "Oldest first" }) })], {
  additionalProperties: false,
});

export const StaffPaymentsPage = Page(StaffPaymentView);

export const StaffPaymentsQuery = Obj({
  status: Type.Optional(Enum(["pending", "succeeded", "failed"])),
  gateway: Type.Optional(Type.String({ pattern: "^[a-z0-9-]{1,40}$", maxLength: 40 })),
  reference: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      pattern: "\\S",
      description: "A gateway reference, such as the one a client quoted on a bank transfer (any letter case)",
    }),
  ),
  accountId: Type.Optional(Id("acc")),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
});

export const StaffPaymentParams = Obj({ id: Id("pay") });
export const StaffRefundParams = Obj({ id: Id("pay"), refundId: Id("rfd") });

export const ConfirmTransferBody = Obj({
  receivedAmount: Amount("What arrived, in minor units of the payment's currency: the amount credited to the balance"),
});

export const RefundBody = Obj({
  amount: Amount("In minor units of the payment's currency; at most what was received less what is refunded or being refunded"),
  reason: Type.String({ minLength: 1, maxLength: 255, description: "Why: kept with the refund" }),
});
