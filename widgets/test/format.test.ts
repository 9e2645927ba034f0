import { describe, expect, it } from "vitest";
import { dateTimeFormat, formatDate, formatMoney, formatMoneyCompact, formatMonth, numberFormat } from "../src/runtime/format.js";

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

  it("shows the sign of money coming in when asked", () => {
    expect(formatMoney({ amount: 2500, currency: "USD" }, "en", { signDisplay: "exceptZero" })).toBe("+$25.00");
    expect(formatMoney({ amount: -1800, currency: "USD" }, "en", { signDisplay: "exceptZero" })).toBe("-$18.00");
    expect(formatMoney({ amount: 0, currency: "USD" }, "en", { signDisplay: "exceptZero" })).toBe("$0.00");
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

describe("formatMoneyCompact and formatMonth", () => {
  it("shortens amounts for a chart's axis", () => {
    expect(formatMoneyCompact({ amount: 123_450, currency: "USD" }, "en")).toBe("$1.2K");
    expect(formatMoneyCompact({ amount: 2500, currency: "USD" }, "en")).toBe("$25");
    expect(plain(formatMoneyCompact({ amount: 123_450, currency: "USD" }, "ru"))).toBe("1,2 тыс. $");
  });

  it("names a month of the API (UTC)", () => {
    expect(formatMonth("2026-11", "en")).toBe("November 2026");
    expect(plain(formatMonth("2027-01", "ru"))).toBe("январь 2027 г.");
    expect(formatMonth("soon", "en")).toBe("soon");
  });
});

describe("numberFormat and dateTimeFormat", () => {
  it("make a formatter once per locale and options, and keep it for the page", () => {
    expect(numberFormat("en", { style: "currency", currency: "USD" })).toBe(numberFormat("en", { style: "currency", currency: "USD" }));
    expect(numberFormat("en", { style: "currency", currency: "USD" })).not.toBe(numberFormat("ru", { style: "currency", currency: "USD" }));
    expect(numberFormat("en", { style: "currency", currency: "USD" })).not.toBe(numberFormat("en", { style: "currency", currency: "EUR" }));
    expect(dateTimeFormat("en", { dateStyle: "medium" })).toBe(dateTimeFormat("en", { dateStyle: "medium" }));
    expect(dateTimeFormat("en", { dateStyle: "medium" })).not.toBe(dateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }));
  });

  it("keep nothing for options Intl refuses: each call throws", () => {
    expect(() => numberFormat("en", { style: "currency", currency: "not a code" })).toThrow(RangeError);
    expect(() => numberFormat("en", { style: "currency", currency: "not a code" })).toThrow(RangeError);
  });
});
