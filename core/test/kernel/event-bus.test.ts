import { pino } from "pino";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { EventBus } from "../../src/index.js";
import { afterCommitSettled } from "../../src/db/transaction.js";

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

describe("EventBus.publishWithin", () => {
  const paid = { invoiceId: "inv_1", accountId: "acc_1", purpose: "manual" as const };

  /** A stand-in for a knex transaction: afterCommit waits on its executionPromise. */
  function transaction() {
    let settle!: (committed: boolean) => void;
    const executionPromise = new Promise((resolve, reject) => (settle = (committed) => (committed ? resolve(undefined) : reject(new Error("rolled back")))));
    executionPromise.catch(() => undefined);
    return { trx: { isTransaction: true, executionPromise } as never, commit: () => settle(true), rollBack: () => settle(false) };
  }

  it("runs transactional subscribers inside the publisher's transaction, the others only once it commits", async () => {
    const { events } = bus();
    const seen: string[] = [];
    const { trx, commit } = transaction();
    events.subscribe("invoice.paid", "after", () => void seen.push("after"));
    events.subscribeWithin("invoice.paid", "outbox", async (_payload, given) => void seen.push(given === trx ? "within trx" : "without"));
    await events.publishWithin(trx, "invoice.paid", paid);
    expect(seen).toEqual(["within trx"]);
    commit();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toEqual(["within trx", "after"]);
  });

  it("lets a stopping core wait for after-commit subscribers still running (afterCommitSettled)", async () => {
    const { events } = bus();
    const { trx, commit } = transaction();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const done: string[] = [];
    events.subscribe("invoice.paid", "documents", async () => {
      await gate;
      done.push("document written");
    });
    await events.publishWithin(trx, "invoice.paid", paid);
    commit();
    let settled = false;
    const waiting = afterCommitSettled().then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    open();
    await waiting;
    expect(done).toEqual(["document written"]);
  });

  it("skips the after-commit subscribers of a rolled-back change, and lets a transactional failure roll it back", async () => {
    const { events } = bus();
    const seen: string[] = [];
    const { trx, rollBack } = transaction();
    events.subscribe("invoice.paid", "after", () => void seen.push("after"));
    await events.publishWithin(trx, "invoice.paid", paid);
    rollBack();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toEqual([]);

    events.subscribeWithin("invoice.paid", "outbox", async () => {
      throw new Error("outbox full");
    });
    await expect(events.publishWithin(transaction().trx, "invoice.paid", paid)).rejects.toThrow("outbox full");
  });

  it("gives transactional subscribers no transaction on a plain publish after the commit", async () => {
    const { events } = bus();
    const given: unknown[] = [];
    events.subscribeWithin("invoice.paid", "outbox", async (_payload, trx) => void given.push(trx));
    await events.publish("invoice.paid", paid);
    expect(given).toEqual([undefined]);
  });
});
