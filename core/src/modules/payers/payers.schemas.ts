import { Email, Enum, Id, Instant, Obj, Type } from "../../http/schema.js";
import { payerKinds } from "./payer.js";

const Text = (maxLength: number, description?: string) => Type.String({ minLength: 1, maxLength, pattern: "\\S", ...(description ? { description } : {}) });
const OptionalText = (maxLength: number, description: string) => Type.Optional(Type.Union([Type.String({ maxLength }), Type.Null()], { description }));

export const PayerBody = Obj({
  kind: Enum(payerKinds, { description: "`individual`, `company` or `sole_proprietor`" }),
  name: Text(200, "Full name, or the company's registered name"),
  address: Text(500, "Postal address as it is printed on invoices"),
  country: Type.String({
    pattern: "^[A-Z]{2}$",
    minLength: 2,
    maxLength: 2,
    description: "ISO 3166-1 alpha-2 (Greece: GR). 422 when the brand does not serve it",
  }),
  registrationNumber: OptionalText(100, "Company or trade register number"),
  vatNumber: OptionalText(32, "VAT number with its country prefix (NL123456789B01); 400 when it does not have the country's format"),
  email: Type.Optional(Type.Union([Email, Type.Null()], { description: "Where documents are sent" })),
});

export const CreatePayerBody = Obj({
  ...PayerBody.properties,
  makeDefault: Type.Optional(Type.Boolean({ description: "Make it the default payer (the account's first payer always is)" })),
});

export const PayerView = Obj({
  id: Type.String(),
  kind: Enum(payerKinds),
  name: Type.String(),
  address: Type.String({ description: "Empty on a payer made from the account's profile until the client completes it" }),
  country: Type.Union([Type.String(), Type.Null()], { description: "Null only on a payer made from the account's profile" }),
  registrationNumber: Type.Union([Type.String(), Type.Null()]),
  vatNumber: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  isDefault: Type.Boolean(),
  deleted: Type.Boolean({ description: "Deleted payers are listed to staff only" }),
  createdAt: Instant,
  updatedAt: Instant,
});

export const PayersList = Obj({ items: Type.Array(PayerView) });
export const PayerIdParams = Obj({ id: Id("pyr") });
export const AccountIdParams = Obj({ id: Id("acc") });
