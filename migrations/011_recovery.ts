import type { Knex } from "knex";

// Recovery sweeps (services module): when a service's awaited provisioner action was asked for,
// so a sweep can tell an action whose job was lost with a dead process (older than
// `recovery.provisioningAfterMs`) from one still in the queue. Null on rows from before: those
// count as old, so the first sweep after the upgrade asks for them again.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("services", (t) => {
    t.bigInteger("provision_requested_at").nullable();
    t.index(["provision_action", "provision_requested_at"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("services", (t) => {
    t.dropIndex(["provision_action", "provision_requested_at"]);
    t.dropColumn("provision_requested_at");
  });
}
