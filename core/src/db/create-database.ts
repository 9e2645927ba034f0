import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import knexFactory, { type Knex } from "knex";
import { SqliteImmediateClient } from "./sqlite-immediate-client.js";

export type Database = Knex;
export type DatabaseDialect = "sqlite" | "mysql";

/**
 * Opens the database named by `url`: `sqlite:<file>` / `sqlite::memory:` (embedded, the
 * default) or `mysql://user:password@host:port/database` (MySQL or MariaDB through mysql2).
 */
export function createDatabase(url: string, options: { poolMax?: number } = {}): Database {
  if (url.startsWith("sqlite:")) {
    const file = url.slice("sqlite:".length);
    if (file !== ":memory:") mkdirSync(dirname(resolve(file)), { recursive: true });
    return knexFactory({
      // better-sqlite3 whose write transactions take the lock up front: a second process on
      // the same file (a cron billing run next to `cabinet serve`) then waits instead of
      // failing with "database is locked" (see sqlite-immediate-client.ts).
      client: SqliteImmediateClient as unknown as string,
      connection: { filename: file },
      useNullAsDefault: true,
      pool: {
        // One connection: SQLite serializes writers anyway, and it keeps `:memory:` one database.
        min: 1,
        max: 1,
        afterCreate(conn: { pragma(sql: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
          conn.pragma("foreign_keys = ON");
          conn.pragma("journal_mode = WAL");
          conn.pragma("busy_timeout = 5000");
          done(null, conn);
        },
      },
    });
  }
  if (url.startsWith("mysql://")) {
    const parsed = new URL(url);
    return knexFactory({
      client: "mysql2",
      connection: {
        host: parsed.hostname,
        port: Number(parsed.port || 3306),
        user: decodeURIComponent(parsed.username),
        password: decodeURIComponent(parsed.password),
        database: parsed.pathname.slice(1),
        charset: "utf8mb4",
        timezone: "Z",
        // BIGINT money and instants come back as numbers while they are safe integers.
        supportBigNumbers: true,
        bigNumberStrings: false,
      },
      pool: { min: 0, max: options.poolMax ?? 10 },
    });
  }
  throw new Error(`Unsupported database URL: ${url.split(":")[0]}:… (use sqlite: or mysql://)`);
}

export function dialectOf(db: Database): DatabaseDialect {
  return db.client.config.client === "mysql2" ? "mysql" : "sqlite";
}
