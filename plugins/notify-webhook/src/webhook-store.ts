import type { Database, NamedMigration } from "@cabinet/core";

/** The plugin's own table: the endpoint each account set. */
export const webhookMigrations: NamedMigration[] = [
  {
    name: "001_endpoints",
    async up(knex) {
      await knex.schema.createTable("notify_webhook_endpoints", (t) => {
        t.string("account_id", 40).primary();
        // The owner who set it: the notifications addressed to them are the account's.
        t.string("owner_user_id", 40).notNullable().index();
        t.string("url", 2000).notNullable();
        t.string("secret", 200).notNullable();
        t.bigInteger("created_at").notNullable();
        t.bigInteger("updated_at").notNullable();
      });
    },
    async down(knex) {
      await knex.schema.dropTableIfExists("notify_webhook_endpoints");
    },
  },
];

export interface WebhookEndpoint {
  url: string;
  secret: string;
}

export class WebhookStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {}

  async ofAccount(accountId: string): Promise<WebhookEndpoint | undefined> {
    const row = await this.db("notify_webhook_endpoints").where({ account_id: accountId }).first("url", "secret");
    return row ? { url: row.url, secret: row.secret } : undefined;
  }

  async ofOwner(userId: string): Promise<WebhookEndpoint | undefined> {
    const row = await this.db("notify_webhook_endpoints").where({ owner_user_id: userId }).first("url", "secret");
    return row ? { url: row.url, secret: row.secret } : undefined;
  }

  async save(accountId: string, ownerUserId: string, endpoint: WebhookEndpoint): Promise<void> {
    const now = this.now();
    await this.db("notify_webhook_endpoints")
      .insert({ account_id: accountId, owner_user_id: ownerUserId, url: endpoint.url, secret: endpoint.secret, created_at: now, updated_at: now })
      .onConflict("account_id")
      .merge(["owner_user_id", "url", "secret", "updated_at"]);
  }

  async remove(accountId: string): Promise<void> {
    await this.db("notify_webhook_endpoints").where({ account_id: accountId }).delete();
  }
}
