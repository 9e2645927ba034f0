import { defineRoute } from "../../http/route.js";
import { InvoiceIdParams, InvoiceView } from "./invoices.schemas.js";
import { VoidInvoice } from "./void-invoice.js";

export const staffInvoiceRoutes = [
  defineRoute({
    method: "post",
    path: "/staff/invoices/:id/void",
    operationId: "staffVoidInvoice",
    summary: "Void an open invoice of the brand",
    description: "409 CAB_ERR_CONFLICT for a paid or already void invoice (a paid one takes a refund). The number stays used.",
    tags: ["staff"],
    auth: "staff",
    staffRoles: ["admin", "finance"],
    params: InvoiceIdParams,
    response: InvoiceView,
    handler: ({ auth, params, scope }) => scope.resolve(VoidInvoice).execute(auth, params.id),
  }),
];
