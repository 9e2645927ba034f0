import { describe, expect, it } from "vitest";
import { newIdempotencyKey, outcomeUnknown, WriteAttempt } from "../../src/services/order-attempt.js";

describe("WriteAttempt", () => {
  it("sends one key for a double click and for a retry whose answer was lost, a new one once answered", () => {
    let n = 0;
    const attempt = new WriteAttempt(() => `key-${++n}`);
    const order = [{ productId: "prd_1", periodMonths: 1, parameters: { cpu: 2 } }];
    expect(attempt.keyFor(order)).toBe("key-1");
    expect(attempt.keyFor(structuredClone(order))).toBe("key-1"); // the second click
    attempt.settled();
    expect(attempt.keyFor(order)).toBe("key-2"); // a new order of the same thing
  });

  it("takes a new key when the client changes what is ordered (the same key with another body is refused)", () => {
    let n = 0;
    const attempt = new WriteAttempt(() => `key-${++n}`);
    expect(attempt.keyFor({ cpu: 2 })).toBe("key-1");
    expect(attempt.keyFor({ cpu: 4 })).toBe("key-2");
  });

  it("sends a renewal again under its key while no answer came, and a new renewal under a new key", async () => {
    let n = 0;
    const attempt = new WriteAttempt(() => `key-${++n}`);
    const sent: string[] = [];
    const renew = { id: "svc_1", periods: 1 };
    await expect(attempt.send(renew, async (key) => (sent.push(key), Promise.reject(Object.assign(new Error("no answer"), { status: 0 }))))).rejects.toThrow();
    await attempt.send(renew, async (key) => sent.push(key)); // "Try again": maybe the first one renewed
    await attempt.send(renew, async (key) => sent.push(key)); // answered: this is another renewal
    await expect(attempt.send(renew, async (key) => (sent.push(key), Promise.reject(Object.assign(new Error("short"), { status: 402 }))))).rejects.toThrow();
    await attempt.send(renew, async (key) => sent.push(key)); // refused: nothing happened, a new attempt
    expect(sent).toEqual(["key-1", "key-1", "key-2", "key-3", "key-4"]);
  });

  it("knows when a failed write may have happened all the same", () => {
    expect([0, 500, 503, 400, 402, 409, 422].map(outcomeUnknown)).toEqual([true, true, true, false, false, false, false]);
  });
});

describe("newIdempotencyKey", () => {
  it("is 32 random hex digits, different each time", () => {
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{32}$/);
  });
});
