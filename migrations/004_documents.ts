import type { Knex } from "knex";

// Documents (documents module): invoices, acts, contracts and reconciliation statements
// rendered from templates. A document's HTML is stored once and never changes; its PDF is
// printed from that HTML in the background and kept in the FileStore under `pdf_key`.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("documents", (t) => {
    t.string("id", 40).primary();
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.string("kind", 16).notNullable(); // invoice | act | contract | reconciliation
    t.string("number", 64).nullable(); // the invoice's number, the act's…; null where a document has none
    t.string("title", 200).notNullable();
    t.string("reference_type", 32).nullable(); // what it documents: invoice, contract version…
    t.string("reference_id", 64).nullable();
    // `invoice:<id>`, `act:<account>:2026-10`…: issuing the same document twice finds this row.
    t.string("dedupe_key", 160).notNullable().unique();
    t.bigInteger("period_start").nullable();
    t.bigInteger("period_end").nullable(); // exclusive
    t.string("locale", 8).notNullable();
    t.string("template_name", 200).notNullable();
    t.string("template_sha256", 64).notNullable(); // the template version it was rendered with
    t.text("html", "mediumtext").notNullable(); // MySQL's TEXT stops at 64 KB: a long statement needs more
    t.string("html_sha256", 64).notNullable();
    t.string("pdf_key", 255).nullable(); // FileStore key, null until printed
    t.string("pdf_sha256", 64).nullable();
    t.bigInteger("pdf_size").nullable();
    t.string("status", 16).notNullable(); // rendering | ready | failed
    t.string("failure_reason", 255).nullable();
    t.bigInteger("created_at").notNullable();
    t.bigInteger("rendered_at").nullable();
    t.index(["account_id", "id"]);
    t.index(["account_id", "kind", "id"]);
  });

  await knex.schema.createTable("contract_acceptances", (t) => {
    t.string("id", 40).primary();
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.string("user_id", 40).notNullable().references("id").inTable("users");
    t.string("version", 64).notNullable();
    t.string("document_id", 40).notNullable().references("id").inTable("documents");
    t.bigInteger("accepted_at").notNullable();
    t.unique(["account_id", "version"]); // an account accepts a version once
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("contract_acceptances");
  await knex.schema.dropTableIfExists("documents");
}
