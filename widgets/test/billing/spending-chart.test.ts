import { describe, expect, it } from "vitest";
import { chartSummary, niceCeiling } from "../../src/components/cab-ledger/cab-ledger.chart.js";
import { billingStrings } from "../../src/i18n/billing.js";
// The Russian strings are a chunk of their own, fetched on demand: loaded here for the checks.
import "../../src/i18n/russian.js";

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("niceCeiling", () => {
  it("rounds the axis up to 1, 2, 2.5 or 5 times a power of ten", () => {
    expect([0, 1, 3, 2500, 2501, 4100, 9999, 12_000].map(niceCeiling)).toEqual([1, 1, 5, 2500, 5000, 5000, 10_000, 20_000]);
  });
});

describe("chartSummary", () => {
  const data = {
    currency: "USD",
    months: [
      { month: "2026-10", charged: 1800, paid: 0, refunded: 0 },
      { month: "2026-11", charged: 5400, paid: 7500, refunded: 0 },
    ],
  };

  it("says the totals and the busiest month", () => {
    expect(chartSummary(billingStrings("en"), data, "en")).toBe("Over the last 2 months: $72.00 charged, $75.00 paid. Most charged in November 2026: $54.00.");
    expect(plain(chartSummary(billingStrings("ru"), data, "ru"))).toBe(
      "За последние 2 месяца: списано 72,00 $, оплачено 75,00 $. Больше всего списано: ноябрь 2026 г., 54,00 $.",
    );
  });

  it("names no busiest month when nothing was charged", () => {
    const quiet = { currency: "USD", months: data.months.map((m) => ({ ...m, charged: 0 })) };
    expect(chartSummary(billingStrings("en"), quiet, "en")).toBe("Over the last 2 months: $0.00 charged, $75.00 paid.");
  });
});
