import { newId, type Database, type NamedMigration } from "@cabinet/core";

export type CheckoutStatus = "open" | "awaiting_confirmation" | "succeeded" | "declined" | "canceled";

export interface Checkout {
  id: string;
  paymentId: string;
  amount: number;
  currency: string;
  description: string;
  status: CheckoutStatus;
  returnUrl: string;
  cancelUrl: string;
  refundedAmount: number;
}

/** The sandbox's own table: its checkouts, as a real gateway keeps them on its side. */
export const sandboxMigrations: NamedMigration[] = [
  {
    name: "001_checkouts",
    async up(knex) {
      await knex.schema.createTable("payment_sandbox_checkouts", (t) => {
        t.string("id", 40).primary();
        t.string("payment_id", 40).notNullable().unique(); // a retried start finds its checkout
        t.bigInteger("amount").notNullable();
        t.string("currency", 3).notNullable();
        t.string("description", 255).notNullable();
        t.string("status", 24).notNullable();
        t.string("return_url", 2000).notNullable();
        t.string("cancel_url", 2000).notNullable();
        t.bigInteger("refunded_amount").notNullable().defaultTo(0);
        t.bigInteger("created_at").notNullable();
        t.bigInteger("updated_at").notNullable();
      });
    },
    async down(knex) {
      await knex.schema.dropTableIfExists("payment_sandbox_checkouts");
    },
  },
];

interface Row {
  id: string;
  payment_id: string;
  amount: number;
  currency: string;
  description: string;
  status: CheckoutStatus;
  return_url: string;
  cancel_url: string;
  refunded_amount: number;
}

const toCheckout = (r: Row): Checkout => ({
  id: r.id,
  paymentId: r.payment_id,
  amount: Number(r.amount),
  currency: r.currency,
  description: r.description,
  status: r.status,
  returnUrl: r.return_url,
  cancelUrl: r.cancel_url,
  refundedAmount: Number(r.refunded_amount),
});

export class CheckoutStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {}

  /** Opens a checkout for a payment, or finds the one already opened for it. */
  async open(input: Omit<Checkout, "id" | "status" | "refundedAmount">): Promise<Checkout> {
    const existing = await this.byPayment(input.paymentId);
    if (existing) return existing;
    const now = this.now();
    await this.db("payment_sandbox_checkouts")
      .insert({
        id: newId("sbx", now),
        payment_id: input.paymentId,
        amount: input.amount,
        currency: input.currency,
        description: input.description.slice(0, 255),
        status: "open",
        return_url: input.returnUrl,
        cancel_url: input.cancelUrl,
        created_at: now,
        updated_at: now,
      })
      .onConflict("payment_id")
      .ignore();
    return (await this.byPayment(input.paymentId))!;
  }

  async find(id: string): Promise<Checkout | undefined> {
    const row = await this.db<Row>("payment_sandbox_checkouts").where({ id }).first();
    return row ? toCheckout(row) : undefined;
  }

  private async byPayment(paymentId: string): Promise<Checkout | undefined> {
    const row = await this.db<Row>("payment_sandbox_checkouts").where({ payment_id: paymentId }).first();
    return row ? toCheckout(row) : undefined;
  }

  /** Moves a checkout on, only from the states given: a double submit changes it once. */
  async move(id: string, from: CheckoutStatus[], to: CheckoutStatus): Promise<boolean> {
    return (await this.db("payment_sandbox_checkouts").where({ id }).whereIn("status", from).update({ status: to, updated_at: this.now() })) === 1;
  }

  async addRefund(id: string, seen: number, amount: number): Promise<boolean> {
    return (
      (await this.db("payment_sandbox_checkouts")
        .where({ id, refunded_amount: seen })
        .update({ refunded_amount: seen + amount, updated_at: this.now() })) === 1
    );
  }
}
