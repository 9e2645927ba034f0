// The two servers the API benchmark loads, in one child process so both get the same CPU:
// Cabinet itself, and a hand-written node:http + mysql2 handler doing the same work
// (session lookup by token hash, one page of services with their products) with nothing else.
import "reflect-metadata";
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import mysql from "mysql2/promise";
import { createCabinet, newId } from "@cabinet/core";

const [mysqlServerUrl] = process.argv.slice(2);
const database = "cabinet_bench_api";
const admin = await mysql.createConnection(mysqlServerUrl);
await admin.query(`DROP DATABASE IF EXISTS ${database}`);
await admin.query(`CREATE DATABASE ${database} CHARACTER SET utf8mb4`);
await admin.end();
const dbUrl = new URL(mysqlServerUrl);
dbUrl.pathname = `/${database}`;

const cabinet = await createCabinet({
  env: "production",
  log: { level: "warn" },
  http: { host: "127.0.0.1", port: 0 },
  database: { url: dbUrl.toString(), poolMax: 10 },
  auth: { argon2: { memoryCostKiB: 1024, timeCost: 1 } },
});
await cabinet.migrate();
const { SeedDemo } = await import("../../core/dist/seed/seed-demo.js");
await cabinet.container.resolve(SeedDemo).execute();
const cabinetUrl = await cabinet.start();

// A client with 20 services.
// Sign-up answers "accepted" (it tells nobody which e-mails exist); the session comes from signing in.
const postJson = (path, body) => fetch(`${cabinetUrl}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
await postJson("/api/v1/auth/sign-up", { email: "bench@example.org", password: "bench password 1", name: "Bench" });
const signUp = await postJson("/api/v1/auth/sign-in", { email: "bench@example.org", password: "bench password 1", mode: "bearer" }).then((r) => r.json());
const product = await cabinet.db("products").where({ code: "vps" }).first();
const now = Date.now();
await cabinet.db("services").insert(
  Array.from({ length: 20 }, (_, i) => ({
    id: newId("svc", now + i),
    account_id: signUp.account.id,
    product_id: product.id,
    label: `node-${i}`,
    status: "active",
    parameters: JSON.stringify({ cpu: 2, ram: 4, disk: 80, os: "debian-12", backups: true }),
    price_amount: 1800,
    currency: "USD",
    period_months: 1,
    paid_until: now + 20 * 86_400_000,
    auto_renew: true,
    created_at: now + i,
    updated_at: now + i,
  })),
);

// The baseline: the same queries, written by hand.
const pool = mysql.createPool({ uri: dbUrl.toString(), connectionLimit: 10, supportBigNumbers: true, bigNumberStrings: false });
const baseline = createServer(async (req, res) => {
  try {
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
    if (!match || !req.url?.startsWith("/api/v1/services")) {
      res.writeHead(401).end();
      return;
    }
    const hash = createHash("sha256").update(match[1]).digest("hex");
    const [sessions] = await pool.query(
      "SELECT s.id, s.account_id, s.last_seen_at, u.role, u.permissions FROM sessions s JOIN users u ON u.id = s.user_id JOIN accounts a ON a.id = s.account_id " +
        "WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND u.status = 'active' AND a.status = 'active' LIMIT 1",
      [hash, Date.now()],
    );
    if (sessions.length === 0) {
      res.writeHead(401).end();
      return;
    }
    const [rows] = await pool.query(
      "SELECT s.*, p.code AS product_code, p.name AS product_name, p.type AS product_type FROM services s JOIN products p ON p.id = s.product_id " +
        "WHERE s.account_id = ? AND s.status <> 'deleted' ORDER BY s.id DESC LIMIT 21",
      [sessions[0].account_id],
    );
    const page = rows.slice(0, 20);
    const items = page.map((r) => ({
      id: r.id,
      label: r.label,
      status: r.status,
      product: { id: r.product_id, code: r.product_code, name: r.product_name, type: r.product_type },
      parameters: JSON.parse(r.parameters),
      price: { amount: Number(r.price_amount), currency: r.currency },
      periodMonths: r.period_months,
      paidUntil: r.paid_until === null ? null : new Date(Number(r.paid_until)).toISOString(),
      autoRenew: Boolean(r.auto_renew),
      createdAt: new Date(Number(r.created_at)).toISOString(),
    }));
    const body = JSON.stringify({ items, nextCursor: rows.length > 20 ? Buffer.from(page[19].id).toString("base64url") : null });
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(body);
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});
await new Promise((resolve) => baseline.listen(0, "127.0.0.1", resolve));

process.send({ cabinetUrl, baselineUrl: `http://127.0.0.1:${baseline.address().port}`, token: signUp.token });
process.on("message", async (message) => {
  if (message !== "stop") return;
  baseline.close();
  await pool.end();
  await cabinet.stop();
  const cleanup = await mysql.createConnection(mysqlServerUrl);
  await cleanup.query(`DROP DATABASE IF EXISTS ${database}`);
  await cleanup.end();
  process.exit(0);
});
