// The two servers the API benchmark loads, in one child process so both get the same CPU:
// Cabinet itself, and a hand-written node:http + mysql2 handler doing the same work with nothing
// else: Cabinet's session query (token hash, joined with user, account, membership, brand and
// TOTP, as Authenticate reads it), its last-seen touch at most once a minute, Cabinet's services
// query (the page plus one, newest first), its one read of the running services' open invoices
// (waiting upgrades and unpaid renewals), products from a 30 s in-process cache as Cabinet's
// ProductSummaries keeps them (one query for those missing), and the same JSON — Cabinet's own
// describeService, so every field (nextParameters, cancelAtPeriodEnd, statusReason, actions,
// invoiceId…) is there. run.mjs checks the two answers are byte-identical before timing. The
// client is the account's owner, so neither side reads roles or a service scope.
import "reflect-metadata";
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { addServices, benchCabinet, freshMariaDb, mysqlPool, signedInClient } from "../lib/cabinet.mjs";

const database = await freshMariaDb("cabinet_bench_api");
const { cabinet, httpUrl: cabinetUrl } = await benchCabinet({ url: database.url, serve: true, poolMax: 10 });
// A client with 20 services.
const signUp = await signedInClient(cabinetUrl, "bench@example.org");
await addServices(cabinet, signUp.accountId, 20);

