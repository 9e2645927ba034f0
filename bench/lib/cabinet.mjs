// Starting what a benchmark measures: a fresh MariaDB database, a Cabinet on it (or on a SQLite
// file) migrated and seeded with the demo brand, served or not, and signed-in clients — one
// place, so every benchmark starts its Cabinet the same way.
import "reflect-metadata";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mysql from "mysql2/promise";
import { createCabinet, newId } from "@cabinet/core";
import { SeedDemo } from "../../core/dist/seed/seed-demo.js";
import { ensureMariaDb } from "../../scripts/lib/prepare.mjs";

/** A new, empty MariaDB database `name` (dropped first if it was left over): its URL, and `drop()`. */
export async function freshMariaDb(name) {
  const serverUrl = await ensureMariaDb();
  const admin = await mysql.createConnection(serverUrl);
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = await mysql.createConnection(serverUrl);
      await cleanup.query(`DROP DATABASE IF EXISTS ${name}`);
      await cleanup.end();
    },
  };
}

/** A SQLite file in a directory of its own: its URL, and `drop()`. */
export function freshSqlite(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `cabinet-${prefix}-`));
  return { url: `sqlite:${join(dir, "cabinet.sqlite")}`, dir, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A MySQL pool on a benchmark's database, numbers as numbers. */
export const mysqlPool = (url, connectionLimit = 4) => mysql.createPool({ uri: url, connectionLimit, supportBigNumbers: true, bigNumberStrings: false });

/**
 * A Cabinet on `url`, migrated and seeded with the demo brand; `serve` starts its HTTP server on
 * a free port (`httpUrl`). Logs only what is fatal (the demo seed's documents find no renderer
 * in most benchmarks: not their business), cheap password hashing, no billing schedule.
 */
export async function benchCabinet({ url, serve = false, config = {}, plugins = [], poolMax = 4 }) {
  const cabinet = await createCabinet(
    {
      env: "production",
      log: { level: "fatal" },
      ...(serve ? { http: { host: "127.0.0.1", port: 0 } } : {}),
      database: { url, poolMax },
      ...config,
      auth: { argon2: { memoryCostKiB: 1024, timeCost: 1 }, ...config.auth },
      billing: { intervalMinutes: 0, ...config.billing },
    },
    { plugins },
  );
  await cabinet.migrate();
  await cabinet.container.resolve(SeedDemo).execute();
  const httpUrl = serve ? await cabinet.start() : null;
  return { cabinet, httpUrl };
}

/** Signs a new client up, then in (sign-up answers no session): `{ token, accountId }`. */
export async function signedInClient(httpUrl, email, password = "bench password 1", name = "Bench") {
  const post = (path, body) => fetch(`${httpUrl}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const signUp = await post("/api/v1/auth/sign-up", { email, password, name });
  if (!signUp.ok) throw new Error(`sign-up answered ${signUp.status}: ${await signUp.text()}`);
  const session = await post("/api/v1/auth/sign-in", { email, password, mode: "bearer" });
  if (!session.ok) throw new Error(`sign-in answered ${session.status}: ${await session.text()}`);
  const { token, account } = await session.json();
  return { token, accountId: account.id };
}

/** `count` running monthly VPS services of the account, paid for twenty more days (none due). */
export async function addServices(cabinet, accountId, count) {
  const product = await cabinet.db("products").where({ code: "vps" }).first();
  const now = Date.now();
  await insertRows(
    (sql, params) => cabinet.db.raw(sql, params),
    "services",
    Array.from({ length: count }, (_, i) => ({
      id: newId("svc", now + i),
      account_id: accountId,
      product_id: product.id,
      label: `node-${i}`,
      status: "active",
      parameters: JSON.stringify({ cpu: 2, ram: 4, disk: 80, os: "debian-12", backups: true }),
      price_amount: 1800,
      currency: "USD",
      period_months: 1,
      paid_until: now + 20 * 86_400_000,
      auto_renew: 1,
      created_at: now + i,
      updated_at: now + i,
    })),
  );
}

/**
 * Multi-row INSERTs of `rows` (objects with the same keys) through `exec(sql, params)`, each
 * under SQLite's 32,766 bound values a statement: seeding at bulk speed on either database.
 */
export async function insertRows(exec, table, rows) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const placeholders = `(${columns.map(() => "?").join(",")})`;
  const per = Math.max(1, Math.floor(30_000 / columns.length));
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    await exec(
      `INSERT INTO ${table} (${columns.join(",")}) VALUES ${part.map(() => placeholders).join(",")}`,
      part.flatMap((r) => columns.map((c) => r[c])),
    );
  }
}
