// The baseline: the billing run's renewals written by hand in batched SQL with mysql2 — the same
// rows as Cabinet's run writes. First pass, per batch, one transaction: claim the next due
// services along (status, paid_until, id) (FOR UPDATE SKIP LOCKED), read which periods are
// already recorded (bounded by the batch), lock their accounts' balances, check the ledger's
// idempotency keys, insert the ledger entries the balances cover, add them to the monthly
// rollup (ledger_monthly, one upsert), move the balances (one UPDATE … CASE), insert the
// renewals, move the services' paid-until (one UPDATE … CASE) and insert their history rows and
// their audit rows (`service.renewed`, as Cabinet's lifecycle step writes them); a service the
// balance does not cover is left for the second pass. Second pass, per group of short accounts:
// claim their due services, charge what the balance covers, read the users to notify (one
// query for the group; the fleet's accounts have none, so no notification rows on either
// side), read their default payers (one query), and issue ONE invoice per account made out to
// its payer (its snapshot on the invoice), the group's numbers taken together from the brand's
// year (one bump), all the invoices in one insert and their lines (a line per service with its
// period) in another, then the renewal rows, history rows and one audit row per invoice
// (`service.renewals_invoiced`) — as Cabinet's batch does.
// Not done here, done by Cabinet: the invoice's document (its HTML from the template, stored,
// after the commit), the event bus and the notification outbox machinery.
import { newId } from "@cabinet/core";
import { addMonths } from "../../core/dist/modules/services/service-period.js";
import { insertRows } from "../lib/cabinet.mjs";

const caseOf = (column, pairs) => ({ sql: `CASE ${column} ${pairs.map(() => "WHEN ? THEN ?").join(" ")} END`, params: pairs.flat() });

const DUE = "status = 'active' AND auto_renew = 1 AND cancel_at_period_end = 0 AND paid_until IS NOT NULL AND paid_until < ?";

/** Renews every due service in batches of `batchSize`; returns how many were renewed and invoiced. */
export async function runBaseline(pool, { dueBefore, batchSize, onProgress = () => {} }) {
  let cursor = null;
  const totals = { renewed: 0, invoiced: 0, invoices: 0 };
  const short = new Map();
  for (;;) {
    const [ids] = await pool.query(
      `SELECT id, paid_until FROM services WHERE ${DUE}${cursor ? " AND paid_until >= ? AND (paid_until > ? OR id > ?)" : ""} ORDER BY paid_until, id LIMIT ?`,
      cursor ? [dueBefore, cursor.paidUntil, cursor.paidUntil, cursor.id, batchSize] : [dueBefore, batchSize],
    );
    if (ids.length > 0) {
      await inTransaction(pool, async (connection) => {
        const [claimed] = await connection.query(`SELECT * FROM services WHERE ${DUE} AND id IN (?) ORDER BY id FOR UPDATE SKIP LOCKED`, [
          dueBefore,
          ids.map((r) => r.id),
        ]);
        await settle(connection, claimed, totals, short);
      });
    }
    onProgress(totals.renewed);
    if (ids.length < batchSize) break;
    cursor = { paidUntil: Number(ids.at(-1).paid_until), id: ids.at(-1).id };
  }
  const accounts = [...short].sort(([a], [b]) => (a < b ? -1 : 1));
  for (let i = 0; i < accounts.length;) {
    const group = [];
    for (let n = 0; i < accounts.length && (group.length === 0 || n + accounts[i][1] <= batchSize); i++) {
      group.push(accounts[i][0]);
      n += accounts[i][1];
    }
    await inTransaction(pool, async (connection) => {
      const [claimed] = await connection.query(`SELECT * FROM services WHERE ${DUE} AND account_id IN (?) ORDER BY account_id, id FOR UPDATE`, [
        dueBefore,
        group,
      ]);
      await settle(connection, claimed, totals, null);
    });
  }
  return totals;
}

async function inTransaction(pool, work) {
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    await work(connection);
    await connection.commit();
  } catch (error) {
    await connection.rollback();
    throw error;
  } finally {
    connection.release();
  }
}

const insert = (connection, table, rows) => insertRows((sql, params) => connection.query(sql, params), table, rows);

