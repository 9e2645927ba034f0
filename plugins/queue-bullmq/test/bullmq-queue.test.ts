import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Redis } from "ioredis";
import pino from "pino";
import type { PluginDefinition, Provisioner } from "@cabinet/core";
import bullMqPlugin, { BullMqJobQueue } from "../src/index.js";
import { startTestCabinet, type TestCabinet } from "../../../core/test/support/test-cabinet.js";
import { signInStaff } from "../../../core/test/support/staff-helpers.js";
import { post } from "../../../core/test/support/ledger-helpers.js";
import { addProduct, order, statusBecomes } from "../../../core/test/support/service-helpers.js";

// The machine's Redis is shared: every test works under its own key prefix and removes its keys.
const REDIS_URL = process.env.CABINET_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefixes: string[] = [];
const newPrefix = () => {
  const prefix = `cabtest:bullmq:${randomBytes(4).toString("hex")}`;
  prefixes.push(prefix);
  return prefix;
};
afterAll(async () => {
  const redis = new Redis(REDIS_URL);
  for (const prefix of prefixes) {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== "0");
  }
  redis.disconnect();
});

/** Log lines a queue wrote (debug level included), parsed. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: "debug" },
    new Writable({
      write(chunk, _e, done) {
        for (const line of String(chunk).split("\n")) if (line) lines.push(JSON.parse(line));
        done();
      },
    }),
  );
  return { lines, logger };
}

const queues: BullMqJobQueue[] = [];
function newQueue(prefix: string, options: Partial<ConstructorParameters<typeof BullMqJobQueue>[0]> = {}) {
  const queue = new BullMqJobQueue({
    url: REDIS_URL,
    prefix,
    attempts: 3,
    backoffMs: 20,
    lockMs: 30_000,
    keepFailed: 100,
    logger: pino({ level: "silent" }),
    ...options,
  });
  queues.push(queue);
  return queue;
}
afterEach(async () => {
  for (const queue of queues.splice(0)) await queue.stop();
});

describe("BullMqJobQueue", () => {
  it("runs a job once for an id enqueued twice while it waits", async () => {
    const queue = newQueue(newPrefix());
    const runs: unknown[] = [];
    queue.process("greet", async (payload) => void runs.push(payload.who));
    await queue.enqueue("greet", { who: "a" }, { jobId: "same:id" });
    await queue.enqueue("greet", { who: "b" }, { jobId: "same:id" });
    await queue.enqueue("greet", { who: "c" });
    await queue.start();
    await vi.waitFor(() => expect(runs.sort()).toEqual(["a", "c"]), { timeout: 10_000 });
  });

  it("retries a failing job with back-off, and hears of one that failed its last attempt once, with the error", async () => {
    const queue = newQueue(newPrefix());
    const attempts = new Map<string, number>();
    const failed: [unknown, string][] = [];
    queue.process(
      "flaky",
      async ({ key, failTimes }) => {
        const n = (attempts.get(String(key)) ?? 0) + 1;
        attempts.set(String(key), n);
        if (n <= Number(failTimes)) throw new Error(`attempt ${n} failed`);
      },
      { onFailed: async (payload, error) => void failed.push([payload.key, (error as Error).message]) },
    );
    await queue.start();
    await queue.enqueue("flaky", { key: "recovers", failTimes: 2 }, { jobId: "recovers" });
    await queue.enqueue("flaky", { key: "gives-up", failTimes: 9 }, { jobId: "gives-up", attempts: 2 });
    await vi.waitFor(() => expect(failed).toEqual([["gives-up", "attempt 2 failed"]]), { timeout: 10_000 });
    await vi.waitFor(() => expect(attempts.get("recovers")).toBe(3), { timeout: 10_000 });
    expect(attempts.get("gives-up")).toBe(2);

    // The dead-letter view holds the one that gave up; retried, it runs again from its first attempt.
    const dead = await queue.listFailed();
    expect(dead).toMatchObject([{ name: "flaky", id: "gives-up", payload: { key: "gives-up" }, failedReason: "attempt 2 failed", attemptsMade: 2 }]);
    expect(await queue.retryFailed("flaky", "no-such-job")).toBe(false);
    expect(await queue.retryFailed("flaky", "gives-up")).toBe(true);
    await vi.waitFor(() => expect(failed).toHaveLength(2), { timeout: 10_000 });
    expect(attempts.get("gives-up")).toBe(4);
  });

  it("keeps waiting and delayed jobs in Redis across a restart: another process runs them", async () => {
    const prefix = newPrefix();
    const first = newQueue(prefix);
    await first.enqueue("later", { n: 1 }, { jobId: "now" });
    await first.enqueue("later", { n: 2 }, { jobId: "delayed", delayMs: 300 });
    await first.stop(); // the process ends before any worker ran them

    const second = newQueue(prefix);
    const runs: unknown[] = [];
    second.process("later", async ({ n }) => void runs.push(n));
    await second.start();
    await vi.waitFor(() => expect(runs.sort()).toEqual([1, 2]), { timeout: 10_000 });
  });

  it("runs again elsewhere a job whose process died mid-run, once its lock runs out", async () => {
    const prefix = newPrefix();
    const dying = newQueue(prefix, { lockMs: 1000 });
    let started = false;
    dying.process("work", async () => {
      started = true;
      await new Promise(() => {}); // the process "dies" here: the job never finishes
    });
    await dying.start();
    await dying.enqueue("work", { n: 1 }, { jobId: "w1" });
    await vi.waitFor(() => expect(started).toBe(true), { timeout: 10_000 });
    // Killed: its worker stops renewing the lock without finishing the job.
    await (dying as unknown as { workers: Map<string, { close(force: boolean): Promise<void> }> }).workers.get("work")!.close(true);

    const survivor = newQueue(prefix, { lockMs: 1000 });
    const done: unknown[] = [];
    survivor.process("work", async ({ n }) => void done.push(n));
    await survivor.start();
    await vi.waitFor(() => expect(done).toEqual([1]), { timeout: 15_000 });
  });

  it("runs a repeating job once per tick however many processes schedule it, and logs each run's job id", async () => {
    const prefix = newPrefix();
    const a = capture();
    const b = capture();
    const nodeA = newQueue(prefix, { logger: a.logger });
    const nodeB = newQueue(prefix, { logger: b.logger });
    let runs = 0;
    for (const node of [nodeA, nodeB]) {
      node.process("tick", async () => void runs++);
      await node.repeat("tick", 150);
      await node.start();
    }
    await vi.waitFor(() => expect(runs).toBeGreaterThanOrEqual(6), { timeout: 15_000 });
    await nodeA.stop();
    await nodeB.stop();
    const ids = [...a.lines, ...b.lines].filter((l) => l.msg === "job started").map((l) => l.jobId);
    expect(ids.length).toBe(runs);
    expect(new Set(ids).size).toBe(ids.length); // no tick ran twice
  });
});

describe("the queue-bullmq plugin in a core", () => {
  const calls = new Map<string, number>();
  const failing: Provisioner = {
    id: "failing",
    async provision({ serviceId }) {
      calls.set(serviceId, (calls.get(serviceId) ?? 0) + 1);
      return { status: "failed", reason: "the panel is down", retryable: true };
    },
  };
  const failingPlugin: PluginDefinition = {
    name: "provision-failing",
    version: "1.0.0",
    coreRange: "*",
    register: ({ provide }) => provide("provisioner", failing),
  };
  let t: TestCabinet;
  beforeAll(async () => {
    const prefix = newPrefix();
    t = await startTestCabinet({
      plugins: [bullMqPlugin, failingPlugin],
      config: {
        redis: { url: REDIS_URL, keyPrefix: `${prefix}:` },
        jobs: { queue: "bullmq", attempts: 2, backoffMs: 20 },
        plugins: [
          { name: "queue-bullmq", options: {} },
          { name: "provision-failing", options: {} },
        ],
      },
    });
  });
  afterAll(() => t?.close());

  it("runs the core's jobs: an order is provisioned through Redis", async () => {
    const product = await addProduct(t, { provisioner: "instant" });
    const client = await t.signUp();
    await post(t, { accountId: client.accountId, amount: 5000 });
    const ordered = await order(t, client.token, [{ productId: product.id, periodMonths: 1 }]);
    expect(ordered.status).toBe(201);
    await statusBecomes(t, client.token, ordered.body.services[0].id, "active");
  });

  it("shows staff admins the jobs that failed for good, and retries one", async () => {
    const product = await addProduct(t, { provisioner: "failing" });
    const client = await t.signUp();
    await post(t, { accountId: client.accountId, amount: 5000 });
    const id = (await order(t, client.token, [{ productId: product.id, periodMonths: 1 }])).body.services[0].id as string;
    await statusBecomes(t, client.token, id, "provisioning_failed");
    expect(calls.get(id)).toBe(2);

    const admin = await signInStaff(t, "admin");
    const listed = await t.request("GET", "/api/v1/plugins/queue-bullmq/dead-letter", { token: admin.token });
    expect(listed.status).toBe(200);
    const dead = listed.body.items.find((j: { payload: { serviceId?: string } }) => j.payload.serviceId === id);
    expect(dead).toMatchObject({ name: "provision-service", id: `${id}:create:1`, failedReason: "the panel is down", attemptsMade: 2 });

    const support = await signInStaff(t, "support");
    expect((await t.request("GET", "/api/v1/plugins/queue-bullmq/dead-letter", { token: support.token })).status).toBe(403);
    expect((await t.request("GET", "/api/v1/plugins/queue-bullmq/dead-letter", { token: client.token })).status).toBe(401);
    const unknown = await t.request("POST", `/api/v1/plugins/queue-bullmq/dead-letter/provision-service/${encodeURIComponent("svc_nope:create:1")}/retry`, {
      token: admin.token,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("CAB_ERR_NOT_FOUND");
    const badName = await t.request("POST", "/api/v1/plugins/queue-bullmq/dead-letter/Bad%20Name/x/retry", { token: admin.token });
    expect(badName.status).toBe(400);

    const retried = await t.request("POST", `/api/v1/plugins/queue-bullmq/dead-letter/provision-service/${encodeURIComponent(dead.id)}/retry`, {
      token: admin.token,
    });
    expect(retried.status).toBe(204);
    // The job runs again (the service already counts as failed, so it only asks the provisioner if still awaited).
    await vi.waitFor(
      async () => {
        const again = (await t.request("GET", "/api/v1/plugins/queue-bullmq/dead-letter", { token: admin.token })).body.items.find(
          (j: { id: string }) => j.id === dead.id,
        );
        expect(again).toBeUndefined();
      },
      { timeout: 10_000 },
    );
  });
});
