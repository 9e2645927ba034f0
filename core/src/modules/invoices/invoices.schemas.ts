import { Currency, Cursor, Enum, Id, Instant, Limit, Obj, Page, Type } from "../../http/schema.js";

const Nullable = () => Type.Union([Type.String(), Type.Null()]);
const PayerSnapshotView = Obj({
  id: Type.String(),
  kind: Enum(["individual", "company", "sole_proprietor"]),
  name: Type.String(),
  address: Type.String(),
  country: Nullable(),
  registrationNumber: Nullable(),
  vatNumber: Nullable(),
  email: Nullable(),
});

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
  paidMethod: Type.Union([Type.String(), Type.Null()], { description: "`balance`, or the payment gateway's id; null while unpaid" }),
  payer: Type.Union([PayerSnapshotView, Type.Null()], {
    description: "Who it is made out to, as they were when it was issued; null on invoices from before payers",
  }),
  taxNote: Type.Union([Enum(["reverse_charge"]), Type.Null()], {
    description: "`reverse_charge`: VAT 0 %, the customer accounts for it (an EU business in another member state)",
  }),
  lines: Type.Array(
    Obj({
      description: Type.String(),
      quantity: Type.Integer(),
      unitAmount: MoneySchema,
      amount: MoneySchema,
      serviceId: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

export const ListInvoicesQuery = Obj({
  status: Type.Optional(Enum(["issued", "paid", "void"])),
  payerId: Type.Optional(Id("pyr")),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
});
export const InvoicesPage = Page(InvoiceView);
export const InvoiceIdParams = Obj({ id: Id("inv") });
