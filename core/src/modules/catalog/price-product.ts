import { CabinetError } from "../../errors/cabinet-error.js";
import type { ParameterValues } from "./product.js";
import type { Product, ProductParameter, ProductPrice } from "./product.js";

export interface QuoteLine {
  code: string;
  description: string;
  amount: number;
}

export interface PricedProduct {
  productId: string;
  periodMonths: number;
  currency: string;
  /** Every parameter of the product, the missing ones at their default. */
  parameters: ParameterValues;
  lines: QuoteLine[];
  setupFee: number;
  /** The price of one period: base + Σ parameter monthly price × months. */
  perPeriod: number;
  /** What ordering costs: one period plus the setup fee. */
  total: number;
}

/**
 * THE price rule, used by the quote, the order, a change and a renewal, so they can never
 * disagree: a period costs the product's base price for that period plus, for each parameter,
 * its monthly price × the period's months. Parameters not given take their default; a wrong
 * one is refused naming it (`details.parameter`).
 */
export function priceProduct(
  product: Product,
  prices: ProductPrice[],
  input: { periodMonths: number; currency: string; parameters: Record<string, unknown>; locale?: string },
): PricedProduct {
  const inCurrency = prices.filter((p) => p.currency === input.currency);
  if (inCurrency.length === 0) {
    throw new CabinetError("CAB_ERR_CURRENCY_NOT_OFFERED", { currency: input.currency, offered: [...new Set(prices.map((p) => p.currency))] });
  }
  const price = inCurrency.find((p) => p.periodMonths === input.periodMonths);
  if (!price) {
    throw new CabinetError("CAB_ERR_PERIOD_NOT_OFFERED", { periodMonths: input.periodMonths, offered: inCurrency.map((p) => p.periodMonths) });
  }
  const parameters = resolveParameters(product.parameters, input.parameters);
  const months = input.periodMonths;
  const lines: QuoteLine[] = [{ code: "base", description: `${product.name}, ${monthsIn(months, input.locale)}`, amount: price.amount }];
  for (const definition of product.parameters) {
    const monthly = monthlyPrice(definition, parameters[definition.key], input.currency);
    if (monthly !== 0)
      lines.push({ code: `parameter:${definition.key}`, description: describeChoice(definition, parameters[definition.key]), amount: monthly * months });
  }
  const perPeriod = lines.reduce((sum, line) => sum + line.amount, 0);
  // No line, and so no total, below zero: a price that would pay the client is a catalog fault.
  const negative = lines.find((line) => !Number.isSafeInteger(line.amount) || line.amount < 0);
  if (negative || price.setupFee < 0) {
    throw new CabinetError(
      "CAB_ERR_UNPROCESSABLE",
      { reason: "negative price", line: negative?.code ?? "setupFee" },
      "This product is priced below zero; it cannot be ordered.",
    );
  }
  return {
    productId: product.id,
    periodMonths: months,
    currency: input.currency,
    parameters,
    lines,
    setupFee: price.setupFee,
    perPeriod,
    total: perPeriod + price.setupFee,
  };
}

/** Checks every given parameter against the product's definitions and fills in the defaults. */
export function resolveParameters(definitions: ProductParameter[], given: Record<string, unknown>): ParameterValues {
  for (const key of Object.keys(given)) {
    if (!definitions.some((d) => d.key === key)) throw invalid(key, "unknown parameter");
  }
  const resolved: ParameterValues = {};
  for (const definition of definitions) {
    const value = given[definition.key] ?? definition.default;
    switch (definition.kind) {
      case "integer":
        if (typeof value !== "number" || !Number.isInteger(value)) throw invalid(definition.key, "must be an integer");
        // Whatever the product says (one stored before minimums were checked), never a negative quantity.
        if (value < 0) throw invalid(definition.key, "must not be negative", { min: Math.max(0, definition.min), max: definition.max });
        if (value < definition.min || value > definition.max)
          throw invalid(definition.key, `must be between ${definition.min} and ${definition.max}`, { min: definition.min, max: definition.max });
        if ((value - definition.min) % definition.step !== 0)
          throw invalid(definition.key, `must be ${definition.min} plus a multiple of ${definition.step}`, { step: definition.step });
        break;
      case "enum":
        if (typeof value !== "string" || !definition.options.some((o) => o.value === value)) {
          throw invalid(definition.key, "must be one of the options", { allowed: definition.options.map((o) => o.value) });
        }
        break;
      case "boolean":
        if (typeof value !== "boolean") throw invalid(definition.key, "must be true or false");
        break;
    }
    resolved[definition.key] = value;
  }
  return resolved;
}

function monthlyPrice(definition: ProductParameter, value: unknown, currency: string): number {
  switch (definition.kind) {
    case "integer":
      return (definition.unitPrice[currency] ?? 0) * (value as number);
    case "enum":
      return definition.options.find((o) => o.value === value)?.price[currency] ?? 0;
    case "boolean":
      return value === true ? (definition.price[currency] ?? 0) : 0;
  }
}

/** "3 months", or in Russian "3 месяца": the period of a quote's first line. */
function monthsIn(months: number, locale = "en"): string {
  if (!locale.startsWith("ru")) return `${months} month${months === 1 ? "" : "s"}`;
  const [ten, hundred] = [months % 10, months % 100];
  const word = ten === 1 && hundred !== 11 ? "месяц" : ten >= 2 && ten <= 4 && (hundred < 12 || hundred > 14) ? "месяца" : "месяцев";
  return `${months} ${word}`;
}

function describeChoice(definition: ProductParameter, value: unknown): string {
  switch (definition.kind) {
    case "integer":
      return `${definition.label}: ${value} ${definition.unit}`.trim();
    case "enum":
      return `${definition.label}: ${definition.options.find((o) => o.value === value)?.label ?? value}`;
    case "boolean":
      return definition.label;
  }
}

function invalid(parameter: string, reason: string, extra: Record<string, unknown> = {}): CabinetError {
  return new CabinetError("CAB_ERR_INVALID_PARAMETER", { parameter, reason, ...extra }, `The parameter "${parameter}" ${reason}.`);
}
