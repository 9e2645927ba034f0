import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCabinet } from "../../src/index.js";
import { SeedDemo } from "../../src/seed/seed-demo.js";
import { createTestDatabase } from "../support/test-database.js";

const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const pluginModule = resolve(repoRoot, "core/test/support/slow-route-plugin.ts");

let databaseUrl: string;
let drop: () => Promise<void>;
let dir: string;
beforeAll(async () => {
  // A database the child process can open too: a file for SQLite, a fresh database on MariaDB.
  dir = mkdtempSync(join(tmpdir(), "cabinet-shutdown-"));
  const database = await createTestDatabase();
  databaseUrl = database.dialect === "sqlite" ? `sqlite:${join(dir, "cabinet.sqlite")}` : database.url;
  drop = database.drop;
  const cabinet = await createCabinet({ env: "test", database: { url: databaseUrl }, log: { level: "silent" } });
  await cabinet.migrate();
  await cabinet.container.resolve(SeedDemo).execute();
  await cabinet.stop();
});
afterAll(async () => {
  await drop?.();
  rmSync(dir, { recursive: true, force: true });
});

interface Serve {
  child: ChildProcessWithoutNullStreams;
  url: string;
  port: number;
  output: () => string;
  waitFor(text: string): Promise<void>;
  exited: Promise<number | NodeJS.Signals | null>;
}

/** `cabinet serve` in a child process on an ephemeral port, with the slow-route test plugin. */
async function serve(shutdownTimeoutMs: number): Promise<Serve> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("CABINET_")));
  const child = spawn(process.execPath, ["--import", "./core/test/support/ts-loader.mjs", "core/src/cli/main.ts", "serve"], {
    cwd: repoRoot,
    env: {
      ...env,
      CABINET_ENV: "test",
      CABINET_DATABASE__URL: databaseUrl,
      CABINET_HTTP__HOST: "127.0.0.1",
      CABINET_HTTP__PORT: "0",
      CABINET_HTTP__SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs),
      CABINET_LOG__LEVEL: "warn",
      CABINET_BILLING__INTERVAL_MINUTES: "0",
      CABINET_AUTH__ARGON2: JSON.stringify({ memoryCostKiB: 1024, timeCost: 1 }),
      CABINET_PLUGINS: JSON.stringify([{ name: "slow-route", module: pluginModule, options: {} }]),
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  const waiters: { text: string; resolve: () => void }[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk;
    for (const w of waiters.splice(0)) {
      if (output.includes(w.text)) w.resolve();
      else waiters.push(w);
    }
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise<number | NodeJS.Signals | null>((done) => child.on("exit", (code, signal) => done(signal ?? code)));
  const waitFor = (text: string) =>
    new Promise<void>((done, fail) => {
      if (output.includes(text)) return done();
      waiters.push({ text, resolve: done });
      void exited.then(() => (output.includes(text) ? done() : fail(new Error(`exited before "${text}":\n${output}`))));
    });
  await waitFor("Cabinet API on ");
  const url = /Cabinet API on (http:\/\/[^\s]+)\/api\/v1/.exec(output)![1];
  return { child, url, port: Number(new URL(url).port), output: () => output, waitFor, exited };
}

/** One GET on its own connection; resolves with status and body, or the socket error. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((done) => {
    const req = request(url, { headers, agent: false }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => done({ status: res.statusCode!, body }));
      res.on("error", (e: NodeJS.ErrnoException) => done({ error: e.code ?? e.message }));
    });
    req.on("error", (e: NodeJS.ErrnoException) => done({ error: e.code ?? e.message }));
    req.end();
  });
}

describe("cabinet serve on SIGTERM", () => {
  it("stops taking connections, ends open streams, answers the request in flight, and exits 0", async () => {
    const node = await serve(20_000);
    try {
      const email = `shutdown-${Date.now()}@example.org`;
      const signUp = await fetch(`${node.url}/api/v1/auth/sign-up`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: "correct horse battery", name: "Client" }),
      });
      expect(signUp.status).toBe(202);
      const signIn = await fetch(`${node.url}/api/v1/auth/sign-in`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: "correct horse battery", mode: "bearer" }),
      });
      expect(signIn.status).toBe(200);
      const { token } = (await signIn.json()) as { token: string };

      // A live notification stream: open, its first bytes read.
      const stream = await fetch(`${node.url}/api/v1/notifications/stream`, { headers: { authorization: `Bearer ${token}` } });
      expect(stream.status).toBe(200);
      const reader = stream.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toContain("retry:");
      const streamEnded = (async () => {
        for (;;) if ((await reader.read().catch(() => ({ done: true }))).done) return true;
      })();

      const inFlight = get(`${node.url}/api/v1/plugins/slow-route/until-sigterm?port=${node.port}`);
      await node.waitFor("slow request in flight");
      node.child.kill("SIGTERM");

      const answer = await inFlight;
      expect(answer).toEqual({ status: 200, body: JSON.stringify({ answered: "after SIGTERM", newConnection: "refused" }) });
      expect(await streamEnded).toBe(true);
      expect(await node.exited, node.output()).toBe(0);
      expect(node.output()).toContain("SIGTERM: stopping");
      expect(node.output()).toContain("stopped");
    } finally {
      node.child.kill("SIGKILL");
    }
  }, 150_000);

  it("cuts a request that does not finish within the grace period, and still exits", async () => {
    const node = await serve(2000);
    try {
      const hanging = get(`${node.url}/api/v1/plugins/slow-route/never`);
      await node.waitFor("hanging request in flight");
      node.child.kill("SIGTERM");
      expect(await hanging).toHaveProperty("error");
      expect(await node.exited, node.output()).toBe(0);
      expect(node.output()).toContain("connections cut");
    } finally {
      node.child.kill("SIGKILL");
    }
  }, 150_000);
});
