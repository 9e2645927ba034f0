import { Currency, Cursor, Enum, Id, Instant, Limit, Obj, Page, Type } from "../../http/schema.js";

const MoneySchema = Obj({ amount: Type.Integer({ description: "Minor units" }), currency: Currency });

export const InvoiceView = Obj({
  id: Type.String(),
  number: Type.String({ description: "`<prefix>-<year>-<number>`, gap-free per brand and year" }),
  status: Enum(["issued", "paid", "void"]),
  purpose: Enum(["order", "renewal", "manual", "change"]),
  subtotal: MoneySchema,
  tax: MoneySchema,
  total: MoneySchema,
  taxRatePercent: Type.Number(),
  taxInclusive: Type.Boolean(),
  issuedAt: Instant,
  dueAt: Instant,
  paidAt: Type.Union([Instant, Type.Null()]),
  lines: Type.Array(
    Obj({ description: Type.String(), quantity: Type.Integer(), unitAmount: MoneySchema, amount: MoneySchema, serviceId: Type.Union([Type.String(), Type.Null()]) }),
  ),
});

export const ListInvoicesQuery = Obj({
  status: Type.Optional(Enum(["issued", "paid", "void"])),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
});
export const InvoicesPage = Page(InvoiceView);
export const InvoiceIdParams = Obj({ id: Id("inv") });
