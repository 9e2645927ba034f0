import { describe, expect, it } from "vitest";
import { formatMinorUnits, formatMoney, minorUnitDigits } from "../../src/extension-points/money.js";
import { notificationKinds, writeNotification } from "../../src/modules/notifications/notification-catalogue.js";

describe("money helpers", () => {
  it("know each currency's minor units: 2 for EUR, 0 for JPY, 3 for KWD", () => {
    expect([minorUnitDigits("EUR"), minorUnitDigits("JPY"), minorUnitDigits("KWD")]).toEqual([2, 0, 3]);
  });

  it("write minor units as the exact decimal, negative and tiny amounts included", () => {
    expect(formatMinorUnits(123456, "USD")).toBe("1234.56");
    expect(formatMinorUnits(-5, "EUR")).toBe("-0.05");
    expect(formatMinorUnits(1200, "JPY")).toBe("1200");
    expect(formatMinorUnits(1234, "KWD")).toBe("1.234");
    expect(formatMinorUnits(900719925474099, "EUR")).toBe("9007199254740.99");
  });

  it("format for people in a locale without dividing by 100", () => {
    expect(formatMoney({ amount: 123456, currency: "EUR" }, "en-GB")).toBe("€1,234.56");
    expect(formatMoney({ amount: 1200, currency: "JPY" }, "en-GB")).toBe("JP¥1,200");
    expect(formatMoney({ amount: 1234, currency: "KWD" }, "en-GB")).toMatch(/^KWD\s1\.234$/); // Intl puts a no-break space
  });
});

describe("notification texts", () => {
  it("state a yen payment in yen, not in hundredths of it", () => {
    const kind = notificationKinds.find((k) => k.event === "payment.succeeded")!;
    const text = writeNotification(kind, { paymentId: "pay_1", accountId: "acc_1", amount: 1200, currency: "JPY" }, "en");
    expect(text.body).toContain("¥1,200"); // the narrow symbol, as everywhere else in Cabinet
    expect(text.body).not.toContain("¥12.00");
  });
});
