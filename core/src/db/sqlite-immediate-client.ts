import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// knex ships its dialects as CommonJS classes without typings for subclassing; only these two
// are extended here.
type Ctor = new (...args: unknown[]) => object;
const ClientBetterSqlite3 = require("knex/lib/dialects/better-sqlite3/index.js") as Ctor;
const TransactionSqlite = require("knex/lib/dialects/sqlite3/execution/sqlite-transaction.js") as Ctor;

/**
 * A transaction that takes SQLite's write lock when it begins.
 *
 * knex begins every SQLite transaction with a plain (deferred) `BEGIN;`. In WAL mode a deferred
 * transaction that reads and then writes fails at once with SQLITE_BUSY ("database is locked",
 * SQLITE_BUSY_SNAPSHOT) when another process wrote between its read and its write — the busy
 * timeout cannot help, since waiting would not make its snapshot current. `BEGIN IMMEDIATE`
 * waits (up to the busy timeout) for the write lock before reading anything, so two processes
 * on one file (`cabinet serve` and a cron `cabinet billing-run`) queue up instead of failing.
 * Inside one process nothing changes: the pool holds one connection, so transactions already
 * run one after another. Nested transactions still use savepoints (knex calls `savepoint`,
 * not `begin`, for them).
 */
class ImmediateTransaction extends TransactionSqlite {
  begin(conn: unknown): Promise<unknown> {
    const self = this as unknown as {
      isolationLevel?: string;
      client: { logger: { warn(message: string): void } };
      query(conn: unknown, sql: string): Promise<unknown>;
    };
    if (self.isolationLevel) self.client.logger.warn("sqlite3 only supports serializable transactions, ignoring the isolation level param");
    return self.query(conn, "BEGIN IMMEDIATE;");
  }
}

/** knex's better-sqlite3 client, its transactions beginning immediately (see above). */
export class SqliteImmediateClient extends ClientBetterSqlite3 {
  transaction(...args: unknown[]): object {
    return new ImmediateTransaction(this, ...args);
  }
}
