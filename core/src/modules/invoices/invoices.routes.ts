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
    description: "Answers 402 CAB_ERR_INSUFFICIENT_FUNDS when the balance (plus credit limit) does not cover it; paying a paid invoice again changes nothing.",
    tags: ["finance"],
    auth: "user",
    permission: "finance",
    params: InvoiceIdParams,
    response: InvoiceView,
    handler: ({ auth, params, scope }) => scope.resolve(PayInvoiceFromBalance).execute(auth, params.id),
  }),
];
