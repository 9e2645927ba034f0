import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../src/db/create-database.js";
import { incrementCounter } from "../support/sqlite-counter.js";

// `cabinet serve` and a cron `cabinet billing-run` on one SQLite file are two processes. With
// knex's plain (deferred) `BEGIN;`, a transaction that reads and then writes fails at once
// ("database is locked", SQLITE_BUSY_SNAPSHOT) when the other process wrote in between —
// most of these transactions did. Beginning immediately makes the other side wait instead.
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "cabinet-sqlite-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(process.env.CABINET_TEST_DB === "mysql")("SQLite shared by two processes", () => {
  it("runs every read-then-write transaction of both, and loses no update", async () => {
    const file = join(tmp, "shared.sqlite");
    const db = createDatabase(`sqlite:${file}`);
    await db.schema.createTable("counter", (t) => {
      t.integer("id").primary();
      t.integer("n").notNullable();
    });
    await db("counter").insert({ id: 1, n: 0 });

    const times = 300;
    const child = spawn(
      process.execPath,
      ["--import", "./core/test/support/ts-loader.mjs", "core/test/support/sqlite-counter-worker.ts", file, String(times)],
      {
        cwd: repoRoot,
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    expect((await lines.next()).value, stderr).toBe("ready");

    child.stdin.write("go\n");
    const mine = await incrementCounter(db, times);
    const theirs = JSON.parse((await lines.next()).value ?? "null") as { errors: string[] } | null;
    expect(theirs, stderr).not.toBeNull();

    expect({ mine, theirs: theirs!.errors }).toEqual({ mine: [], theirs: [] });
    expect((await db("counter").where({ id: 1 }).first())?.n).toBe(2 * times);
    await db.destroy();
  }, 120_000);
});
