import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../src/db/create-database.js";
import { PreparedRead } from "../../src/db/prepared-read.js";
import { createTestDatabase } from "../support/test-database.js";

// A prepared read answers what the same knex query answers, with every call's own arguments
// bound (never the first call's), on SQLite and on MariaDB.
describe("PreparedRead", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDatabase(database.url);
    await db.schema.createTable("prepared_things", (t) => {
      t.string("id").primary();
      t.string("owner").notNullable();
      t.string("status").notNullable();
      t.bigInteger("until").notNullable();
    });
    await db("prepared_things").insert([
      { id: "a", owner: "ann", status: "live", until: 100 },
      { id: "b", owner: "ann", status: "gone", until: 300 },
      { id: "c", owner: "bob", status: "live", until: 300 },
      { id: "d", owner: "ann", status: "live", until: 50 },
    ]);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  const query = (d: Database, owner: string, after: number) =>
    d("prepared_things").where("owner", owner).where("status", "live").where("until", ">", after).orderBy("id").select("id", "until");
  const live = new PreparedRead<{ id: string; until: number }, [owner: string, after: number]>(query);

  it("answers the rows the knex query answers, for each call's arguments", async () => {
    for (const [owner, after] of [
      ["ann", 0],
      ["ann", 60],
      ["bob", 0],
      ["bob", 300],
      ["nobody", 0],
    ] as const) {
      const rows = await live.rows(db, owner, after);
      expect(rows.map((r) => ({ id: r.id, until: Number(r.until) }))).toEqual(
        (await query(db, owner, after)).map((r: { id: string; until: number }) => ({ id: r.id, until: Number(r.until) })),
      );
    }
    expect((await live.rows(db, "ann", 60)).map((r) => r.id)).toEqual(["a"]);
  });

  it("binds what it is given: a quote in an argument is data, not SQL", async () => {
    expect(await live.rows(db, "ann' OR '1'='1", 0)).toEqual([]);
  });

  it("refuses a query that does not bind an argument (its text would depend on it)", async () => {
    const spliced = new PreparedRead<{ id: string }, [id: string]>((d, id) => d("prepared_things").whereRaw(`id = '${id}'`).select("id"));
    await expect(spliced.rows(db, "a")).rejects.toThrow(/argument 0 is not a bound value/);
  });
});
