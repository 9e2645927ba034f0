import { defineRoute } from "../../http/route.js";
import { CreatePayer } from "./create-payer.js";
import { DeletePayer } from "./delete-payer.js";
import { ListPayers } from "./list-payers.js";
import { CreatePayerBody, PayerBody, PayerIdParams, PayersList, PayerView } from "./payers.schemas.js";
import { SetDefaultPayer } from "./set-default-payer.js";
import { UpdatePayer } from "./update-payer.js";

// Payers are finance: seeing them takes `finance: view`; managing them is part of paying
// (`finance: pay`), so an accountant manages them and a sysadmin (no finance) does not.
const common = { tags: ["finance"], auth: "user" as const, permission: "finance" as const };
const manage = { ...common, action: "pay" as const };

export const payerRoutes = [
  defineRoute({
    ...common,
    method: "get",
    path: "/payers",
    operationId: "listPayers",
    summary: "The account's payers, the default first",
    description: "An account that has none yet gets its default payer from its profile (name and kind; address and country to be completed).",
    response: PayersList,
    handler: ({ auth, scope }) => scope.resolve(ListPayers).execute(auth),
  }),
  defineRoute({
    ...manage,
    method: "post",
    path: "/payers",
    operationId: "createPayer",
    summary: "Add a payer",
    description:
      "The account's first payer becomes its default. 400 CAB_ERR_VALIDATION for a VAT number without its country's format; 422 CAB_ERR_UNPROCESSABLE for a country the brand does not serve.",
    body: CreatePayerBody,
    response: PayerView,
    status: 201,
    handler: ({ auth, brand, body, scope }) => scope.resolve(CreatePayer).execute(auth, brand, body),
  }),
  defineRoute({
    ...manage,
    method: "put",
    path: "/payers/:id",
    operationId: "updatePayer",
    summary: "Replace a payer's details",
    description: "Invoices and documents issued before keep the details they were issued with. Same refusals as creating one.",
    params: PayerIdParams,
    body: PayerBody,
    response: PayerView,
    handler: ({ auth, brand, params, body, scope }) => scope.resolve(UpdatePayer).execute(auth, brand, params.id, body),
  }),
  defineRoute({
    ...manage,
    method: "post",
    path: "/payers/:id/default",
    operationId: "setDefaultPayer",
    summary: "Make a payer the default",
    description: "The default payer is the one orders, renewals and documents are made out to when none is chosen.",
    params: PayerIdParams,
    response: PayerView,
    handler: ({ auth, params, scope }) => scope.resolve(SetDefaultPayer).execute(auth, params.id),
  }),
  defineRoute({
    ...manage,
    method: "delete",
    path: "/payers/:id",
    operationId: "deletePayer",
    summary: "Delete a payer",
    description:
      "409 CAB_ERR_CONFLICT for the default payer (`details.reason` `default payer`) and for one with open invoices (`open invoices`). Its invoices and documents keep naming it.",
    params: PayerIdParams,
    response: null,
    handler: async ({ auth, params, scope }) => scope.resolve(DeletePayer).execute(auth, params.id),
  }),
];
