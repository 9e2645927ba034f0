import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RunBilling, type BillingSummary } from "../../src/modules/services/run-billing.js";
import { billingOutcome, seedFleet } from "../support/billing-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

// Three databases with the same clients and services: one billed by a single clean run (the
// reference), one by two runs started together, one by a run killed halfway and run again.
// Each must end with the reference's ledger, renewals and paid-untils.
const fleet = { accounts: 24, perAccount: 40 }; // 960 due services
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "cabinet-billing-"));
// Paid until an hour from now: due within the lead time, by the system clock too (the killed
// run is a real `cabinet billing-run` process, on the real clock).
const paidUntil = Date.now() + 3_600_000;

async function fleetCabinet(options: { batchSize: number; sharedWithChild?: boolean }) {
  // A child process cannot reach an in-memory SQLite database: on SQLite it gets a file.
  const file = options.sharedWithChild && process.env.CABINET_TEST_DB !== "mysql" ? { url: `sqlite:${join(tmp, "shared.sqlite")}` } : undefined;
  const t = await startTestCabinet({ config: { billing: { batchSize: options.batchSize }, database: file } });
  t.clock.current = Date.now();
  const accounts = await seedFleet(t, { ...fleet, paidUntil });
  return { t, accounts };
}

let reference: Awaited<ReturnType<typeof fleetCabinet>>;
let referenceSummary: BillingSummary;
const opened: TestCabinet[] = [];
beforeAll(async () => {
  reference = await fleetCabinet({ batchSize: 100 });
  opened.push(reference.t);
  referenceSummary = await reference.t.cabinet.container.resolve(RunBilling).execute();
}, 240_000);
afterAll(async () => {
  for (const t of opened) await t.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe("the reference run", () => {
  it("renewed the covered services and invoiced the others, and a second run changes nothing", async () => {
    const services = fleet.accounts * fleet.perAccount;
    const poor = Math.floor(fleet.accounts / 3) * fleet.perAccount;
    const before = await billingOutcome(reference.t, reference.accounts);
    const renewals = before.renewals as string[];
    expect(renewals.filter((r) => r.endsWith(" charged"))).toHaveLength(services - poor);
    expect(renewals.filter((r) => r.endsWith(" invoiced"))).toHaveLength(poor);
    // (The demo clients' seeded services may be due too: the run counts them, the fleet's outcome does not.)
    expect(await reference.t.cabinet.container.resolve(RunBilling).execute()).toMatchObject({ renewed: 0, invoiced: 0 });
    expect(await billingOutcome(reference.t, reference.accounts)).toEqual(before);
  }, 120_000);
});

describe("two runs started together", () => {
  it("share the work (or, on SQLite, the second finds the lease taken) and end with the reference's ledger", async () => {
    const { t, accounts } = await fleetCabinet({ batchSize: 10 });
    opened.push(t);
    const run = () => t.cabinet.container.resolve(RunBilling).execute();
    const [first, second] = await Promise.all([run(), run()]);
    expect(first.renewed + second.renewed).toBe(referenceSummary.renewed);
    expect(first.invoiced + second.invoiced).toBe(referenceSummary.invoiced);
    if (t.dialect === "mysql") {
      // Both claimed batches: the work really was shared, never doubled.
      expect(first.renewed).toBeGreaterThan(0);
      expect(second.renewed).toBeGreaterThan(0);
    } else {
      expect([first.skipped, second.skipped].filter(Boolean)).toEqual(["another run holds the lease"]);
    }
    expect(await billingOutcome(t, accounts)).toEqual(await billingOutcome(reference.t, reference.accounts));
  }, 240_000);
});

describe("a run killed halfway", () => {
  it("leaves whole batches done; the next run finishes the job with the reference's ledger", async () => {
    const { t, accounts } = await fleetCabinet({ batchSize: 20, sharedWithChild: true });
    opened.push(t);
    const total = fleet.accounts * fleet.perAccount;
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("CABINET_")));
    const child = spawn(process.execPath, ["--import", "./core/test/support/ts-loader.mjs", "core/src/cli/main.ts", "billing-run"], {
      cwd: repoRoot,
      env: { ...env, CABINET_DATABASE__URL: t.cabinet.config.database.url, CABINET_BILLING__BATCH_SIZE: "20", CABINET_LOG__LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? code)));

    // SIGKILL once a fifth of the renewals are in: no clean-up, no rollback by the process itself.
    const renewalsSoFar = async () => Number((await t.cabinet.db("service_renewals").count({ n: "*" }).first())?.n ?? 0);
    for (let exitedEarly = false; !exitedEarly && (await renewalsSoFar()) < total / 5;) {
      exitedEarly = child.exitCode !== null;
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill("SIGKILL");
    expect(await exited, output).toBe("SIGKILL");
    const left = await renewalsSoFar();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(total);
    // Only whole batches were committed: every period recorded as charged has its ledger entry and its paid-until moved.
    // (A batch's short services are left for the run's second pass, so a batch records fewer rows than it claimed.)
    const charged = await t.cabinet
      .db("service_renewals as r")
      .join("services as s", "s.id", "r.service_id")
      .leftJoin("ledger_entries as l", "l.id", "r.ledger_entry_id")
      .whereNotNull("r.ledger_entry_id")
      .select("r.period_end", "s.paid_until", "l.id as entry");
    expect(charged.length).toBeGreaterThan(0);
    for (const row of charged)
      expect([row.entry !== null, Number(row.paid_until)], "only whole batches were committed").toEqual([true, Number(row.period_end)]);

    const rerun = () => t.cabinet.container.resolve(RunBilling).execute();
    if (t.dialect === "mysql") {
      // The server rolls the killed connection's open batch back once it sees the socket
      // closed; until then a run skips the rows that batch holds (and a later run takes them).
      for (;;) {
        const [rows] = await t.cabinet.db.raw(
          "SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id WHERE p.DB = DATABASE() AND p.ID <> CONNECTION_ID()",
        );
        if (Number(rows[0].n) === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } else {
      // The killed run's lease blocks others until it expires (a minute); here it is made to expire.
      expect((await rerun()).skipped).toBe("another run holds the lease");
      await t.cabinet.db("job_leases").update({ expires_at: 0 });
    }
    const second = await rerun();
    expect(second.renewed + second.invoiced).toBeGreaterThanOrEqual(total - left);
    expect(await billingOutcome(t, accounts)).toEqual(await billingOutcome(reference.t, reference.accounts));
  }, 240_000);
});
