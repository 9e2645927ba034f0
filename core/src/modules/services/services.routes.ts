import { defineRoute } from "../../http/route.js";
import { idempotencyKeyOf, idempotentCall } from "../../http/idempotency.js";
import { CancelService } from "./cancel-service.js";
import { ChangeService } from "./change-service.js";
import { DeleteService } from "./delete-service.js";
import { GetServiceHistory } from "./get-service-history.js";
import { GetService } from "./get-service.js";
import { ListServices } from "./list-services.js";
import { PlaceOrder } from "./place-order.js";
import { RequireVerifiedEmail } from "../accounts/index.js";
import { PreviewServiceChange } from "./preview-service-change.js";
import { PreviewCancellation } from "./preview-cancellation.js";
import { RenewService } from "./renew-service.js";
import { UpdateService } from "./update-service.js";
import {
  CancelBody,
  CancelPreview,
  ChangeBody,
  ChangePreview,
  HistoryPage,
  HistoryQuery,
  ListServicesQuery,
  OrderBody,
  OrderView,
  RenewBody,
  RenewResult,
  ServiceIdParams,
  ServicesPage,
  ServiceView,
  UpdateServiceBody,
} from "./services.schemas.js";

const OPTIONAL_KEY =
  "An optional `Idempotency-Key` header is honoured: the same key and body again answers the first outcome and changes nothing; the same key with another body (or on another service) is 409 CAB_ERR_IDEMPOTENCY_KEY_REUSED. ";
const ILLEGAL = "409 CAB_ERR_ILLEGAL_TRANSITION (with `details.status`, the current status) when the service's status does not allow it.";

