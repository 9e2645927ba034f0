import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allMigrations, StaticMigrationSource } from "../../src/db/migrate.js";
import { coreMigrations } from "@cabinet/migrations";
import { SeedDemo } from "../../src/seed/seed-demo.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet({ seed: false });
});
afterAll(() => t.close());

async function counts() {
  const tables = ["brands", "products", "accounts", "users", "services", "invoices"];
  const result: Record<string, number> = {};
  for (const table of tables) result[table] = Number((await t.cabinet.db(table).count({ n: "*" }))[0].n);
  return result;
}

describe("migrations", () => {
  it("are applied once: a second run finds nothing to do", async () => {
    expect(await t.cabinet.migrate()).toEqual([]);
    const applied = await t.cabinet.db("cabinet_migrations").select("name");
    expect(applied.map((r: { name: string }) => r.name)).toEqual(coreMigrations.map((m) => m.name));
  });

  it("roll back to nothing and forward again", async () => {
    const config = { migrationSource: new StaticMigrationSource(allMigrations()), tableName: "cabinet_migrations" };
    await t.cabinet.db.migrate.rollback(config, true);
    expect(await t.cabinet.db.schema.hasTable("services")).toBe(false);
    expect(await t.cabinet.db.schema.hasTable("brands")).toBe(false);
    expect(await t.cabinet.migrate()).toEqual(coreMigrations.map((m) => m.name));
    expect(await t.cabinet.db.schema.hasTable("services")).toBe(true);
    // Every migration down and up again: on MariaDB on a busy machine that takes more than the default 20 s.
  }, 60_000);
});

describe("the demo seed", () => {
  it("creates the demo brand, catalog and clients, and changes nothing when run again", async () => {
    const progress: string[] = [];
    await t.cabinet.container.resolve(SeedDemo).execute((m) => progress.push(m));
    const first = await counts();
    // An open invoice for each service awaiting payment: Alice's server and Carol's VPS.
    expect(first).toEqual({ brands: 2, products: 4, accounts: 3, users: 3, services: 8, invoices: 2 });
    expect(progress).toContainEqual(expect.stringMatching(/client 3\/3/));
    const usersBefore = await t.cabinet.db("users").select("id", "password_hash").orderBy("id");
    await t.cabinet.container.resolve(SeedDemo).execute();
    expect(await counts()).toEqual(first);
    expect(await t.cabinet.db("users").select("id", "password_hash").orderBy("id")).toEqual(usersBefore);
  });

  it("lets the demo clients sign in and see services in several states", async () => {
    const signIn = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: "alice@example.com", password: "northwind-demo", mode: "bearer" } });
    expect(signIn.status).toBe(200);
    const services = await t.request("GET", "/api/v1/services", { token: signIn.body.token });
    expect(new Set(services.body.items.map((s: { status: string }) => s.status))).toEqual(new Set(["active", "suspended", "pending_payment", "cancelled"]));
  });
});
