import { newId, type Database, type NamedMigration, type Provisioner, type ProvisionAction } from "@cabinet/core";

export type TaskStatus = "open" | "done" | "failed";
export type ProvisionRequest = Parameters<Provisioner["provision"]>[0];

/** A piece of provisioning a person does by hand: "create the VPS for svc_… with 4 GB of memory". */
export interface StaffTask {
  id: string;
  brandId: string;
  accountId: string;
  serviceId: string;
  action: ProvisionAction;
  productCode: string;
  parameters: Record<string, unknown>;
  /** The product's provisioner options, e.g. `{ instructions: "…" }` for the person doing it. */
  options: Record<string, unknown>;
  status: TaskStatus;
  /** What staff entered when marking it done (an IP address, a host name…). */
  resultData: Record<string, string> | null;
  failureReason: string | null;
  completedBy: string | null;
  createdAt: number;
  completedAt: number | null;
}

const TABLE = "provision_manual_tasks";

/** The plugin's own table: one row per provisioning call, keyed by the call's idempotency key. */
export const manualTaskMigrations: NamedMigration[] = [
  {
    name: "001_tasks",
    async up(knex) {
      await knex.schema.createTable(TABLE, (t) => {
        t.string("id", 40).primary();
        // A retried call carries the same key and so finds its task instead of adding one.
        t.string("idempotency_key", 191).notNullable().unique();
        t.string("brand_id", 40).notNullable();
        t.string("account_id", 40).notNullable();
        t.string("service_id", 40).notNullable();
        t.string("action", 16).notNullable();
        t.string("product_code", 100).notNullable();
        t.text("parameters").notNullable();
        t.text("options").notNullable();
        t.string("status", 8).notNullable();
        t.text("result_data").nullable();
        t.string("failure_reason", 500).nullable();
        t.string("completed_by", 40).nullable();
        t.bigInteger("created_at").notNullable();
        t.bigInteger("completed_at").nullable();
        // Staff list their brand's tasks by status, newest first.
        t.index(["brand_id", "status", "id"]);
        t.index(["service_id"]);
      });
    },
    async down(knex) {
      await knex.schema.dropTableIfExists(TABLE);
    },
  },
];

interface Row {
  id: string;
  idempotency_key: string;
  brand_id: string;
  account_id: string;
  service_id: string;
  action: ProvisionAction;
  product_code: string;
  parameters: string;
  options: string;
  status: TaskStatus;
  result_data: string | null;
  failure_reason: string | null;
  completed_by: string | null;
  created_at: number | string;
  completed_at: number | string | null;
}

const toTask = (r: Row): StaffTask => ({
  id: r.id,
  brandId: r.brand_id,
  accountId: r.account_id,
  serviceId: r.service_id,
  action: r.action,
  productCode: r.product_code,
  parameters: JSON.parse(r.parameters),
  options: JSON.parse(r.options),
  status: r.status,
  resultData: r.result_data === null ? null : JSON.parse(r.result_data),
  failureReason: r.failure_reason,
  completedBy: r.completed_by,
  createdAt: Number(r.created_at),
  completedAt: r.completed_at === null ? null : Number(r.completed_at),
});

export type TaskOutcome = { status: "done"; data: Record<string, string> | null } | { status: "failed"; reason: string };

export class TaskStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {}

  /** Opens the task for a provisioning call, or finds the one a previous try of it opened. */
  async open(request: ProvisionRequest): Promise<StaffTask> {
    const now = this.now();
    await this.db(TABLE)
      .insert({
        id: newId("pmt", now),
        idempotency_key: request.idempotencyKey,
        brand_id: request.brandId,
        account_id: request.accountId,
        service_id: request.serviceId,
        action: request.action,
        product_code: request.productCode,
        parameters: JSON.stringify(request.parameters),
        options: JSON.stringify(request.options),
        status: "open",
        created_at: now,
      })
      .onConflict("idempotency_key")
      .ignore();
    return toTask((await this.db<Row>(TABLE).where({ idempotency_key: request.idempotencyKey }).first())!);
  }

  /** One task of a brand; another brand's task is not found. */
  async find(brandId: string, id: string): Promise<StaffTask | undefined> {
    const row = await this.db<Row>(TABLE).where({ brand_id: brandId, id }).first();
    return row ? toTask(row) : undefined;
  }

  /** A brand's tasks, newest first, after the cursor's id; `limit + 1` rows tell whether more follow. */
  async list(brandId: string, filter: { status?: TaskStatus; serviceId?: string; before?: string; limit: number }): Promise<StaffTask[]> {
    const query = this.db<Row>(TABLE).where({ brand_id: brandId });
    if (filter.status) query.andWhere({ status: filter.status });
    if (filter.serviceId) query.andWhere({ service_id: filter.serviceId });
    if (filter.before) query.andWhere("id", "<", filter.before);
    return (await query.orderBy("id", "desc").limit(filter.limit + 1)).map(toTask);
  }

  /** Closes an open task; false when it was not open (already closed, by this call's twin or otherwise). */
  async close(brandId: string, id: string, outcome: TaskOutcome, staffId: string): Promise<boolean> {
    const changed = await this.db(TABLE)
      .where({ brand_id: brandId, id, status: "open" })
      .update({
        status: outcome.status,
        result_data: outcome.status === "done" && outcome.data ? JSON.stringify(outcome.data) : null,
        failure_reason: outcome.status === "failed" ? outcome.reason : null,
        completed_by: staffId,
        completed_at: this.now(),
      });
    return changed === 1;
  }
}
