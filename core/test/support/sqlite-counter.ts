import type { Database } from "../../src/db/create-database.js";

/**
 * Runs `times` transactions that each read the counter and then write it plus one (the shape
 * of a balance check then a ledger insert), yielding between them so that another process gets
 * in. Answers the errors met, by message.
 */
export async function incrementCounter(db: Database, times: number): Promise<string[]> {
  const errors: string[] = [];
  for (let i = 0; i < times; i++) {
    try {
      await db.transaction(async (trx) => {
        const row = (await trx("counter").where({ id: 1 }).first()) as { n: number };
        await trx("counter")
          .where({ id: 1 })
          .update({ n: row.n + 1 });
      });
    } catch (error) {
      errors.push((error as Error).message);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return errors;
}
