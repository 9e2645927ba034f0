// The baseline: the billing run's renewals written by hand in batched SQL with mysql2 — per
// batch, one transaction: claim the next due services (FOR UPDATE SKIP LOCKED), lock their
// accounts' balances, insert the ledger entries, move the balances (one UPDATE … CASE), insert
// the renewals, move the services' paid-until (one UPDATE … CASE) and insert their history
// rows. Every account has the money, as the fleet is made; nothing else is checked.
import { newId } from "@cabinet/core";

function addMonths(at, months) {
  const date = new Date(at);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  date.setUTCDate(Math.min(day, new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate()));
  return date.getTime();
}

const values = (rows, columns) => ({
  sql: rows.map(() => `(${columns.map(() => "?").join(",")})`).join(","),
  params: rows.flatMap((r) => columns.map((c) => r[c])),
});
const caseOf = (column, pairs) => ({ sql: `CASE ${column} ${pairs.map(() => "WHEN ? THEN ?").join(" ")} END`, params: pairs.flat() });

/** Renews every due service in batches of `batchSize`; returns how many. */
export async function runBaseline(pool, { dueBefore, batchSize, onProgress = () => {} }) {
  let afterId = "";
  let renewed = 0;
  for (;;) {
    const connection = await pool.getConnection();
    let claimed;
    try {
      await connection.beginTransaction();
      [claimed] = await connection.query(
        "SELECT id, account_id, status, price_amount, currency, period_months, paid_until FROM services " +
          "WHERE status IN ('active','suspended') AND auto_renew = 1 AND cancel_at_period_end = 0 AND paid_until IS NOT NULL AND paid_until < ? AND id > ? " +
          "ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
        [dueBefore, afterId, batchSize],
      );
      if (claimed.length > 0) {
        const now = Date.now();
        const accountIds = [...new Set(claimed.map((s) => s.account_id))].sort();
        const [balanceRows] = await connection.query("SELECT account_id, balance FROM account_balances WHERE account_id IN (?) ORDER BY account_id FOR UPDATE", [accountIds]);
        const balances = new Map(balanceRows.map((b) => [b.account_id, Number(b.balance)]));
        const deltas = new Map();
        const entries = [];
        const renewals = [];
        const history = [];
        const periods = [];
        for (const s of claimed) {
          const amount = Number(s.price_amount);
          const periodStart = Number(s.paid_until);
          const periodEnd = addMonths(periodStart, s.period_months);
          const after = balances.get(s.account_id) - amount;
          balances.set(s.account_id, after);
          deltas.set(s.account_id, (deltas.get(s.account_id) ?? 0) - amount);
          const entryId = newId("led", now);
          entries.push({ id: entryId, account_id: s.account_id, currency: s.currency, amount: -amount, kind: "charge", reference_type: "service", reference_id: s.id, description: `Renewal of ${s.id}`, idempotency_key: `renewal:${s.id}:${periodStart}`, balance_after: after, created_at: now });
          renewals.push({ id: newId("rnw", now), service_id: s.id, account_id: s.account_id, period_start: periodStart, period_end: periodEnd, periods: 1, amount, currency: s.currency, ledger_entry_id: entryId, invoice_id: null, source: "billing-run", created_at: now });
          history.push({ id: newId("shi", now), service_id: s.id, account_id: s.account_id, at: now, from_status: s.status, to_status: s.status, action: "renew", actor: "system", details: JSON.stringify({ periods: 1, amount, paidUntil: periodEnd }) });
          periods.push({ id: s.id, start: addMonths(periodEnd, -s.period_months), end: periodEnd });
        }
        const entryValues = values(entries, Object.keys(entries[0]));
        await connection.query(`INSERT INTO ledger_entries (${Object.keys(entries[0]).join(",")}) VALUES ${entryValues.sql}`, entryValues.params);
        const delta = caseOf("account_id", [...deltas]);
        await connection.query(`UPDATE account_balances SET balance = balance + ${delta.sql}, updated_at = ? WHERE account_id IN (?)`, [...delta.params, now, [...deltas.keys()]]);
        const renewalValues = values(renewals, Object.keys(renewals[0]));
        await connection.query(`INSERT INTO service_renewals (${Object.keys(renewals[0]).join(",")}) VALUES ${renewalValues.sql}`, renewalValues.params);
        const start = caseOf("id", periods.map((p) => [p.id, p.start]));
        const end = caseOf("id", periods.map((p) => [p.id, p.end]));
        await connection.query(`UPDATE services SET period_start = ${start.sql}, paid_until = ${end.sql}, updated_at = ? WHERE id IN (?)`, [...start.params, ...end.params, now, periods.map((p) => p.id)]);
        const historyValues = values(history, Object.keys(history[0]));
        await connection.query(`INSERT INTO service_history (${Object.keys(history[0]).join(",")}) VALUES ${historyValues.sql}`, historyValues.params);
      }
      await connection.commit();
    } catch (error) {
      await connection.rollback();
      throw error;
    } finally {
      connection.release();
    }
    renewed += claimed.length;
    onProgress(renewed);
    if (claimed.length < batchSize) return renewed;
    afterId = claimed.at(-1).id;
  }
}
