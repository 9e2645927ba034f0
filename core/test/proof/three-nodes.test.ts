import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import S3rver from "s3rver";
import { RunBilling } from "../../src/modules/services/run-billing.js";
import { seedFleet } from "../support/billing-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { PNG } from "../support/ticket-helpers.js";
import { signProof } from "../support/proof-plugin.js";

// The proof (issue 9): three `cabinet serve` processes on one MariaDB, with BullMQ on Redis and
// the S3 store, take orders, renewals, settle webhooks and ticket attachments while a billing
// run goes over a fleet of due services; one node is killed with SIGKILL in the middle and
// started again. Afterwards: every balance is the sum of its ledger, every period was charged
// once, no service is left in a transitional state, every file is readable from every node,
// and every notification went out at least once with each dedupe key used once.
// MariaDB only: SQLite is one machine's file, not something three nodes share.
const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const FLEET_URL = "http://cabinet.fleet.test";
const REDIS_URL = process.env.CABINET_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const fleet = { accounts: 12, perAccount: 100 }; // 1200 services due: small enough for CI
const BUCKET = "cabinet-proof";

interface Node {
  name: string;
  child: ChildProcessWithoutNullStreams;
  url: string;
  output: () => string;
  exited: Promise<unknown>;
}

let admin: TestCabinet;
let s3: S3rver;
let s3Dir: string;
let s3Endpoint: string;
const keyPrefix = `cabtest:proof:${randomBytes(4).toString("hex")}:`;
const nodes: Node[] = [];
let fleetAccounts: { id: string; label: string }[] = [];

function nodeEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("CABINET_")));
  const plugins = [
    { name: "queue-bullmq", module: resolve(repoRoot, "plugins/queue-bullmq/src/index.ts"), options: { lockMs: 2000 } },
    {
      name: "files-s3",
      module: resolve(repoRoot, "plugins/files-s3/src/index.ts"),
      options: { bucket: BUCKET, endpoint: s3Endpoint, accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    },
    { name: "proof", module: resolve(repoRoot, "core/test/support/proof-plugin.ts"), options: {} },
  ];
  return {
    ...env,
    CABINET_ENV: "test",
    CABINET_DATABASE__URL: admin.cabinet.config.database.url,
    CABINET_HTTP__HOST: "127.0.0.1",
    CABINET_HTTP__PORT: "0",
    // The fleet sits behind one address, as behind a load balancer: the core's own pages
    // (payment return addresses among them) are on it, whichever node answers.
    CABINET_HTTP__PUBLIC_URL: FLEET_URL,
    CABINET_LOG__LEVEL: "debug",
    CABINET_REDIS__URL: REDIS_URL,
    CABINET_REDIS__KEY_PREFIX: keyPrefix,
    CABINET_JOBS__QUEUE: "bullmq",
    CABINET_JOBS__BACKOFF_MS: "200",
    CABINET_FILES__STORE: "s3",
    CABINET_BILLING__INTERVAL_MINUTES: "1",
    CABINET_BILLING__BATCH_SIZE: "50",
    CABINET_RECOVERY__INTERVAL_MS: "2000",
    CABINET_RECOVERY__PROVISIONING_AFTER_MS: "3000",
    CABINET_NOTIFICATIONS__DELIVERY: JSON.stringify({ pollIntervalMs: 200, backoffMs: 200, leaseMs: 5000, sendTimeoutMs: 2000 }),
    CABINET_AUTH__ARGON2: JSON.stringify({ memoryCostKiB: 1024, timeCost: 1 }),
    CABINET_AUTH__SIGN_IN_LIMIT_PER_IP: JSON.stringify({ points: 10000, durationSeconds: 60 }),
    CABINET_AUTH__SIGN_UP_LIMIT_PER_IP: JSON.stringify({ points: 10000, durationSeconds: 60 }),
    CABINET_PLUGINS: JSON.stringify(plugins),
  };
}

