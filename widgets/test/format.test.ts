import { describe, expect, it } from "vitest";
import { formatDate, formatMoney } from "../src/runtime/format.js";

// Intl separates some parts with no-break spaces; compare with plain ones.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("formatMoney", () => {
  it("reads integer minor units in the currency's own number of digits", () => {
    expect(formatMoney({ amount: 1800, currency: "USD" }, "en")).toBe("$18.00");
    expect(formatMoney({ amount: 129_00, currency: "EUR" }, "en")).toBe("€129.00");
    expect(formatMoney({ amount: 5, currency: "USD" }, "en")).toBe("$0.05");
    expect(formatMoney({ amount: 1800, currency: "JPY" }, "en")).toBe("¥1,800"); // no minor unit
    expect(plain(formatMoney({ amount: 1234, currency: "KWD" }, "en"))).toBe("KWD 1.234"); // three digits
    expect(formatMoney({ amount: -250, currency: "USD" }, "en")).toBe("-$2.50");
  });

  it("formats for the locale, in the account's currency", () => {
    expect(plain(formatMoney({ amount: 1800, currency: "USD" }, "ru"))).toBe("18,00 $");
    expect(plain(formatMoney({ amount: 123_456_78, currency: "RUB" }, "ru"))).toBe("123 456,78 ₽");
  });

  it("still shows an amount in a currency Intl does not accept", () => {
    expect(formatMoney({ amount: 1800, currency: "not a code" }, "en")).toBe("18.00 not a code");
  });
});

describe("formatDate", () => {
  it("formats an ISO instant as a date for people", () => {
    expect(formatDate("2026-12-16T18:31:29.535Z", "en", "UTC")).toBe("Dec 16, 2026");
    expect(formatDate("2026-12-16T18:31:29.535Z", "ru", "UTC")).toBe(plain("16 дек. 2026 г."));
  });

  it("gives nothing for something that is not a date", () => {
    expect(formatDate("soon", "en")).toBe("");
  });
});
