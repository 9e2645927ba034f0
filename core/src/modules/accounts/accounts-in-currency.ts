import type { Database } from "../../db/create-database.js";
import type { CurrencyUsage } from "../brands/index.js";

/** Accounts of a brand that hold `currency`: it cannot be dropped from the brand while any does. */
export function accountsInCurrency(db: Database): CurrencyUsage {
  return {
    what: "accounts",
    async count(brandId, currency) {
      const row = (await db("accounts").where({ brand_id: brandId, currency }).count({ n: "*" }).first()) as { n: number | string } | undefined;
      return Number(row?.n ?? 0);
    },
  };
}
