/** A fresh `Idempotency-Key`: random, 32 hex digits (the API takes 1 to 100 characters). */
export function newIdempotencyKey(random: Pick<Crypto, "getRandomValues"> = globalThis.crypto): string {
  // randomUUID exists only in secure contexts; getRandomValues everywhere.
  const bytes = random.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The `Idempotency-Key` of one attempt at a write (an order, a change): the same key for the
 * same request until its outcome is known, so a double click, or "Try again" after the answer
 * was lost on the way, makes one order; a new key once the client changes what they ask for
 * or the last attempt has been answered.
 */
export class WriteAttempt {
  private pending: { body: string; key: string } | null = null;

  constructor(private readonly makeKey: () => string = () => newIdempotencyKey()) {}

  /** The key to send `body` with. */
  keyFor(body: unknown): string {
    const text = JSON.stringify(body);
    if (this.pending?.body !== text) this.pending = { body: text, key: this.makeKey() };
    return this.pending.key;
  }

  /**
   * The server answered (an order, or a refusal such as 422): the next attempt is a new one.
   * After a failure that may not have reached the server (no answer, a 5xx) keep the key.
   */
  settled(): void {
    this.pending = null;
  }

  /**
   * Sends `body` through `send` under this attempt's key, and settles the attempt once the
   * server answered (a failure without an answer, or a 5xx, keeps the key for "Try again").
   */
  async send<T>(body: unknown, send: (key: string) => Promise<T>): Promise<T> {
    const key = this.keyFor(body);
    try {
      const result = await send(key);
      this.settled();
      return result;
    } catch (cause) {
      const status = (cause as { status?: unknown } | null)?.status;
      if (!(typeof status === "number" && outcomeUnknown(status))) this.settled();
      throw cause;
    }
  }
}

/** Whether a failed write may have happened all the same: nothing came back, or the server failed. */
export function outcomeUnknown(status: number): boolean {
  return status === 0 || status >= 500;
}
