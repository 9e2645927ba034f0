import { Currency, Cursor, Enum, Id, Instant, Limit, Obj, Page, Type } from "../../http/schema.js";

const MoneySchema = Obj({ amount: Type.Integer({ description: "Minor units" }), currency: Currency });

const NextAction = Type.Union([
  Obj({ kind: Type.Literal("redirect"), url: Type.String(), gatewayReference: Type.String() }),
  Obj({ kind: Type.Literal("instructions"), text: Type.String(), details: Type.Record(Type.String(), Type.String()), gatewayReference: Type.String() }),
  Type.Null(),
]);

export const PaymentView = Obj({
  id: Type.String(),
  gateway: Type.String(),
  amount: MoneySchema,
  status: Enum(["pending", "succeeded", "failed"]),
  purpose: Enum(["top_up", "invoices"]),
  invoiceIds: Type.Array(Type.String()),
  nextAction: Type.Unsafe({ ...NextAction, description: "What the client must do while the payment is pending: go to `url`, or follow the instructions" }),
  failureReason: Type.Union([Type.String(), Type.Null()], {
    description: "As the gateway (or the core) gave it: `declined`, `expired` or the gateway's sentence",
  }),
  failureReasonText: Type.Union([Type.String(), Type.Null()], { description: "`failureReason` in the account's language, for display" }),
  received: Type.Union([MoneySchema, Type.Null()]),
  refunded: MoneySchema,
  createdAt: Instant,
  settledAt: Type.Union([Instant, Type.Null()]),
});

const Url = Type.String({ format: "uri", maxLength: 2000, pattern: "^https?://" });

export const StartPaymentBody = Obj({
  gateway: Type.String({ minLength: 1, maxLength: 40, description: "An id from GET /payments/gateways" }),
  amount: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000_000_000, description: "A top-up, in minor units of the account's currency" })),
  invoiceIds: Type.Optional(Type.Array(Id("inv"), { minItems: 1, maxItems: 50, description: "Open invoices to pay in one payment" })),
  returnUrl: Url,
  cancelUrl: Type.Optional(Url),
});

export const GatewaysView = Obj({ items: Type.Array(Obj({ id: Type.String(), displayName: Type.String() })) });
export const ListPaymentsQuery = Obj({ cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) });
export const PaymentsPage = Page(PaymentView);
export const PaymentIdParams = Obj({ id: Id("pay") });
export const WebhookParams = Obj({ gateway: Type.String({ pattern: "^[a-z0-9-]{1,40}$", maxLength: 40 }) });
export const WebhookAnswer = Obj({ received: Type.Boolean(), outcome: Type.String() });
