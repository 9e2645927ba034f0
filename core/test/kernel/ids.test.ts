import { describe, expect, it } from "vitest";
import { newId } from "../../src/index.js";

describe("newId", () => {
  it("is prefixed, url-safe and sorts by creation time", () => {
    const earlier = newId("svc", 1_700_000_000_000);
    const later = newId("svc", 1_700_000_000_001);
    expect(earlier).toMatch(/^svc_[0-9a-hjkmnp-tv-z]{22}$/);
    expect(earlier < later).toBe(true);
  });

  it("does not repeat within one millisecond", () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId("acc", 1)));
    expect(ids.size).toBe(10_000);
  });
});

describe("newId within one millisecond", () => {
  it("sorts in the order the ids were made", () => {
    const ids = Array.from({ length: 1000 }, () => newId("led", 1_800_000_000_000));
    expect([...ids].sort()).toEqual(ids);
  });
});