// The baseline: the same queries, written by hand.
const { describeService } = await import("../../core/dist/modules/services/describe-service.js");
const pool = mysqlPool(database.url, 10);
const PRODUCT_CACHE_MS = 30_000;
const TOUCH_EVERY_MS = 60_000;
const productCache = new Map();
const json = (text, fallback) => (text === null || text === undefined ? fallback : typeof text === "string" ? JSON.parse(text) : text);
const baseline = createServer(async (req, res) => {
  try {
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
    if (!match || !req.url?.startsWith("/api/v1/services")) {
      res.writeHead(401).end();
      return;
    }
    const now = Date.now();
    const hash = createHash("sha256").update(match[1]).digest("hex");
    const [sessions] = await pool.query(
      "SELECT s.id, s.user_id, s.account_id, s.brand_id, s.csrf_token, s.expires_at, s.last_seen_at, s.staff_id, s.staff_mode, u.name, u.must_change_password, " +
        "u.account_id AS home_account_id, u.role AS home_role, u.permissions AS home_permissions, u.service_scoped AS home_scoped, " +
        "am.role AS member_role, am.permissions AS member_permissions, am.service_scoped AS member_scoped, b.require_two_factor, t.confirmed_at AS totp_confirmed_at " +
        "FROM sessions AS s INNER JOIN users AS u ON u.id = s.user_id INNER JOIN accounts AS a ON a.id = s.account_id " +
        "LEFT JOIN account_members AS am ON am.account_id = s.account_id AND am.user_id = s.user_id " +
        "INNER JOIN brands AS b ON b.id = s.brand_id LEFT JOIN user_totp AS t ON t.user_id = s.user_id " +
        "WHERE s.revoked_at IS NULL AND s.expires_at > ? AND u.status = 'active' AND a.status = 'active' AND (u.account_id = s.account_id OR am.status = 'active') AND s.token_hash = ? LIMIT 1",
      [now, hash],
    );
    if (sessions.length === 0) {
      res.writeHead(401).end();
      return;
    }
    const session = sessions[0];
    if (now - Number(session.last_seen_at) > TOUCH_EVERY_MS) await pool.query("UPDATE sessions SET last_seen_at = ? WHERE id = ?", [now, session.id]);
    const [rows] = await pool.query("SELECT * FROM services WHERE account_id = ? AND status <> 'deleted' ORDER BY id DESC LIMIT 21", [session.account_id]);
    const page = rows.slice(0, 20);
    const running = page.filter((r) => (r.status === "active" || r.status === "suspended") && r.paid_until !== null).map((r) => r.id);
    const openInvoice = new Map();
    if (running.length > 0) {
      const [open] = await pool.query(
        "(SELECT service_id, NULL AS period_start, invoice_id FROM service_changes WHERE account_id = ? AND status = 'waiting' AND service_id IN (?)) UNION ALL " +
          "(SELECT service_id, period_start, invoice_id FROM service_renewals WHERE account_id = ? AND service_id IN (?) AND invoice_id IS NOT NULL AND ledger_entry_id IS NULL)",
        [session.account_id, running, session.account_id, running],
      );
      const paidUntil = new Map(page.map((r) => [r.id, Number(r.paid_until)]));
      for (const o of open)
        if (o.period_start === null ? !openInvoice.has(o.service_id) : Number(o.period_start) === paidUntil.get(o.service_id))
          openInvoice.set(o.service_id, o.invoice_id);
    }
    const missing = [...new Set(page.map((r) => r.product_id))].filter(
      (id) => !(productCache.get(id) && now - productCache.get(id).loadedAt < PRODUCT_CACHE_MS),
    );
    if (missing.length > 0) {
      const [products] = await pool.query("SELECT id, code, name, type FROM products WHERE id IN (?)", [missing]);
      for (const p of products) productCache.set(p.id, { summary: { id: p.id, code: p.code, name: p.name, type: p.type }, loadedAt: now });
    }
    // The owner holds every right (the bench client is one); anyone else would need Cabinet's role read.
    const role = session.home_account_id === session.account_id ? session.home_role : session.member_role;
    if (role !== "owner") throw new Error("the baseline serves the account's owner only");
    const may = session.staff_mode !== "read";
    const canWrite = { order: may, change: may, delete: may };
    const items = page.map((r) =>
      describeService(
        {
          id: r.id,
          accountId: r.account_id,
          productId: r.product_id,
          label: r.label,
          status: r.status,
          parameters: json(r.parameters, {}),
          price: { amount: Number(r.price_amount), currency: r.currency },
          periodMonths: Number(r.period_months),
          paidUntil: r.paid_until === null ? null : Number(r.paid_until),
          autoRenew: Boolean(r.auto_renew),
          createdAt: Number(r.created_at),
          nextParameters: json(r.next_parameters, null),
          cancelAtPeriodEnd: Boolean(r.cancel_at_period_end),
          statusReason: r.status_reason,
        },
        productCache.get(r.product_id)?.summary,
        canWrite,
        openInvoice.get(r.id) ?? null,
      ),
    );
    const body = JSON.stringify({ items, nextCursor: rows.length > 20 ? Buffer.from(page[19].id).toString("base64url") : null });
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(body);
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});
await new Promise((resolve) => baseline.listen(0, "127.0.0.1", resolve));

process.send({ cabinetUrl, baselineUrl: `http://127.0.0.1:${baseline.address().port}`, token: signUp.token });
let inspector;
process.on("message", async (message) => {
  // The servers' CPU time so far (µs): run.mjs reads it around each side's turn, so a round also
  // says what a request costs in CPU, which a busy machine does not change the way it changes req/s.
  if (message === "cpu") {
    const { user, system } = process.cpuUsage();
    process.send({ cpu: user + system });
    return;
  }
  // profile.mjs: a V8 CPU profile of what runs between these two (one side loaded at a time).
  if (message === "profile-start") {
    inspector ??= new Session();
    inspector.connect();
    await inspector.post("Profiler.enable");
    await inspector.post("Profiler.start");
    process.send({ profiling: true });
    return;
  }
  if (message?.profileTo) {
    const { profile } = await inspector.post("Profiler.stop");
    inspector.disconnect();
    writeFileSync(message.profileTo, JSON.stringify(profile));
    process.send({ profiling: false });
    return;
  }
  if (message !== "stop") return;
  baseline.close();
  await pool.end();
  await cabinet.stop();
  await database.drop();
  process.exit(0);
});
