import type { Database, NamedMigration, ProvisionAction } from "@cabinet/core";

const TABLE = "provision_http_pending";

/** The plugin's own table: the actions a provider accepted with 202, which only it may report on. */
export const pendingActionMigrations: NamedMigration[] = [
  {
    name: "001_pending_actions",
    async up(knex) {
      await knex.schema.createTable(TABLE, (t) => {
        t.string("service_id", 40).notNullable();
        t.string("action", 16).notNullable();
        t.string("idempotency_key", 191).notNullable();
        t.string("reference", 200).notNullable();
        t.bigInteger("accepted_at").notNullable();
        // The latest call of an action is the one a callback answers.
        t.primary(["service_id", "action"]);
      });
    },
    async down(knex) {
      await knex.schema.dropTableIfExists(TABLE);
    },
  },
];

/**
 * Which actions this plugin's provider accepted for later: a callback is believed only for
 * them, so a provider cannot report on a service it was never asked about (one provisioned by
 * hand, say). Kept after the callback, so a provider that repeats one gets 200 again.
 */
export class PendingActions {
  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {}

  async record(accepted: { serviceId: string; action: ProvisionAction; idempotencyKey: string; reference: string }): Promise<void> {
    await this.db(TABLE)
      .insert({
        service_id: accepted.serviceId,
        action: accepted.action,
        idempotency_key: accepted.idempotencyKey,
        reference: accepted.reference,
        accepted_at: this.now(),
      })
      .onConflict(["service_id", "action"])
      .merge(["idempotency_key", "reference", "accepted_at"]);
  }

  async wasAccepted(serviceId: string, action: ProvisionAction): Promise<boolean> {
    return (await this.db(TABLE).where({ service_id: serviceId, action }).first()) !== undefined;
  }
}
