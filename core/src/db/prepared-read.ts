import type { Knex } from "knex";
import { dialectOf, type Database, type DatabaseDialect } from "./create-database.js";

/** Stands for the i-th argument while the query is built; never sent to the database. */
const placeholder = (i: number) => `\u0000cabinet-argument-${i}\u0000`;

interface Compiled {
  sql: string;
  /** The built query's bindings, with the index of the argument in the slots an argument fills. */
  bindings: { argument: number | null; value: unknown }[];
}

/**
 * A read of fixed shape run on every request (the session behind a signed-in call), its SQL
 * built by knex once per dialect and then run as that text with the arguments bound: knex's
 * query building is a good part of a cheap request's CPU. Only for queries whose text never
 * depends on the arguments (no `whereIn` of a list, no optional clause): `build` is called once,
 * with stand-ins for the arguments, each of which must end up a bound value (checked).
 */
export class PreparedRead<Row, Args extends unknown[]> {
  private readonly compiled = new Map<DatabaseDialect, Compiled>();

  constructor(private readonly build: (db: Database, ...args: Args) => Knex.QueryBuilder) {}

  async rows(db: Database, ...args: Args): Promise<Row[]> {
    const dialect = dialectOf(db);
    let compiled = this.compiled.get(dialect);
    if (!compiled) {
      compiled = compile(db, this.build, args.length);
      this.compiled.set(dialect, compiled);
    }
    const result: unknown = await db.raw(compiled.sql, compiled.bindings.map((b) => (b.argument === null ? b.value : args[b.argument])) as Knex.RawBinding[]);
    // mysql2 answers [rows, fields]; better-sqlite3 the rows.
    return (dialect === "mysql" ? (result as [Row[]])[0] : result) as Row[];
  }
}

function compile<Args extends unknown[]>(db: Database, build: (db: Database, ...args: Args) => Knex.QueryBuilder, count: number): Compiled {
  const stand = Array.from({ length: count }, (_, i) => placeholder(i));
  const { sql, bindings } = build(db, ...(stand as Args)).toSQL();
  const slots = bindings.map((value) => ({ argument: typeof value === "string" && stand.includes(value) ? stand.indexOf(value) : null, value }));
  for (let i = 0; i < count; i++) {
    if (sql.includes(stand[i]) || !slots.some((s) => s.argument === i)) throw new Error(`PreparedRead: argument ${i} is not a bound value of the query`);
  }
  return { sql, bindings: slots };
}
