import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
let t: TestCabinet;
beforeAll(async () => {
  // A child process cannot reach an in-memory SQLite database: on SQLite it gets a file.
  const file = process.env.CABINET_TEST_DB !== "mysql" ? { url: `sqlite:${join(mkdtempSync(join(tmpdir(), "cabinet-cli-")), "cli.sqlite")}` } : undefined;
  t = await startTestCabinet({ config: { database: file } });
  // The command publishes "now" by the real clock.
  t.clock.current = Date.now();
});
afterAll(() => t.close());

/** Runs `cabinet <args>` against the test's database; its exit code and output. */
function cli(args: string[]): Promise<{ code: number | null; output: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("CABINET_")));
  const child = spawn(process.execPath, ["--import", "./core/test/support/ts-loader.mjs", "core/src/cli/main.ts", ...args], {
    cwd: repoRoot,
    env: { ...env, CABINET_DATABASE__URL: t.cabinet.config.database.url, CABINET_LOG__LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, output })));
}

describe("cabinet publish-legal-document", () => {
  it("publishes the next version from a file; a must-agree one stops signed-in clients", async () => {
    const client = await t.signUp();
    const file = join(mkdtempSync(join(tmpdir(), "cabinet-legal-")), "terms.md");
    writeFileSync(file, "Terms of service, in full.");
    const run = await cli(["publish-legal-document", "--brand", "demo", "--kind", "terms", "--title", "Terms", "--file", file, "--must-agree", "yes"]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/published terms version 1/);
    const row = await t.cabinet.db("legal_documents").where({ kind: "terms" }).first();
    expect(row).toMatchObject({ title: "Terms", body: "Terms of service, in full.", version: 1, published_by: "cli" });
    t.clock.current = Date.now(); // the version is in force from when the command ran
    expect((await t.request("GET", "/api/v1/services", { token: client.token })).body.error.code).toBe("CAB_ERR_CONSENT_REQUIRED");
  }, 120_000);

  it("bad input: an unknown kind, a missing flag, an unknown brand (exit 2, nothing published)", async () => {
    const before = Number((await t.cabinet.db("legal_documents").count({ n: "*" }))[0].n);
    const kind = await cli(["publish-legal-document", "--brand", "demo", "--kind", "cookies", "--title", "x", "--file", "x", "--must-agree", "no"]);
    expect(kind.code).toBe(2);
    expect(kind.output).toMatch(/--kind must be one of/);
    const missing = await cli(["publish-legal-document", "--brand", "demo", "--kind", "terms"]);
    expect(missing.code).toBe(2);
    const file = join(mkdtempSync(join(tmpdir(), "cabinet-legal-")), "x.md");
    writeFileSync(file, "x");
    const brand = await cli(["publish-legal-document", "--brand", "nope", "--kind", "terms", "--title", "x", "--file", file, "--must-agree", "no"]);
    expect(brand.code).toBe(2);
    expect(Number((await t.cabinet.db("legal_documents").count({ n: "*" }))[0].n)).toBe(before);
  }, 120_000);
});
