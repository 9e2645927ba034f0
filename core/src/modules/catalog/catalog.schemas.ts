import { Currency, Enum, Id, Obj, Translations, Type } from "../../http/schema.js";
import { cancelRefundRules, downgradeRules, productStatuses } from "./product.js";

export const Money = Obj({ amount: Type.Integer({ description: "Minor units" }), currency: Currency });

const Key = Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$", maxLength: 32 });
const Label = Type.String({ minLength: 1, maxLength: 120 });
const ParameterValue = Type.Union([Type.String({ maxLength: 120 }), Type.Number(), Type.Boolean()]);
export const ParameterValues = Type.Record(Type.String({ maxLength: 32 }), ParameterValue, { maxProperties: 32 });

export const ParameterDef = Type.Union([
  Obj({
    key: Type.String(),
    label: Type.String(),
    kind: Type.Literal("integer"),
    min: Type.Integer(),
    max: Type.Integer(),
    step: Type.Integer(),
    default: Type.Integer(),
    unit: Type.String(),
    unitPrice: Money,
  }),
  Obj({
    key: Type.String(),
    label: Type.String(),
    kind: Type.Literal("enum"),
    default: Type.String(),
    options: Type.Array(Obj({ value: Type.String(), label: Type.String(), price: Money })),
  }),
  Obj({ key: Type.String(), label: Type.String(), kind: Type.Literal("boolean"), default: Type.Boolean(), price: Money }),
]);

export const ProductView = Obj({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  type: Type.String(),
  description: Type.String(),
  parameters: Type.Array(ParameterDef),
  prices: Type.Array(Obj({ periodMonths: Type.Integer(), amount: Money, setupFee: Money }, { description: "amount: the base price for the whole period" })),
  downgradeRule: Enum(downgradeRules),
  cancelRefund: Enum(cancelRefundRules, {
    description: "What cancelling now gives back: `none`, or the days left of the paid period, `prorated`, to the balance",
  }),
});

export const CatalogQuery = Obj({ currency: Type.Optional(Currency) });
export const CatalogView = Obj({ items: Type.Array(ProductView) });

export const QuoteBody = Obj({
  productId: Id("prd"),
  periodMonths: Type.Integer({ minimum: 1, maximum: 120 }),
  parameters: Type.Optional(ParameterValues),
  currency: Type.Optional(Currency),
});

export const QuoteView = Obj({
  productId: Type.String(),
  periodMonths: Type.Integer(),
  currency: Currency,
  parameters: ParameterValues,
  lines: Type.Array(Obj({ code: Type.String(), description: Type.String(), amount: Money })),
  setupFee: Money,
  total: Money,
  perPeriod: Money,
});

// --- staff -------------------------------------------------------------------------------

const Quantity = Type.Integer({ minimum: 0, maximum: 1_000_000 });
const MonthlyPrices = Type.Record(Type.String({ pattern: "^[A-Z]{3}$", maxLength: 3 }), Type.Integer({ minimum: 0, maximum: 100_000_000 }), {
  description: "Monthly price per currency, minor units",
  maxProperties: 16,
});

const Labels = Type.Optional(Translations(120));

export const StoredParameterDef = Type.Union([
  // Quantities are never negative: a negative value times a unit price would price an order below zero.
  Obj({
    key: Key,
    label: Label,
    labels: Labels,
    kind: Type.Literal("integer"),
    unit: Type.String({ maxLength: 16 }),
    units: Type.Optional(Translations(16)),
    min: Quantity,
    max: Quantity,
    step: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    default: Quantity,
    unitPrice: MonthlyPrices,
  }),
  Obj({
    key: Key,
    label: Label,
    labels: Labels,
    kind: Type.Literal("enum"),
    default: Type.String({ maxLength: 120 }),
    options: Type.Array(Obj({ value: Type.String({ minLength: 1, maxLength: 120 }), label: Label, labels: Labels, price: MonthlyPrices }), {
      minItems: 1,
      maxItems: 50,
    }),
  }),
  Obj({ key: Key, label: Label, labels: Labels, kind: Type.Literal("boolean"), default: Type.Boolean(), price: MonthlyPrices }),
]);

export const PriceInput = Obj({
  currency: Currency,
  periodMonths: Type.Integer({ minimum: 1, maximum: 120 }),
  amount: Type.Integer({ minimum: 0, maximum: 100_000_000, description: "Minor units for the whole period" }),
  setupFee: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
});

const ProductFields = {
  name: Type.String({ minLength: 1, maxLength: 200, description: "In the brand's default locale" }),
  names: Translations(200),
  type: Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$", maxLength: 32 }),
  description: Type.String({ maxLength: 5000 }),
  descriptions: Translations(5000),
  parameters: Type.Array(StoredParameterDef, { maxItems: 32 }),
  status: Enum(productStatuses),
  provisioner: Type.String({ minLength: 1, maxLength: 64 }),
  provisionerOptions: Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 50 }),
  downgradeRule: Enum(downgradeRules),
  cancelRefund: Enum(cancelRefundRules),
};

export const CreateProductBody = Obj({
  code: Type.String({ pattern: "^[a-z0-9][a-z0-9_-]{0,63}$", maxLength: 64 }),
  name: ProductFields.name,
  names: Type.Optional(ProductFields.names),
  type: ProductFields.type,
  description: Type.Optional(ProductFields.description),
  descriptions: Type.Optional(ProductFields.descriptions),
  parameters: Type.Optional(ProductFields.parameters),
  status: Type.Optional(ProductFields.status),
  provisioner: Type.Optional(ProductFields.provisioner),
  provisionerOptions: Type.Optional(ProductFields.provisionerOptions),
  downgradeRule: Type.Optional(ProductFields.downgradeRule),
  cancelRefund: Type.Optional(ProductFields.cancelRefund),
  prices: Type.Optional(Type.Array(PriceInput, { maxItems: 100 })),
});

export const UpdateProductBody = Obj({
  name: Type.Optional(ProductFields.name),
  names: Type.Optional(ProductFields.names),
  type: Type.Optional(ProductFields.type),
  description: Type.Optional(ProductFields.description),
  descriptions: Type.Optional(ProductFields.descriptions),
  parameters: Type.Optional(ProductFields.parameters),
  status: Type.Optional(ProductFields.status),
  provisioner: Type.Optional(ProductFields.provisioner),
  provisionerOptions: Type.Optional(ProductFields.provisionerOptions),
  downgradeRule: Type.Optional(ProductFields.downgradeRule),
  cancelRefund: Type.Optional(ProductFields.cancelRefund),
});

export const PricesBody = Obj({ prices: Type.Array(PriceInput, { maxItems: 100 }) });

export const StaffProductView = Obj({
  id: Type.String(),
  code: Type.String(),
  ...ProductFields,
  prices: Type.Array(PriceInput),
});
export const StaffProductList = Obj({ items: Type.Array(StaffProductView) });
export const ProductIdParams = Obj({ id: Id("prd") });
