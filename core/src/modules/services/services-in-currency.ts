import type { Database } from "../../db/create-database.js";
import type { CurrencyUsage } from "../brands/index.js";

/** Live services of a brand priced in `currency`: it cannot be dropped from the brand while any is. */
export function servicesInCurrency(db: Database): CurrencyUsage {
  return {
    what: "services",
    async count(brandId, currency) {
      const row = (await db("services")
        .join("accounts", "accounts.id", "services.account_id")
        .where({ "accounts.brand_id": brandId, "services.currency": currency })
        .whereNotIn("services.status", ["deleted", "cancelled"])
        .count({ n: "*" })
        .first()) as { n: number | string } | undefined;
      return Number(row?.n ?? 0);
    },
  };
}
