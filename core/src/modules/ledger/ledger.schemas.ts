import { Cursor, Enum, Currency, Instant, Limit, Obj, Page, Type } from "../../http/schema.js";
import { entryKinds } from "./ledger-entry.js";

const Kind = Enum(entryKinds);
const MoneySchema = Obj({ amount: Type.Integer({ description: "Minor units" }), currency: Currency });

export const BalanceView = Obj({
  balance: MoneySchema,
  creditLimit: MoneySchema,
  available: MoneySchema,
  upcomingRenewals: Obj({ amount: Type.Integer(), currency: Currency, days: Type.Integer() }),
  openInvoices: Obj(
    { amount: Type.Integer(), currency: Currency, count: Type.Integer() },
    { description: "Issued invoices not paid yet, in the balance's currency" },
  ),
  recommendedTopUp: MoneySchema,
  topUp: Obj({ min: MoneySchema, max: MoneySchema }, { description: "The brand's bounds of one top-up" }),
});

export const LedgerEntryView = Obj({
  id: Type.String(),
  kind: Kind,
  amount: MoneySchema,
  balanceAfter: MoneySchema,
  description: Type.String(),
  reference: Type.Union([Obj({ type: Type.String(), id: Type.String() }), Type.Null()]),
  createdAt: Instant,
});

const Period = {
  from: Type.Optional(Type.String({ format: "date", maxLength: 10, description: "First day (UTC), inclusive" })),
  to: Type.Optional(Type.String({ format: "date", maxLength: 10, description: "Last day (UTC), inclusive" })),
  kind: Type.Optional(Kind),
};

export const ListLedgerQuery = Obj({ ...Period, cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) });
export const ExportLedgerQuery = Obj(Period);
export const LedgerPage = Page(LedgerEntryView);

export const SpendingQuery = Obj({ months: Type.Optional(Type.Integer({ minimum: 1, maximum: 36, default: 12 })) });
export const SpendingView = Obj({
  currency: Currency,
  months: Type.Array(
    Obj({
      month: Type.String({ description: "YYYY-MM (UTC)" }),
      charged: Type.Integer({ description: "Charges, as a positive amount" }),
      paid: Type.Integer({ description: "Payments and credits" }),
      refunded: Type.Integer({ description: "Refunds, as a positive amount" }),
    }),
  ),
});
