import { createHash } from "node:crypto";
import type { Context } from "koa";
import { inject, injectable } from "tsyringe";
import type { Database } from "../db/create-database.js";
import { fromJson, toJson } from "../db/json.js";
import { inTransaction } from "../db/transaction.js";
import { CabinetError } from "../errors/cabinet-error.js";
import type { Clock } from "../kernel/clock.js";
import { TOKENS } from "../kernel/tokens.js";

const KEY_PATTERN = /^[\x21-\x7e]{1,100}$/;

/**
 * The request's `Idempotency-Key` header (1–100 visible ASCII characters), or undefined when
 * absent and not `required`. A missing required key or a malformed one is 400, in the usual
 * validation shape.
 */
export function idempotencyKeyOf(ctx: Context, required: boolean): string | undefined {
  const key = ctx.get("idempotency-key");
  if (key === "" && !required) return undefined;
  if (!KEY_PATTERN.test(key)) {
    throw new CabinetError("CAB_ERR_VALIDATION", {
      errors: [{ in: "header", path: "/Idempotency-Key", message: key === "" ? "is required" : "must be 1 to 100 visible ASCII characters" }],
    });
  }
  return key;
}

/** SHA-256 (hex) of `value` as JSON with object keys sorted: the same content hashes the same whatever its key order. */
export function contentHash(value: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(sortKeys(value)))
    .digest("hex");
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * One request that carries an Idempotency-Key: who sent it (`principal`: the account, or the
 * staff member), the key, what it does (`operation`, e.g. `renewService`) and its content (the
 * target and the body, hashed) — the same key with another content is refused.
 */
export interface IdempotentCall {
  principal: string;
  key: string;
  operation: string;
  request: unknown;
}

/** Builds the call of a request, or undefined when it carried no key. */
export function idempotentCall(principal: string, key: string | undefined, operation: string, request: unknown): IdempotentCall | undefined {
  return key === undefined ? undefined : { principal, key, operation, request };
}

interface StoredCall {
  request_hash: string;
  outcome: string | null;
}

/**
 * The one idempotency mechanism of the money endpoints (orders keep theirs in `orders`, with
 * the same rules): the outcome of a request is stored under its key **in the transaction that
 * does the work**, so after a crash either both are there or neither is. The same key and
 * content again answers the stored outcome without doing anything; the same key with another
 * content is 409 CAB_ERR_IDEMPOTENCY_KEY_REUSED (whichever endpoint it was first used on). A
 * request that failed stored nothing (its transaction rolled back): the same key may try again.
 *
 * Twins racing: the key is claimed first thing in the transaction, so on MariaDB a twin waits
 * at the claim until the first commits, then fails on the primary key, and `inTransaction`
 * runs it again — it then finds the stored outcome. SQLite runs one write transaction at a time.
 */
@injectable()
export class IdempotencyLog {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  /**
   * Runs `work` in a transaction, recording its outcome under `call` (a plain transaction when
   * there is no key). `work` answers something JSON can carry; `replayed` says the outcome is
   * an earlier request's, parsed back, and nothing was done this time.
   */
  async run<T>(call: IdempotentCall | undefined, work: (trx: Database) => Promise<T>): Promise<{ outcome: T; replayed: boolean }> {
    if (!call) return { outcome: await inTransaction(this.db, work), replayed: false };
    const hash = contentHash([call.operation, call.request]);
    const earlier = await this.find(this.db, call, hash);
    if (earlier) return { outcome: earlier.outcome as T, replayed: true };
    // More attempts than usual: when the first of several twins rolls back, MariaDB may end the
    // waiting ones' claims with deadlocks, each safe to run again.
    return inTransaction(
      this.db,
      async (trx) => {
        const raced = await this.find(trx, call, hash);
        if (raced) return { outcome: raced.outcome as T, replayed: true };
        await trx("idempotent_requests").insert({
          principal: call.principal,
          idempotency_key: call.key,
          operation: call.operation,
          request_hash: hash,
          outcome: null,
          created_at: this.clock.now(),
        });
        const outcome = await work(trx);
        await trx("idempotent_requests")
          .where({ principal: call.principal, idempotency_key: call.key })
          .update({ outcome: toJson(outcome ?? null) });
        return { outcome, replayed: false };
      },
      6,
    );
  }

  /**
   * The stored outcome of `call`, if it ran (409 when its key ran with another content). For a
   * use case that checks things before its transaction which a replay must skip (an invoice
   * paid since is no longer payable, yet the replay answers the payment that paid it).
   */
  async recall<T>(call: IdempotentCall | undefined): Promise<{ outcome: T } | undefined> {
    if (!call) return undefined;
    return (await this.find(this.db, call, contentHash([call.operation, call.request]))) as { outcome: T } | undefined;
  }

  private async find(db: Database, call: IdempotentCall, hash: string): Promise<{ outcome: unknown } | undefined> {
    const row = (await db("idempotent_requests").where({ principal: call.principal, idempotency_key: call.key }).first("request_hash", "outcome")) as
      StoredCall | undefined;
    if (!row) return undefined;
    if (row.request_hash !== hash) throw new CabinetError("CAB_ERR_IDEMPOTENCY_KEY_REUSED", { operation: call.operation });
    return { outcome: fromJson(row.outcome, null) };
  }
}
