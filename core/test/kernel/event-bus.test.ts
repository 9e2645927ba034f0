import { pino } from "pino";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { EventBus } from "../../src/index.js";

function bus() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({}, new Writable({ write: (chunk, _e, done) => (lines.push(JSON.parse(String(chunk))), done()) }));
  return { events: new EventBus(logger), lines };
}

const signedOut = { accountId: "acc_1", userId: "usr_1", sessionId: "ses_1" };

describe("EventBus", () => {
  it("awaits subscribers one after another, in the order they subscribed", async () => {
    const { events } = bus();
    const order: string[] = [];
    events.subscribe("user.signed_out", "slow", async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push("slow");
    });
    events.subscribe("user.signed_out", "fast", () => void order.push("fast"));
    await events.publish("user.signed_out", signedOut);
    expect(order).toEqual(["slow", "fast"]);
  });

  it("isolates a failing subscriber: the others still run, the failure is logged with its name", async () => {
    const { events, lines } = bus();
    const got: unknown[] = [];
    events.subscribe("user.signed_out", "audit", () => {
      throw new Error("audit table is gone");
    });
    events.subscribe("user.signed_out", "notifications", (payload) => void got.push(payload));
    await expect(events.publish("user.signed_out", signedOut)).resolves.toBeUndefined();
    expect(got).toEqual([signedOut]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 50, event: "user.signed_out", subscriber: "audit", msg: "event subscriber failed" }));
  });

  it("stops delivering after unsubscribe and only to the event subscribed", async () => {
    const { events } = bus();
    const got: string[] = [];
    const off = events.subscribe("user.signed_out", "a", () => void got.push("out"));
    events.subscribe("account.created", "b", () => void got.push("created"));
    await events.publish("account.created", { brandId: "b", accountId: "a", userId: "u" });
    off();
    await events.publish("user.signed_out", signedOut);
    expect(got).toEqual(["created"]);
  });
});
