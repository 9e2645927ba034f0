import type { Readable } from "node:stream";
import { defineRoute } from "../../http/route.js";
import { Type } from "../../http/schema.js";
import { ExportLedgerCsv } from "./export-ledger-csv.js";
import { GetBalance } from "./get-balance.js";
import { ExportLedgerQuery, LedgerPage, ListLedgerQuery, BalanceView, SpendingQuery, SpendingView } from "./ledger.schemas.js";
import { ListLedgerEntries } from "./list-ledger-entries.js";
import { SummarizeSpending } from "./summarize-spending.js";

export const ledgerRoutes = [
  defineRoute({
    method: "get",
    path: "/balance",
    operationId: "getBalance",
    summary: "The account's balance and a recommended top-up",
    tags: ["finance"],
    auth: "user",
    permission: "finance",
    response: BalanceView,
    handler: ({ auth, scope }) => scope.resolve(GetBalance).execute(auth),
  }),
  defineRoute({
    method: "get",
    path: "/ledger",
    operationId: "listLedgerEntries",
    summary: "Every money movement of the account, newest first",
    tags: ["finance"],
    auth: "user",
    permission: "finance",
    query: ListLedgerQuery,
    response: LedgerPage,
    handler: ({ auth, query, scope }) => scope.resolve(ListLedgerEntries).execute(auth, query),
  }),
  defineRoute({
    method: "get",
    path: "/ledger/export",
    operationId: "exportLedger",
    action: "export",
    summary: "The ledger for a period as CSV",
    tags: ["finance"],
    auth: "user",
    permission: "finance",
    query: ExportLedgerQuery,
    // Streamed (a Readable): the schema documents the text it sends.
    response: Type.Unsafe<Readable>({ type: "string" }),
    produces: "text/csv",
    async handler({ auth, query, scope, ctx }) {
      const exporter = scope.resolve(ExportLedgerCsv);
      ctx.set("Content-Disposition", `attachment; filename="${await exporter.fileName(auth, query)}"`);
      return exporter.execute(auth, query);
    },
  }),
  defineRoute({
    method: "get",
    path: "/ledger/monthly",
    operationId: "summarizeSpending",
    summary: "Charges, payments and refunds per month, for the spending chart",
    tags: ["finance"],
    auth: "user",
    permission: "finance",
    query: SpendingQuery,
    response: SpendingView,
    handler: ({ auth, query, scope }) => scope.resolve(SummarizeSpending).execute(auth, query.months ?? 12),
  }),
];
