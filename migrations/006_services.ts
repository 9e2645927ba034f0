import type { Knex } from "knex";

// The catalog and services modules' tables for ordering, changing, renewing and provisioning
// services. Products learn who provisions them and how a downgrade applies; prices live in
// their own table (per period and currency); services learn what a lifecycle needs; every
// status change is a `service_history` row; an order's Idempotency-Key is an `orders` row;
// a charged (service, period) is a `service_renewals` row — the database's guarantee that a
// period is paid at most once, whoever (client or billing run) renews it.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("products", (t) => {
    t.string("provisioner", 64).notNullable().defaultTo("instant"); // the `provisioner` extension's id
    t.text("provisioner_options").nullable(); // JSON, handed to the provisioner as is; null = {}
    t.string("downgrade_rule", 16).notNullable().defaultTo("next_renewal"); // next_renewal | now_with_credit
    t.bigInteger("updated_at").nullable();
  });

  await knex.schema.createTable("product_prices", (t) => {
    t.string("id", 40).primary();
    t.string("product_id", 40).notNullable().references("id").inTable("products");
    t.string("currency", 3).notNullable();
    t.integer("period_months").notNullable();
    t.bigInteger("amount").notNullable(); // minor units, for the whole period
    t.bigInteger("setup_fee").notNullable().defaultTo(0); // minor units, once, on order
    t.unique(["product_id", "currency", "period_months"]);
  });

  await knex.schema.alterTable("services", (t) => {
    t.text("next_parameters").nullable(); // JSON: a downgrade waiting for the next renewal
    t.boolean("cancel_at_period_end").notNullable().defaultTo(false);
    t.string("status_reason", 500).nullable(); // why it is in its status (a provisioning error…)
    t.bigInteger("period_start").nullable(); // start of the paid period that ends at paid_until
    t.bigInteger("order_charge").notNullable().defaultTo(0); // what the order took for it: refunded if provisioning is given up
    t.string("order_id", 40).nullable();
    t.string("provision_action", 16).nullable(); // the provisioner action being awaited, null when none
    t.integer("provision_seq").notNullable().defaultTo(0); // counts provisioning jobs: a job's id is service + action + seq
    t.index(["status", "paid_until"]);
  });

  await knex.schema.createTable("service_history", (t) => {
    t.string("id", 40).primary();
    t.string("service_id", 40).notNullable().references("id").inTable("services");
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.bigInteger("at").notNullable();
    t.string("from_status", 24).nullable(); // null for the service's creation
    t.string("to_status", 24).notNullable();
    t.string("action", 32).notNullable(); // order | paid | provisioned | change | renew | cancel | …
    t.string("actor", 16).notNullable(); // client | staff | system
    t.text("details").nullable(); // JSON
    t.index(["account_id", "service_id", "id"]);
  });

  await knex.schema.createTable("orders", (t) => {
    t.string("id", 40).primary();
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.string("idempotency_key", 100).notNullable();
    t.string("request_hash", 64).notNullable(); // SHA-256 of the canonical body: the same key with another body is refused
    t.string("status", 24).notNullable(); // paid | awaiting_payment
    t.bigInteger("total_amount").notNullable();
    t.string("currency", 3).notNullable();
    t.string("invoice_id", 40).nullable();
    t.text("response").notNullable(); // JSON: the first answer, returned again for a repeated request
    t.bigInteger("created_at").notNullable();
    t.unique(["account_id", "idempotency_key"]);
  });

  await knex.schema.createTable("service_renewals", (t) => {
    t.string("id", 40).primary();
    t.string("service_id", 40).notNullable().references("id").inTable("services");
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.bigInteger("period_start").notNullable();
    t.bigInteger("period_end").notNullable();
    t.integer("periods").notNullable();
    t.bigInteger("amount").notNullable();
    t.string("currency", 3).notNullable();
    t.string("ledger_entry_id", 40).nullable();
    t.string("invoice_id", 40).nullable();
    t.string("source", 16).notNullable(); // client | billing-run
    t.bigInteger("created_at").notNullable();
    t.unique(["service_id", "period_start"]);
    t.index(["account_id", "id"]);
    t.index(["invoice_id"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ["service_renewals", "orders", "service_history", "product_prices"]) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.schema.alterTable("services", (t) => {
    t.dropIndex(["status", "paid_until"]);
    t.dropColumns("next_parameters", "cancel_at_period_end", "status_reason", "period_start", "order_charge", "order_id", "provision_action", "provision_seq");
  });
  await knex.schema.alterTable("products", (t) => {
    t.dropColumns("provisioner", "provisioner_options", "downgrade_rule", "updated_at");
  });
}