async function startNode(name: string): Promise<Node> {
  const child = spawn(process.execPath, ["--import", "./core/test/support/ts-loader.mjs", "core/src/cli/main.ts", "serve"], {
    cwd: repoRoot,
    env: nodeEnv(),
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c) => (output += c));
  child.stderr.on("data", (c) => (output += c));
  const exited = new Promise((done) => child.on("exit", (code, signal) => done(signal ?? code)));
  const started = Date.now();
  while (!/Cabinet API on (http:\/\/\S+)\/api\/v1/.test(output)) {
    if (child.exitCode !== null) throw new Error(`node ${name} exited:\n${output}`);
    if (Date.now() - started > 120_000) throw new Error(`node ${name} did not start:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = /Cabinet API on (http:\/\/\S+)\/api\/v1/.exec(output)![1];
  return { name, child, url, output: () => output, exited };
}

async function call(
  node: Node,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: string } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers["content-type"] ??= "application/json";
  const response = await fetch(node.url + path, { method, headers, body });
  const text = await response.text();
  let json: any = text;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: response.status, body: json };
}

async function until<T>(probe: () => Promise<T | false | undefined | null>, what: string, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const t0 = Date.now();
const mark = (what: string) => process.env.CABINET_PROOF_TIMINGS && process.stderr.write(`proof: ${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
const proofDescribe = process.env.CABINET_TEST_DB === "mysql" ? describe : describe.skip;

beforeAll(async () => {
  if (process.env.CABINET_TEST_DB !== "mysql") return;
  s3Dir = mkdtempSync(join(tmpdir(), "cabinet-proof-s3-"));
  s3 = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
  s3Endpoint = `http://127.0.0.1:${((await s3.run()) as { port: number }).port}`;
  // The in-process core: migrates and seeds the shared database, seeds the fleet, and checks at the end.
  admin = await startTestCabinet({ config: { notifications: { delivery: { enabled: false } }, log: { level: "warn" } } });
  admin.clock.current = Date.now();
  mark("admin core");
  fleetAccounts = await seedFleet(admin, { ...fleet, paidUntil: Date.now() + 3_600_000 });
  mark("fleet seeded");
  nodes.push(...(await Promise.all(["a", "b", "c"].map(startNode))));
  mark("nodes started");
}, 300_000);

afterAll(async () => {
  for (const node of nodes) node.child.kill("SIGKILL");
  await Promise.all(nodes.map((n) => n.exited));
  await admin?.close();
  await s3?.close();
  if (s3Dir) rmSync(s3Dir, { recursive: true, force: true });
  const redis = new Redis(REDIS_URL);
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${keyPrefix}*`, "COUNT", 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== "0");
  redis.disconnect();
});

/** One client's work against the nodes, node `i` first: top-up settled by webhook (replayed elsewhere), an order, a renewal, a ticket with a file. */
async function clientWork(i: number, product: { id: string }) {
  const at = (k: number) => nodes[(i + k) % nodes.length];
  const email = `proof-${i}-${randomBytes(3).toString("hex")}@example.org`;
  const signUp = await call(at(0), "POST", "/api/v1/auth/sign-up", { body: { email, password: "correct horse battery", name: `Proof ${i}` } });
  expect(signUp.status, JSON.stringify(signUp.body)).toBe(202);
  const signIn = await call(at(1), "POST", "/api/v1/auth/sign-in", { body: { email, password: "correct horse battery", mode: "bearer" } });
  expect(signIn.status, JSON.stringify(signIn.body)).toBe(200);
  const token = signIn.body.token as string;
  const accountId = signIn.body.account.id as string;

  const payment = await call(at(0), "POST", "/api/v1/payments", { token, body: { gateway: "proofpay", amount: 20_000, returnUrl: `${FLEET_URL}/back` } });
  expect(payment.status, JSON.stringify(payment.body)).toBe(201);
  const event = JSON.stringify({ id: `evt_${payment.body.id}`, paymentId: payment.body.id, result: "succeeded", amount: { amount: 20_000, currency: "USD" } });
  for (const k of [1, 2]) {
    const hook = await call(at(k), "POST", "/api/v1/webhooks/proofpay", { raw: event, headers: { "x-proof-signature": signProof(event) } });
    expect(hook.status).toBeLessThan(300);
  }

  const ordered = await call(at(1), "POST", "/api/v1/orders", {
    token,
    body: {
      items: [
        { productId: product.id, periodMonths: 1 },
        { productId: product.id, periodMonths: 1 },
      ],
    },
    headers: { "idempotency-key": `proof-order-${i}` },
  });
  expect(ordered.status, JSON.stringify(ordered.body)).toBe(201);
  const serviceIds = ordered.body.services.map((s: { id: string }) => s.id) as string[];

  const active = await until(async () => {
    const service = await call(at(2), "GET", `/api/v1/services/${serviceIds[0]}`, { token });
    return service.body?.status === "active" && service.body;
  }, "an ordered service to become active");
  expect(active.status).toBe("active");
  const renewed = await call(at(2), "POST", `/api/v1/services/${serviceIds[0]}/renew`, {
    token,
    body: { periods: 1 },
    headers: { "idempotency-key": `proof-renew-${i}` },
  });
  expect(renewed.status, JSON.stringify(renewed.body)).toBeLessThan(300);

  const departments = await call(at(0), "GET", "/api/v1/support/departments", { token });
  const form = new FormData();
  form.append("subject", "Proof ticket");
  form.append("departmentId", departments.body.items[0].id);
  form.append("priority", "normal");
  form.append("body", "with a file");
  form.append("attachments", new Blob([PNG], { type: "image/png" }), "screen.png");
  const ticket = await fetch(`${at(0).url}/api/v1/tickets`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
  const ticketBody = (await ticket.json()) as any;
  expect(ticket.status, JSON.stringify(ticketBody)).toBe(201);
  const attachment = ticketBody.messages[0].attachments[0];
  return { token, accountId, serviceIds, file: `/api/v1/tickets/${ticketBody.id}/attachments/${attachment.id}` };
}

proofDescribe("three nodes, one killed mid-work", () => {
  it("lose nothing and do nothing twice", async () => {
    const product = await admin.cabinet.db("products").where({ code: "vps" }).first();
    // Simple parameters for the ordered product: the demo VPS's defaults.
    const results: Awaited<ReturnType<typeof clientWork>>[] = [];

    // Round one on all three nodes, while the billing run (started by the schedule at boot) goes.
    results.push(...(await Promise.all([0, 1, 2, 3, 4, 5].map((i) => clientWork(i, product)))));

    mark("round one");
    // Kill the node that runs the billing run (else node b) once the run is under way.
    const fleetServiceIds = (
      await admin.cabinet
        .db("services")
        .whereIn(
          "account_id",
          fleetAccounts.map((a) => a.id),
        )
        .select("id")
    ).map((r: { id: string }) => r.id);
    const renewalsSoFar = async () =>
      Number((await admin.cabinet.db("service_renewals").whereIn("service_id", fleetServiceIds).count({ n: "*" }).first())?.n ?? 0);
    await until(async () => (await renewalsSoFar()) > 0, "the billing run to begin");
    const billingNode = nodes.find((n) => n.output().includes('"job":"billing-run"')) ?? nodes[1];
    const victim = nodes.indexOf(billingNode);
    // Work in flight on the victim when it dies: orders whose provisioning it may hold.
    const inFlight = [6, 7].map((i) => clientWork(i, product).catch(() => undefined));
    billingNode.child.kill("SIGKILL");
    expect(await billingNode.exited).toBe("SIGKILL");
    const renewalsAtKill = await renewalsSoFar();
    await Promise.all(inFlight);

    mark("killed");
    // Started again; round two on all three.
    nodes[victim] = await startNode(`${billingNode.name}2`);
    results.push(...(await Promise.all([8, 9, 10].map((i) => clientWork(i, product)))));

    mark("round two");
    // The run killed halfway is finished by the next (here in-process; on the nodes, the next tick).
    await admin.cabinet.container.resolve(RunBilling).execute();
    const db = admin.cabinet.db;

    mark("billing finished");
    // No service stays in a transitional state once the sweep ran.
    await until(
      async () => Number((await db("services").where("status", "provisioning").count({ n: "*" }).first())?.n) === 0,
      "no service left in provisioning",
    );
    expect(Number((await db("services").whereNotNull("provision_action").whereNot("status", "deleted").count({ n: "*" }).first())?.n)).toBe(0);

    mark("sweep done");
    // Every period charged once: each fleet service renewed once, by a charge or an invoice. (A
    // node's own run may still hold its last batch when the in-process run ends: wait for it.)
    await until(async () => (await renewalsSoFar()) >= fleet.accounts * fleet.perAccount, "every fleet service renewed");
    const renewals = await db("service_renewals").whereIn("service_id", fleetServiceIds).select("service_id", "period_start", "ledger_entry_id", "invoice_id");
    expect(renewals.length).toBe(fleet.accounts * fleet.perAccount);
    expect(new Set(renewals.map((r: { service_id: string }) => r.service_id)).size).toBe(renewals.length);
    expect(renewalsAtKill).toBeGreaterThan(0);
    const chargesPerService = await db("ledger_entries")
      .where("kind", "charge")
      .whereIn("reference_id", fleetServiceIds)
      .groupBy("reference_id")
      .select("reference_id")
      .count({ n: "*" });
    for (const row of chargesPerService) expect(Number((row as { n: number }).n), String((row as { reference_id: string }).reference_id)).toBe(1);

    // Every balance is the sum of its ledger; each top-up credited once despite the replayed webhook.
    // Read in one snapshot: the nodes may still be writing (a notification, a late job).
    const { balances, sums } = await db.transaction(async (trx) => ({
      balances: await trx("account_balances").select("account_id", "balance"),
      sums: new Map(
        (await trx("ledger_entries").groupBy("account_id").select("account_id").sum({ s: "amount" })).map(
          (r: any) => [r.account_id as string, Number(r.s)] as [string, number],
        ),
      ),
    }));
    for (const { account_id, balance } of balances) expect(Number(balance), account_id).toBe(sums.get(account_id) ?? 0);
    for (const r of results) {
      const payments = await db("ledger_entries").where({ account_id: r.accountId, kind: "payment" }).count({ n: "*" }).first();
      expect(Number(payments?.n)).toBe(1);
    }

    // Every file readable from every node.
    for (const r of results) {
      for (const node of nodes) {
        const file = await fetch(node.url + r.file, { headers: { authorization: `Bearer ${r.token}` } });
        expect(file.status, `${r.file} from ${node.name}`).toBe(200);
        expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
      }
    }

    mark("files checked");
    // Every notification delivered at least once; each dedupe key used once.
    await until(async () => Number((await db("notification_deliveries").where("status", "pending").count({ n: "*" }).first())?.n) === 0, "the outbox to empty");
    const deliveries = await db("notification_deliveries").where("channel", "proof").select("id", "status");
    expect(deliveries.length).toBeGreaterThan(0);
    const redis = new Redis(REDIS_URL);
    try {
      for (const d of deliveries) {
        expect(d.status).toBe("delivered");
        expect(Number(await redis.get(`${keyPrefix}proof:delivered:${d.id}`)), d.id).toBeGreaterThanOrEqual(1);
      }
    } finally {
      redis.disconnect();
    }
    const duplicates = await db("notifications").whereNotNull("dedupe_key").groupBy("user_id", "dedupe_key").havingRaw("COUNT(*) > 1").select("user_id");
    expect(duplicates).toEqual([]);
    mark("done");
  }, 240_000);
});
