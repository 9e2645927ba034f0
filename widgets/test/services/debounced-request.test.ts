import { describe, expect, it } from "vitest";
import { DebouncedRequest, type Timers } from "../../src/services/debounced-request.js";

/** Timers the test fires by hand. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (callback) => (pending.set(next, callback), next++),
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  return {
    timers,
    fire: () => {
      const all = [...pending.values()];
      pending.clear();
      all.forEach((f) => f());
    },
    get waiting() {
      return pending.size;
    },
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("DebouncedRequest", () => {
  it("asks once the client pauses, for the latest choice only", async () => {
    const asked: number[] = [];
    const clock = manualTimers();
    const request = new DebouncedRequest<number, string>(
      async (n) => (asked.push(n), `price of ${n}`),
      () => {},
      250,
      clock.timers,
    );
    request.request(1, "k1");
    request.request(2, "k2");
    request.request(3, "k3");
    expect(clock.waiting).toBe(1);
    expect(request.pendingKey).toBe("k3");
    clock.fire();
    await flush();
    expect(asked).toEqual([3]);
    expect(request.valueFor("k3")).toBe("price of 3");
    expect(request.valueFor("k2")).toBeNull();
    expect(request.pendingKey).toBeNull();
  });

  it("drops an answer that arrives after a newer choice, so a price never shows beside the wrong choice", async () => {
    const releases: ((value: string) => void)[] = [];
    const request = new DebouncedRequest<string, string>(
      (input) => new Promise((resolve) => releases.push(() => resolve(input))),
      () => {},
    );
    request.request("old", "old", true);
    request.request("new", "new", true);
    releases[1]("new");
    await flush();
    releases[0]("old");
    await flush();
    expect(request.value).toEqual({ key: "new", value: "new" });
    expect(request.valueFor("old")).toBeNull();
  });

  it("does not ask again for the choice it has answered, keeps failures per choice, and retries on demand", async () => {
    let fail = true;
    let calls = 0;
    const request = new DebouncedRequest<number, number>(
      async (n) => {
        calls++;
        if (fail) throw new Error("boom");
        return n * 2;
      },
      () => {},
    );
    request.request(4, "k", true);
    await flush();
    expect((request.errorFor("k") as Error).message).toBe("boom");
    request.request(4, "k");
    expect(calls).toBe(1);
    fail = false;
    request.request(4, "k", true);
    await flush();
    expect([calls, request.valueFor("k"), request.errorFor("k")]).toEqual([2, 8, null]);
    request.reset();
    expect([request.value, request.error, request.pendingKey]).toEqual([null, null, null]);
  });
});
