import { describe, expect, it } from "vitest";
import { addMonths, DAY_MS, periodStartOf, prorate } from "../../src/modules/services/service-period.js";

const at = (iso: string) => Date.parse(iso);

describe("addMonths", () => {
  it("keeps the day of the month, or takes the month's last day when it is shorter", () => {
    expect(new Date(addMonths(at("2026-11-01T10:00:00Z"), 1)).toISOString()).toBe("2026-12-01T10:00:00.000Z");
    expect(new Date(addMonths(at("2026-01-31T00:00:00Z"), 1)).toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect(new Date(addMonths(at("2028-01-31T00:00:00Z"), 1)).toISOString()).toBe("2028-02-29T00:00:00.000Z");
    expect(new Date(addMonths(at("2026-11-30T00:00:00Z"), 3)).toISOString()).toBe("2027-02-28T00:00:00.000Z");
    expect(new Date(addMonths(at("2026-03-31T00:00:00Z"), -1)).toISOString()).toBe("2026-02-28T00:00:00.000Z");
  });
});

describe("prorate: difference × remaining days ÷ period days, truncated toward zero", () => {
  const period = { periodStart: at("2026-11-01T00:00:00Z"), paidUntil: at("2026-12-01T00:00:00Z") }; // 30 days

  it("charges the whole difference on the period's first moment and nothing once it is over", () => {
    expect(prorate(900, period, period.periodStart)).toEqual({ remainingDays: 30, periodDays: 30, amount: 900 });
    expect(prorate(900, period, period.paidUntil)).toEqual({ remainingDays: 0, periodDays: 30, amount: 0 });
    expect(prorate(900, period, period.paidUntil + 5 * DAY_MS)).toEqual({ remainingDays: 0, periodDays: 30, amount: 0 });
  });

  it("counts the day under way as used", () => {
    // 10 days and one hour left: 10 whole days.
    expect(prorate(300, period, period.paidUntil - 10 * DAY_MS - 3_600_000).remainingDays).toBe(10);
    expect(prorate(300, period, period.paidUntil - 10 * DAY_MS + 1).remainingDays).toBe(9);
  });

  it("drops the fraction of a minor unit, for a charge and for a credit alike", () => {
    const tenDaysLeft = period.paidUntil - 10 * DAY_MS;
    expect(prorate(100, period, tenDaysLeft).amount).toBe(33); // 33.33…
    expect(prorate(200, period, tenDaysLeft).amount).toBe(66); // 66.67 → 66, not 67
    expect(prorate(-200, period, tenDaysLeft).amount).toBe(-66);
    expect(prorate(1, period, tenDaysLeft).amount).toBe(0);
    expect(prorate(0, period, tenDaysLeft).amount).toBe(0);
  });

  it("stays exact in integers for large amounts", () => {
    const amount = 9_007_199_254_740; // ~9e12 minor units: the product would lose precision as a float
    expect(prorate(amount, period, period.paidUntil - 7 * DAY_MS).amount).toBe(Number((BigInt(amount) * 7n) / 30n));
  });

  it("counts remaining days past one period when paid ahead, and a period of at least a day", () => {
    const ahead = { periodStart: period.periodStart, paidUntil: addMonths(period.paidUntil, 1) };
    expect(prorate(310, { periodStart: at("2026-12-01T00:00:00Z"), paidUntil: ahead.paidUntil }, period.periodStart)).toEqual({
      remainingDays: 61,
      periodDays: 31,
      amount: 610,
    });
    expect(prorate(100, { periodStart: period.paidUntil, paidUntil: period.paidUntil }, period.periodStart).periodDays).toBe(1);
  });

  it("takes one period back from paid-until when the start was never recorded", () => {
    expect(periodStartOf({ periodStart: null, paidUntil: period.paidUntil, periodMonths: 1 })).toBe(period.periodStart);
    expect(periodStartOf({ periodStart: 123, paidUntil: period.paidUntil, periodMonths: 1 })).toBe(123);
  });
});
