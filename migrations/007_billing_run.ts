import type { Knex } from "knex";

// The billing run's lease (core/src/jobs). On SQLite a run holds it so that only one runs at a
// time; MySQL/MariaDB runs claim services with row locks instead and never take it. A lease
// that is not renewed expires, so a run killed halfway does not block the next one for long.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("job_leases", (t) => {
    t.string("name", 64).primary(); // billing-run
    t.string("holder", 64).notNullable(); // a random id of the run holding it
    t.bigInteger("expires_at").notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("job_leases");
}
