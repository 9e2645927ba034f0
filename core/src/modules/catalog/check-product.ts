import { CabinetError } from "../../errors/cabinet-error.js";
import type { ProductParameter, ProductPrice } from "./product.js";

/** What the schema cannot say about a product's parameters: ranges that hold their default, unique keys. */
export function checkParameterDefinitions(parameters: ProductParameter[]): void {
  const keys = new Set<string>();
  for (const p of parameters) {
    if (keys.has(p.key)) throw new CabinetError("CAB_ERR_INVALID_PARAMETER", { parameter: p.key, reason: "defined twice" });
    keys.add(p.key);
    const wrong = (reason: string) => new CabinetError("CAB_ERR_INVALID_PARAMETER", { parameter: p.key, reason }, `The parameter "${p.key}" ${reason}.`);
    if (p.kind === "integer") {
      if (p.min < 0) throw wrong("has a negative min"); // the schema says so too; products come from code as well
      if (p.min > p.max) throw wrong("has min above max");
      if (p.default < p.min || p.default > p.max || (p.default - p.min) % p.step !== 0) throw wrong("has a default outside its range or step");
    }
    if (p.kind === "enum") {
      if (new Set(p.options.map((o) => o.value)).size !== p.options.length) throw wrong("has an option twice");
      if (!p.options.some((o) => o.value === p.default)) throw wrong("has a default that is not an option");
    }
  }
}

/** One price per (currency, period). */
export function checkPrices(prices: ProductPrice[]): void {
  const seen = new Set<string>();
  for (const p of prices) {
    const key = `${p.currency}/${p.periodMonths}`;
    if (seen.has(key))
      throw new CabinetError("CAB_ERR_UNPROCESSABLE", { reason: "a currency and period priced twice", currency: p.currency, periodMonths: p.periodMonths });
    seen.add(key);
  }
}