/** Charges what the balances cover; the rest is deferred (`short` given) or invoiced, one invoice per account. */
async function settle(connection, claimed, totals, short) {
  if (claimed.length === 0) return;
  const now = Date.now();
  const [recordedRows] = await connection.query("SELECT service_id, period_start FROM service_renewals WHERE service_id IN (?) AND period_start >= ?", [
    claimed.map((s) => s.id),
    Math.min(...claimed.map((s) => Number(s.paid_until))),
  ]);
  const recorded = new Set(recordedRows.map((r) => `${r.service_id}:${Number(r.period_start)}`));
  const fresh = claimed.filter((s) => !recorded.has(`${s.id}:${Number(s.paid_until)}`));
  if (fresh.length === 0) return;
  const accountIds = [...new Set(fresh.map((s) => s.account_id))].sort();
  const [balanceRows] = await connection.query("SELECT account_id, balance FROM account_balances WHERE account_id IN (?) ORDER BY account_id FOR UPDATE", [
    accountIds,
  ]);
  const balances = new Map(balanceRows.map((b) => [b.account_id, Number(b.balance)]));
  const deltas = new Map();
  const entries = [];
  const renewals = [];
  const history = [];
  const audit = [];
  const periods = [];
  const unpaid = new Map();
  for (const s of fresh) {
    const amount = Number(s.price_amount);
    const periodStart = Number(s.paid_until);
    const periodEnd = addMonths(periodStart, s.period_months);
    const after = balances.get(s.account_id) - amount;
    const description = `Renewal of ${s.label}, ${new Date(periodStart).toISOString().slice(0, 10)} – ${new Date(periodEnd).toISOString().slice(0, 10)}`;
    if (after < 0) {
      unpaid.set(s.account_id, [...(unpaid.get(s.account_id) ?? []), { s, amount, periodStart, periodEnd, description }]);
      continue;
    }
    balances.set(s.account_id, after);
    deltas.set(s.account_id, (deltas.get(s.account_id) ?? 0) - amount);
    const entryId = newId("led", now);
    entries.push({
      id: entryId,
      account_id: s.account_id,
      currency: s.currency,
      amount: -amount,
      kind: "charge",
      reference_type: "service",
      reference_id: s.id,
      description,
      idempotency_key: `renewal:${s.id}:${periodStart}`,
      balance_after: after,
      created_at: now,
    });
    renewals.push({
      id: newId("rnw", now),
      service_id: s.id,
      account_id: s.account_id,
      period_start: periodStart,
      period_end: periodEnd,
      periods: 1,
      amount,
      currency: s.currency,
      ledger_entry_id: entryId,
      invoice_id: null,
      source: "billing-run",
      created_at: now,
    });
    history.push({
      id: newId("shi", now),
      service_id: s.id,
      account_id: s.account_id,
      at: now,
      from_status: s.status,
      to_status: s.status,
      action: "renew",
      actor: "system",
      details: JSON.stringify({ periods: 1, amount, paidUntil: periodEnd }),
    });
    audit.push(
      auditRow(now, s.account_id, "service.renewed", "service", s.id, { paidUntil: periodEnd, periods: 1, source: "billing-run", amount, by: "system" }),
    );
    periods.push({ id: s.id, start: addMonths(periodEnd, -s.period_months), end: periodEnd });
  }
  if (entries.length > 0) {
    // The idempotency keys are checked as Cabinet's ledger does: one indexed lookup for the batch.
    await connection.query("SELECT id FROM ledger_entries WHERE idempotency_key IN (?)", [entries.map((e) => e.idempotency_key)]);
    await insert(connection, "ledger_entries", entries);
    // The monthly rollup, in the same transaction: one upsert, rows in key order.
    const monthly = new Map();
    for (const e of entries) {
      const month = Date.UTC(new Date(e.created_at).getUTCFullYear(), new Date(e.created_at).getUTCMonth(), 1);
      const key = `${e.account_id} ${String(month).padStart(15, "0")} charge`;
      const row = monthly.get(key) ?? { account_id: e.account_id, month, kind: "charge", total: 0, entries: 0 };
      row.total += e.amount;
      row.entries++;
      monthly.set(key, row);
    }
    const sums = [...monthly].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, r]) => r);
    await connection.query(
      `INSERT INTO ledger_monthly (account_id, month, kind, total, entries) VALUES ${sums.map(() => "(?, ?, ?, ?, ?)").join(", ")} ` +
        "ON DUPLICATE KEY UPDATE total = ledger_monthly.total + VALUES(total), entries = ledger_monthly.entries + VALUES(entries)",
      sums.flatMap((r) => [r.account_id, r.month, r.kind, r.total, r.entries]),
    );
    const delta = caseOf("account_id", [...deltas]);
    await connection.query(`UPDATE account_balances SET balance = balance + ${delta.sql}, updated_at = ? WHERE account_id IN (?)`, [
      ...delta.params,
      now,
      [...deltas.keys()],
    ]);
    const start = caseOf(
      "id",
      periods.map((p) => [p.id, p.start]),
    );
    const end = caseOf(
      "id",
      periods.map((p) => [p.id, p.end]),
    );
    await connection.query(`UPDATE services SET period_start = ${start.sql}, paid_until = ${end.sql}, updated_at = ? WHERE id IN (?)`, [
      ...start.params,
      ...end.params,
      now,
      periods.map((p) => p.id),
    ]);
  }
  totals.renewed += periods.length;
  if (short) {
    for (const [accountId, list] of unpaid) short.set(accountId, (short.get(accountId) ?? 0) + list.length);
  } else {
    if (unpaid.size) {
      const [[brand]] = await connection.query("SELECT id, invoice_prefix, vat_rate_bp FROM brands WHERE slug = 'demo'");
      const year = new Date(now).getUTCFullYear();
      const accountIds = [...unpaid.keys()];
      // Whom to tell: the short accounts' users, one read for the group (none in the fleet: no notification rows).
      await connection.query("SELECT id, account_id, role, permissions, status FROM users WHERE account_id IN (?) AND status = 'active'", [accountIds]);
      // Their default payers, one read; the invoices' numbers, taken together (one bump of the sequence).
      const [payerRows] = await connection.query("SELECT * FROM payers WHERE default_for IN (?)", [accountIds]);
      const payers = new Map(payerRows.map((p) => [p.default_for, p]));
      await connection.query(
        "INSERT INTO invoice_sequences (brand_id, year, last_number) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE last_number = last_number + VALUES(last_number)",
        [brand.id, year, unpaid.size],
      );
      const [[{ last_number: last }]] = await connection.query("SELECT last_number FROM invoice_sequences WHERE brand_id = ? AND year = ? FOR UPDATE", [
        brand.id,
        year,
      ]);
      let sequence = Number(last) - unpaid.size;
      const invoices = [];
      const lines = [];
      for (const [accountId, list] of unpaid) {
        const payer = payers.get(accountId);
        const snapshot = {
          id: payer.id,
          kind: payer.kind,
          name: payer.name,
          address: payer.address,
          country: payer.country,
          registrationNumber: payer.registration_number,
          vatNumber: payer.vat_number,
          email: payer.email,
        };
        sequence++;
        const invoiceId = newId("inv", now);
        const number = `${brand.invoice_prefix}-${year}-${String(sequence).padStart(6, "0")}`;
        const subtotal = list.reduce((sum, p) => sum + p.amount, 0);
        const tax = Math.round((subtotal * Number(brand.vat_rate_bp)) / 10_000);
        invoices.push({
          id: invoiceId,
          brand_id: brand.id,
          account_id: accountId,
          number,
          year,
          sequence,
          status: "issued",
          purpose: "renewal",
          currency: "USD",
          subtotal_amount: subtotal,
          tax_amount: tax,
          total_amount: subtotal + tax,
          tax_rate_bp: brand.vat_rate_bp,
          tax_inclusive: 0,
          issued_at: now,
          // Due when the first of its services stops being paid for (at least a day from now).
          due_at: now + Math.min(...list.map((p) => Math.max(1, Math.ceil((p.periodStart - now) / DAY_MS)))) * DAY_MS,
          paid_at: null,
          voided_at: null,
          payer_id: payer.id,
          payer_details: JSON.stringify(snapshot),
          tax_note: null,
          paid_method: null,
        });
        lines.push(
          ...list.map((p, position) => ({
            id: newId("inl", now),
            invoice_id: invoiceId,
            position,
            description: p.description,
            quantity: 1,
            unit_amount: p.amount,
            amount: p.amount,
            service_id: p.s.id,
            period_months: p.s.period_months,
            period_start: p.periodStart,
            period_end: p.periodEnd,
          })),
        );
        audit.push(
          auditRow(now, accountId, "service.renewals_invoiced", "invoice", invoiceId, {
            invoiceNumber: number,
            services: list.map((p) => p.s.id),
            paidUntil: Math.min(...list.map((p) => p.periodStart)),
            by: "system",
          }),
        );
        for (const p of list) {
          renewals.push({
            id: newId("rnw", now),
            service_id: p.s.id,
            account_id: accountId,
            period_start: p.periodStart,
            period_end: p.periodEnd,
            periods: 1,
            amount: p.amount,
            currency: "USD",
            ledger_entry_id: null,
            invoice_id: invoiceId,
            source: "billing-run",
            created_at: now,
          });
          history.push({
            id: newId("shi", now),
            service_id: p.s.id,
            account_id: accountId,
            at: now,
            from_status: p.s.status,
            to_status: p.s.status,
            action: "renewal_invoiced",
            actor: "system",
            details: JSON.stringify({ invoiceId, periods: 1, amount: p.amount }),
          });
        }
        totals.invoiced += list.length;
        totals.invoices++;
      }
      await insert(connection, "invoices", invoices);
      await insert(connection, "invoice_lines", lines);
    }
  }
  await insert(connection, "service_renewals", renewals);
  await insert(connection, "service_history", history);
  await insert(connection, "audit_entries", audit);
}

/** An audit row as Cabinet's log writes one for the system (the billing run). */
const auditRow = (now, accountId, action, targetType, targetId, details) => ({
  id: newId("aud", now),
  account_id: accountId,
  at: now,
  actor_kind: "system",
  actor_id: null,
  actor_name: "system",
  staff_id: null,
  ip: null,
  user_agent: null,
  action,
  target_type: targetType,
  target_id: targetId,
  details: JSON.stringify(details),
});

const DAY_MS = 86_400_000;
