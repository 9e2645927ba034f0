import { textIn } from "../../kernel/localized-text.js";
import { parametersIn, productNameIn } from "./localized-text.js";
import type { MonthlyPrices, Product, ProductParameter, ProductPrice } from "./product.js";

const money = (amount: number, currency: string) => ({ amount, currency });

/** A parameter as a client sees it: its prices in one currency. */
function describeParameter(parameter: ProductParameter, currency: string) {
  const at = (prices: MonthlyPrices) => money(prices[currency] ?? 0, currency);
  switch (parameter.kind) {
    case "integer":
      return {
        key: parameter.key,
        label: parameter.label,
        kind: parameter.kind,
        min: parameter.min,
        max: parameter.max,
        step: parameter.step,
        default: parameter.default,
        unit: parameter.unit,
        unitPrice: at(parameter.unitPrice),
      };
    case "enum":
      return {
        key: parameter.key,
        label: parameter.label,
        kind: parameter.kind,
        default: parameter.default,
        options: parameter.options.map((o) => ({ value: o.value, label: o.label, price: at(o.price) })),
      };
    case "boolean":
      return { key: parameter.key, label: parameter.label, kind: parameter.kind, default: parameter.default, price: at(parameter.price) };
  }
}

/** A product of the catalog as a client sees it, priced in `currency`, its texts in `locale`. */
export function describeProduct(product: Product, prices: ProductPrice[], currency: string, locale: string) {
  return {
    id: product.id,
    code: product.code,
    name: productNameIn(product, locale),
    type: product.type,
    description: textIn(product.description, product.descriptions, locale),
    parameters: parametersIn(product.parameters, locale).map((p) => describeParameter(p, currency)),
    prices: prices
      .filter((p) => p.currency === currency)
      .map((p) => ({ periodMonths: p.periodMonths, amount: money(p.amount, currency), setupFee: money(p.setupFee, currency) })),
    downgradeRule: product.downgradeRule,
    cancelRefund: product.cancelRefund,
  };
}

/** A product as staff see it: everything, in every currency. */
export function describeProductForStaff(product: Product, prices: ProductPrice[]) {
  return {
    id: product.id,
    code: product.code,
    name: product.name,
    names: product.names,
    type: product.type,
    description: product.description,
    descriptions: product.descriptions,
    status: product.status,
    parameters: product.parameters,
    provisioner: product.provisioner,
    provisionerOptions: product.provisionerOptions,
    downgradeRule: product.downgradeRule,
    cancelRefund: product.cancelRefund,
    prices,
  };
}
