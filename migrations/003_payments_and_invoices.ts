import type { Knex } from "knex";

// Brand finance settings (brands module), payments and webhook deliveries (payments module),
// invoices with gap-free numbering (invoices module).

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("brands", (t) => {
    t.text("legal_details").nullable(); // JSON: legal name, address, tax id, bank details
    t.integer("vat_rate_bp").notNullable().defaultTo(0); // basis points: 2000 = 20 %
    t.boolean("vat_inclusive").notNullable().defaultTo(true); // prices include VAT
    t.string("invoice_prefix", 16).notNullable().defaultTo("INV");
    t.bigInteger("top_up_min_amount").notNullable().defaultTo(500);
    t.bigInteger("top_up_max_amount").notNullable().defaultTo(1_000_000);
  });

  await knex.schema.createTable("payments", (t) => {
    t.string("id", 40).primary(); // minted before the gateway is called
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.string("gateway", 40).notNullable();
    t.bigInteger("amount").notNullable();
    t.string("currency", 3).notNullable();
    t.string("status", 16).notNullable(); // pending | succeeded | failed
    t.string("purpose", 16).notNullable(); // top_up | invoices
    t.text("invoice_ids").notNullable(); // JSON array
    t.string("gateway_reference", 255).nullable();
    t.text("next_action").nullable(); // JSON: what the client must do (redirect, instructions)
    t.string("failure_reason", 255).nullable();
    t.bigInteger("received_amount").nullable(); // what the gateway says arrived
    t.bigInteger("refunded_amount").notNullable().defaultTo(0);
    t.bigInteger("created_at").notNullable();
    t.bigInteger("updated_at").notNullable();
    t.bigInteger("settled_at").nullable();
    t.index(["account_id", "id"]);
    t.index(["gateway", "gateway_reference"]);
  });

  await knex.schema.createTable("webhook_events", (t) => {
    t.string("id", 40).primary();
    t.string("gateway", 40).notNullable();
    t.string("event_id", 255).notNullable();
    t.string("payment_id", 40).nullable();
    t.string("outcome", 32).notNullable();
    t.bigInteger("received_at").notNullable();
    t.unique(["gateway", "event_id"]); // a replayed or duplicated delivery is recognised
  });

  await knex.schema.createTable("refunds", (t) => {
    t.string("id", 40).primary();
    t.string("payment_id", 40).notNullable().references("id").inTable("payments");
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.bigInteger("amount").notNullable();
    t.string("currency", 3).notNullable();
    t.string("status", 16).notNullable(); // pending | refunded | failed
    t.string("reason", 255).notNullable();
    t.string("gateway_reference", 255).nullable();
    t.string("failure_reason", 255).nullable();
    t.bigInteger("created_at").notNullable();
    t.bigInteger("updated_at").notNullable();
    t.index(["payment_id"]);
  });

  await knex.schema.createTable("invoice_sequences", (t) => {
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.integer("year").notNullable();
    t.integer("last_number").notNullable();
    t.primary(["brand_id", "year"]);
  });

  await knex.schema.createTable("invoices", (t) => {
    t.string("id", 40).primary();
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.string("number", 40).notNullable();
    t.integer("year").notNullable();
    t.integer("sequence").notNullable();
    t.string("status", 16).notNullable(); // issued | paid | void
    t.string("purpose", 24).notNullable(); // order | renewal | manual
    t.string("currency", 3).notNullable();
    t.bigInteger("subtotal_amount").notNullable();
    t.bigInteger("tax_amount").notNullable();
    t.bigInteger("total_amount").notNullable();
    t.integer("tax_rate_bp").notNullable();
    t.boolean("tax_inclusive").notNullable();
    t.bigInteger("issued_at").notNullable();
    t.bigInteger("due_at").notNullable();
    t.bigInteger("paid_at").nullable();
    t.bigInteger("voided_at").nullable();
    t.unique(["brand_id", "number"]);
    t.unique(["brand_id", "year", "sequence"]);
    t.index(["account_id", "id"]);
    t.index(["account_id", "status"]);
  });

  await knex.schema.createTable("invoice_lines", (t) => {
    t.string("id", 40).primary();
    t.string("invoice_id", 40).notNullable().references("id").inTable("invoices");
    t.integer("position").notNullable();
    t.string("description", 255).notNullable();
    t.integer("quantity").notNullable();
    t.bigInteger("unit_amount").notNullable();
    t.bigInteger("amount").notNullable();
    t.string("service_id", 40).nullable();
    t.index(["invoice_id", "position"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ["invoice_lines", "invoices", "invoice_sequences", "refunds", "webhook_events", "payments"]) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.schema.alterTable("brands", (t) => {
    t.dropColumns("legal_details", "vat_rate_bp", "vat_inclusive", "invoice_prefix", "top_up_min_amount", "top_up_max_amount");
  });
}
