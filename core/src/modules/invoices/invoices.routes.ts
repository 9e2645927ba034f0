import { idempotencyKeyOf, idempotentCall } from "../../http/idempotency.js";
import { defineRoute } from "../../http/route.js";
import { GetInvoice } from "./get-invoice.js";
import { InvoiceIdParams, InvoicesPage, InvoiceView, ListInvoicesQuery } from "./invoices.schemas.js";
import { ListInvoices } from "./list-invoices.js";
import { PayInvoiceFromBalance } from "./pay-invoice-from-balance.js";

export const invoiceRoutes = [
  defineRoute({
    method: "get",
    path: "/invoices",
    operationId: "listInvoices",
    summary: "The account's invoices, newest first",
    tags: ["finance"],
    auth: "user",
    permission: "finance",
    query: ListInvoicesQuery,
    response: InvoicesPage,
    handler: ({ auth, query, scope }) => scope.resolve(ListInvoices).execute(auth, query),
  }),
  defineRoute({
    method: "get",
    path: "/invoices/:id",
    operationId: "getInvoice",
    summary: "One invoice with its lines",
    tags: ["finance"],
    auth: "user",
    permission: "finance",
    params: InvoiceIdParams,
    response: InvoiceView,
    handler: ({ auth, params, scope }) => scope.resolve(GetInvoice).execute(auth, params.id),
  }),
  defineRoute({
    method: "post",
    path: "/invoices/:id/pay-from-balance",
    operationId: "payInvoiceFromBalance",
    action: "pay",
    summary: "Pay an open invoice from the balance",
    description:
      "Answers 402 CAB_ERR_INSUFFICIENT_FUNDS when the balance (plus credit limit) does not cover it; paying a paid invoice again changes nothing. " +
      "An optional `Idempotency-Key` header is honoured: the same key again answers the first outcome; the same key on another invoice is 409 CAB_ERR_IDEMPOTENCY_KEY_REUSED.",
    tags: ["finance"],
    auth: "user",
    permission: "finance",
    idempotencyKey: "optional",
    params: InvoiceIdParams,
    response: InvoiceView,
    handler: ({ auth, params, scope, ctx }) =>
      scope
        .resolve(PayInvoiceFromBalance)
        .execute(auth, params.id, idempotentCall(auth.accountId, idempotencyKeyOf(ctx, false), "payInvoiceFromBalance", { invoiceId: params.id })),
  }),
];
