import type { Knex } from "knex";

// The spending chart (GET /ledger/monthly) and a statement's opening balance read an account's
// sums per calendar month (UTC) and kind from this rollup, kept in the same transaction as the
// entries it sums (LedgerRepository.insertEntry/insertEntries): a few dozen rows a chart,
// however long the account's history — where summing the entries themselves, even over an
// index, grew with every entry of the months shown.
//
// `month` is the month's first instant (UTC, ms). Existing entries are summed here: per
// (account, kind, UTC day) by the database — integer arithmetic, no time zone — then per month.

const DAY = 86_400_000;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("ledger_monthly", (t) => {
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.bigInteger("month").notNullable();
    t.string("kind", 16).notNullable();
    t.bigInteger("total").notNullable();
    t.integer("entries").notNullable();
    t.primary(["account_id", "month", "kind"]);
  });
  const dayOf = knex.client.config.client === "mysql2" ? "created_at DIV 86400000" : "created_at / 86400000";
  const days = (await knex("ledger_entries")
    .select("account_id", "kind", knex.raw(`${dayOf} AS day`))
    .sum({ total: "amount" })
    .count({ entries: "*" })
    .groupBy("account_id", "kind", "day")) as unknown as {
    account_id: string;
    kind: string;
    day: number | string;
    total: number | string;
    entries: number | string;
  }[];
  const months = new Map<string, { account_id: string; month: number; kind: string; total: number; entries: number }>();
  for (const d of days) {
    const at = new Date(Number(d.day) * DAY);
    const month = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1);
    const key = `${d.account_id} ${month} ${d.kind}`;
    const row = months.get(key) ?? { account_id: d.account_id, month, kind: d.kind, total: 0, entries: 0 };
    row.total += Number(d.total);
    row.entries += Number(d.entries);
    months.set(key, row);
  }
  const rows = [...months.values()];
  for (let i = 0; i < rows.length; i += 1000) await knex("ledger_monthly").insert(rows.slice(i, i + 1000));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("ledger_monthly");
}
