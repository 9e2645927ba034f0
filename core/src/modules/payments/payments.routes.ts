import { idempotencyKeyOf, idempotentCall } from "../../http/idempotency.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { ExtensionRegistry } from "../../kernel/extension-registry.js";
import { defineRoute } from "../../http/route.js";
import { AccountLanguage, GetMe } from "../accounts/index.js";
import { gatewayDisplayName } from "./gateway-name.js";
import { HandleWebhook } from "./handle-webhook.js";
import { ListPayments } from "./list-payments.js";
import {
  GatewaysView,
  ListPaymentsQuery,
  PaymentIdParams,
  PaymentsPage,
  PaymentView,
  StartPaymentBody,
  WebhookAnswer,
  WebhookParams,
} from "./payments.schemas.js";
import { RefreshPayment } from "./refresh-payment.js";
import { StartPayment } from "./start-payment.js";

export const paymentRoutes = [
  defineRoute({
    method: "get",
    path: "/payments/gateways",
    operationId: "listGateways",
    summary: "The payment methods a client may choose from",
    tags: ["finance"],
    auth: "user",
    permission: "finance",
    response: GatewaysView,
    async handler({ auth, brand, scope }) {
      // A brand may offer only some of the enabled gateways (its `gateways` setting).
      const gateways = scope
        .resolve<ExtensionRegistry>(TOKENS.Extensions)
        .list("payment-gateway")
        .filter((g) => !brand.gateways || brand.gateways.includes(g.id));
      // Named in the account's language, as its ledger names them.
      const locale = await scope.resolve(AccountLanguage).of(auth.accountId);
      return { items: gateways.map((g) => ({ id: g.id, displayName: gatewayDisplayName(g, locale) })) };
    },
  }),
  defineRoute({
    method: "post",
    path: "/payments",
    operationId: "startPayment",
    action: "pay",
    summary: "Top up the balance, or pay open invoices, through a gateway",
    description:
      "Give `amount` for a top-up (within the brand's bounds) or `invoiceIds` to pay them in one payment. The answer's `nextAction` says what the client does next (go to the gateway's page, or follow transfer instructions). 422 CAB_ERR_PAYMENT_REFUSED: the gateway refused; 502 CAB_ERR_GATEWAY_UNAVAILABLE: it did not answer. " +
      "An optional `Idempotency-Key` header is honoured (the widgets send one per attempt): the same key and body again answers the payment it started, as it is now, and starts no other; " +
      "the same key with another body is 409 CAB_ERR_IDEMPOTENCY_KEY_REUSED.",
    tags: ["finance"],
    auth: "user",
    permission: "finance",
    idempotencyKey: "optional",
    body: StartPaymentBody,
    response: PaymentView,
    status: 201,
    async handler({ auth, brand, body, scope, ctx }) {
      const { user, account } = await scope.resolve(GetMe).execute(auth);
      const idempotency = idempotentCall(auth.accountId, idempotencyKeyOf(ctx, false), "startPayment", body);
      return scope.resolve(StartPayment).execute(auth, brand, body, { email: user.email, locale: user.locale ?? account.locale }, idempotency);
    },
  }),
  defineRoute({
    method: "get",
    path: "/payments",
    operationId: "listPayments",
    summary: "The account's payments, newest first",
    tags: ["finance"],
    auth: "user",
    permission: "finance",
    query: ListPaymentsQuery,
    response: PaymentsPage,
    handler: ({ auth, query, scope }) => scope.resolve(ListPayments).execute(auth, query),
  }),
  defineRoute({
    method: "get",
    path: "/payments/:id",
    operationId: "getPayment",
    summary: "One payment; while pending, asks the gateway and settles what it says",
    description: "Call it when the client returns from the gateway's page: the status comes from the gateway, never from the return URL.",
    tags: ["finance"],
    auth: "user",
    permission: "finance",
    params: PaymentIdParams,
    response: PaymentView,
    handler: ({ auth, params, scope }) => scope.resolve(RefreshPayment).execute(auth, params.id),
  }),
  defineRoute({
    method: "post",
    path: "/webhooks/:gateway",
    operationId: "receiveWebhook",
    summary: "A payment gateway's webhook",
    description:
      "Verified by the gateway's plugin over the raw body; deduplicated by event id. 200 for anything verified, 400 CAB_ERR_WEBHOOK_REJECTED for a bad signature.",
    tags: ["webhooks"],
    auth: "public",
    brandless: true,
    rawBody: true,
    params: WebhookParams,
    response: WebhookAnswer,
    handler: ({ params, scope, ctx, rawBody }) => scope.resolve(HandleWebhook).execute(params.gateway, ctx.headers, rawBody),
  }),
];