export const serviceRoutes = [
  defineRoute({
    method: "get",
    path: "/services",
    operationId: "listServices",
    permission: "services",
    summary: "The caller's services, newest first",
    description:
      "Deleted services are left out unless `status=deleted` is asked for. `type` filters by the product's type; `q` matches the label or the product's name (contains, any case).",
    tags: ["services"],
    auth: "user",
    query: ListServicesQuery,
    response: ServicesPage,
    handler: ({ auth, query, scope }) => scope.resolve(ListServices).execute(auth, query),
  }),
  defineRoute({
    method: "get",
    path: "/services/:id",
    operationId: "getService",
    permission: "services",
    summary: "One service of the caller's account",
    description: "`actions` says what the caller may do now, and why not (`status:<status>`, `permission:services`, `cancel_at_period_end`).",
    tags: ["services"],
    auth: "user",
    params: ServiceIdParams,
    response: ServiceView,
    handler: ({ auth, params, scope }) => scope.resolve(GetService).execute(auth, params.id),
  }),
  defineRoute({
    method: "get",
    path: "/services/:id/history",
    operationId: "getServiceHistory",
    permission: "services",
    summary: "Every status change and action of a service, oldest first",
    tags: ["services"],
    auth: "user",
    params: ServiceIdParams,
    query: HistoryQuery,
    response: HistoryPage,
    handler: ({ auth, params, query, scope }) => scope.resolve(GetServiceHistory).execute(auth, params.id, query),
  }),
  defineRoute({
    method: "patch",
    path: "/services/:id",
    operationId: "updateService",
    summary: "Rename a service or turn auto-renewal on or off",
    description: "Auto-renewal cannot change on a cancelled, deleted or failed service: " + ILLEGAL,
    tags: ["services"],
    auth: "user",
    permission: "services",
    params: ServiceIdParams,
    body: UpdateServiceBody,
    response: ServiceView,
    handler: ({ auth, params, body, scope }) => scope.resolve(UpdateService).execute(auth, params.id, body),
  }),
  defineRoute({
    method: "post",
    path: "/services/:id/change/preview",
    operationId: "previewServiceChange",
    summary: "What changing a service's parameters would cost",
    description:
      "Parameters not given keep their current value. `amountDue` is the prorated difference for the rest of the paid period (see docs/api.md for the rounding rule): " +
      "> 0 charged now, < 0 credited now, 0 when the change waits for the next renewal. Only an active service can change: " +
      ILLEGAL,
    tags: ["services"],
    auth: "user",
    params: ServiceIdParams,
    body: ChangeBody,
    response: ChangePreview,
    handler: ({ auth, params, body, scope }) => scope.resolve(PreviewServiceChange).execute(auth, params.id, body.parameters),
  }),
  defineRoute({
    method: "post",
    path: "/services/:id/change",
    operationId: "changeService",
    summary: "Change a service's parameters",
    description:
      "An upgrade applies now and charges the prorated difference; when the balance does not cover it, an invoice for the difference is issued (the service's `invoiceId`, " +
      "history `change_invoiced`) and the upgrade applies once it is paid — or, if the service changed meanwhile, the payment goes back to the balance. Another change or a " +
      "cancellation calls a waiting upgrade off (its invoice voided). A downgrade applies by the product's " +
      "`downgradeRule`: at the next renewal (kept in `nextParameters`) or now with a credit. " +
      OPTIONAL_KEY +
      ILLEGAL,
    tags: ["services"],
    auth: "user",
    permission: "services",
    idempotencyKey: "optional",
    params: ServiceIdParams,
    body: ChangeBody,
    response: ServiceView,
    handler: async ({ auth, params, body, scope, ctx }) => {
      const idempotency = idempotentCall(auth.accountId, idempotencyKeyOf(ctx, false), "changeService", { serviceId: params.id, body });
      const changed = await scope
        .resolve(ChangeService)
        .execute({ accountId: auth.accountId, serviceId: params.id, parameters: body.parameters, actor: "client", idempotency });
      return scope.resolve(GetService).describe(auth, changed);
    },
  }),
  defineRoute({
    method: "post",
    path: "/services/:id/renew",
    operationId: "renewService",
    action: "order",
    summary: "Renew a service for one or more periods",
    description:
      "Paid from the balance when it covers the price; otherwise a renewal invoice is issued (or the waiting one returned), and paying it extends the service. " +
      "Each request is a renewal of its own, so it requires an `Idempotency-Key` header (one per renewal the client means): the same key and body again answers the first outcome " +
      "and renews nothing; the same key with another body (or on another service) is 409 CAB_ERR_IDEMPOTENCY_KEY_REUSED. Renewals of one service run one after the other. " +
      ILLEGAL,
    tags: ["services"],
    auth: "user",
    permission: "services",
    idempotencyKey: "required",
    params: ServiceIdParams,
    body: RenewBody,
    response: RenewResult,
    handler: async ({ auth, params, body, scope, ctx }) => {
      const idempotency = idempotentCall(auth.accountId, idempotencyKeyOf(ctx, true), "renewService", { serviceId: params.id, body });
      const outcome = await scope
        .resolve(RenewService)
        .execute({ accountId: auth.accountId, serviceId: params.id, periods: body.periods, actor: "client", source: "client", idempotency });
      return {
        service: await scope.resolve(GetService).describe(auth, outcome.service),
        paid: outcome.paid === "balance" ? ("balance" as const) : ("invoice" as const),
        invoiceId: outcome.invoiceId,
      };
    },
  }),
  defineRoute({
    method: "get",
    path: "/services/:id/cancel/preview",
    operationId: "previewServiceCancellation",
    summary: "What cancelling a service now would give back",
    description:
      "Changes nothing. `refund` is what cancelling now credits to the balance by the product's `cancelRefund` rule: nothing (`none`), or the price for the whole days already " +
      "paid for and not used (`prorated`, the day under way counting as used, truncated to the minor unit). A service awaiting its first payment is `withdraw`n instead: " +
      "its order's invoice is voided and every service of the order (`services`) is cancelled, nothing charged. " +
      ILLEGAL,
    tags: ["services"],
    auth: "user",
    params: ServiceIdParams,
    response: CancelPreview,
    handler: ({ auth, params, scope }) => scope.resolve(PreviewCancellation).execute(auth, params.id),
  }),
  defineRoute({
    method: "post",
    path: "/services/:id/cancel",
    operationId: "cancelService",
    action: "delete",
    summary: "Cancel a service now, or when its paid period ends; withdraw an unpaid order",
    description:
      "`period_end` turns auto-renewal off and sets `cancelAtPeriodEnd`; the service is cancelled when the paid period ends. `now` cancels it at once and credits what " +
      "GET /services/{id}/cancel/preview says (a ledger entry of kind `credit`). A service awaiting its first payment is withdrawn with its whole order (the invoice voided, nothing " +
      "charged) whichever `when`; if the invoice was paid a moment earlier, the payment wins: 409 CAB_ERR_ORDER_ALREADY_PAID and nothing changes. " +
      OPTIONAL_KEY +
      ILLEGAL,
    tags: ["services"],
    auth: "user",
    permission: "services",
    idempotencyKey: "optional",
    params: ServiceIdParams,
    body: CancelBody,
    response: ServiceView,
    handler: async ({ auth, params, body, scope, ctx }) => {
      const idempotency = idempotentCall(auth.accountId, idempotencyKeyOf(ctx, false), "cancelService", { serviceId: params.id, body });
      const cancelled = await scope
        .resolve(CancelService)
        .execute({ accountId: auth.accountId, serviceId: params.id, when: body.when, actor: "client", idempotency });
      return scope.resolve(GetService).describe(auth, cancelled);
    },
  }),
  defineRoute({
    method: "delete",
    path: "/services/:id",
    operationId: "deleteService",
    action: "delete",
    summary: "Delete a cancelled service",
    description: "Only a cancelled service can be deleted: " + ILLEGAL,
    tags: ["services"],
    auth: "user",
    permission: "services",
    params: ServiceIdParams,
    response: null,
    status: 204,
    handler: async ({ auth, params, scope }) => {
      await scope.resolve(DeleteService).execute({ accountId: auth.accountId, serviceId: params.id, actor: "client" });
    },
  }),
  defineRoute({
    method: "post",
    path: "/orders",
    operationId: "placeOrder",
    action: "order",
    summary: "Order one or more services",
    description:
      "Requires an `Idempotency-Key` header (1–100 visible ASCII characters): the same key again returns the first answer; with another body, 409 CAB_ERR_IDEMPOTENCY_KEY_REUSED. " +
      "When the balance covers the total, it is charged (one entry per service) and the services go to `provisioning`; otherwise one invoice is issued and they wait in `pending_payment`. " +
      "Each item is priced as POST /catalog/quote prices it (same errors; `details.item` names the item).",
    tags: ["services"],
    auth: "user",
    permission: "services",
    idempotencyKey: "required",
    body: OrderBody,
    response: OrderView,
    status: 201,
    async handler({ auth, brand, body, scope, ctx }) {
      // The brand may ask new clients to confirm their e-mail before their first order.
      await scope.resolve(RequireVerifiedEmail).execute(auth.userId, brand);
      return scope.resolve(PlaceOrder).execute(auth, brand, idempotencyKeyOf(ctx, true)!, body.items, body.payerId);
    },
  }),
];
