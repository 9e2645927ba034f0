import { defineRoute } from "../../http/route.js";
import { ListAccountPayers } from "./list-account-payers.js";
import { AccountIdParams, PayersList } from "./payers.schemas.js";

export const staffPayerRoutes = [
  defineRoute({
    method: "get",
    path: "/staff/accounts/:id/payers",
    operationId: "staffListPayers",
    summary: "An account's payers, deleted ones too (staff)",
    description: "404 for an account of another brand.",
    tags: ["staff"],
    auth: "staff",
    params: AccountIdParams,
    response: PayersList,
    handler: ({ auth, params, scope }) => scope.resolve(ListAccountPayers).execute(auth, params.id),
  }),
];
