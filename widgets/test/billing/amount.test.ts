import { describe, expect, it } from "vitest";
import { currencyDigits, formatAmountInput, parseAmount } from "../../src/billing/amount.js";

const minor = (text: string, currency = "USD", locale = "en") => {
  const parsed = parseAmount(text, currency, locale);
  return parsed.ok ? parsed.minor : parsed.problem;
};

describe("parseAmount", () => {
  it("reads the decimal string itself, so no float drift creeps in", () => {
    expect(minor("25")).toBe(2500);
    expect(minor("25.5")).toBe(2550);
    expect(minor("0.29")).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(minor("1.1")).toBe(110);
    expect(minor("4.35")).toBe(435); // 434.99999999999994 in floating point
    expect(minor("  19.99 ")).toBe(1999);
    expect(minor("0.01")).toBe(1);
    expect(minor("007.10")).toBe(710);
  });

  it("takes the currency's own number of decimals and refuses more, never rounding", () => {
    expect(minor("10.005")).toBe("precision");
    expect(minor("10.000")).toBe("precision");
    expect(minor("1800", "JPY")).toBe(1800);
    expect(minor("1800.5", "JPY")).toBe("precision");
    expect(minor("1.234", "KWD")).toBe(1234);
    expect(minor("1.2345", "KWD")).toBe("precision");
    expect(parseAmount("1.234", "USD", "en")).toEqual({ ok: false, problem: "precision", digits: 2 });
  });

  it("understands the locale's decimal comma and grouping", () => {
    expect(minor("25,50", "USD", "ru")).toBe(2550);
    expect(minor("25.50", "USD", "ru")).toBe(2550); // a point is a decimal point anywhere
    expect(minor("1 250,00", "RUB", "ru")).toBe(125000);
    expect(minor("1\u00a0250,5", "RUB", "ru")).toBe(125050);
    expect(minor("1,250", "RUB", "ru")).toBe("precision"); // in Russian that is 1.250
    expect(minor("1,250", "USD", "en")).toBe(125000); // in English, 1250
    expect(minor("1,250.75", "USD", "en")).toBe(125075);
    expect(minor("1.250,75", "EUR", "en")).toBe(125075);
    expect(minor("1,250,000", "USD", "en")).toBe(125000000);
    expect(minor("25,5", "USD", "en")).toBe(2550); // not a thousands group: a decimal comma
  });

  it("names what is wrong", () => {
    expect(minor("")).toBe("empty");
    expect(minor("   ")).toBe("empty");
    expect(minor("ten")).toBe("invalid");
    expect(minor("-5")).toBe("invalid");
    expect(minor("$5")).toBe("invalid");
    expect(minor("1e3")).toBe("invalid");
    expect(minor("1.2.3")).toBe("invalid");
    expect(minor("1,25.00")).toBe("invalid");
    expect(minor(".5")).toBe("invalid");
    expect(minor("0")).toBe("zero");
    expect(minor("0.00")).toBe("zero");
    expect(minor("1000000001")).toBe("too-large"); // over the API's 100 000 000 000 minor units
    expect(minor("99999999999999999999")).toBe("too-large");
  });
});

describe("formatAmountInput", () => {
  it("writes minor units as a person types them", () => {
    expect(formatAmountInput(1800, "USD", "en")).toBe("18.00");
    expect(formatAmountInput(5, "USD", "en")).toBe("0.05");
    expect(formatAmountInput(1800, "USD", "ru")).toBe("18,00");
    expect(formatAmountInput(1800, "JPY", "en")).toBe("1800");
    expect(formatAmountInput(1234, "KWD", "en")).toBe("1.234");
    expect(formatAmountInput(123456789, "USD", "en")).toBe("1234567.89");
  });

  it("round-trips through parseAmount", () => {
    for (const [amount, currency, locale] of [
      [1, "USD", "en"],
      [2550, "USD", "ru"],
      [99_999_99, "EUR", "en"],
      [7, "JPY", "ru"],
      [1001, "KWD", "en"],
    ] as const) {
      expect(parseAmount(formatAmountInput(amount, currency, locale), currency, locale)).toEqual({ ok: true, minor: amount });
    }
  });
});

describe("currencyDigits", () => {
  it("asks Intl, and assumes 2 for a code it does not know", () => {
    expect([currencyDigits("USD"), currencyDigits("JPY"), currencyDigits("KWD"), currencyDigits("nope")]).toEqual([2, 0, 3, 2]);
  });
});
