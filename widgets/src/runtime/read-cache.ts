/**
 * The reads that several widgets of one page share (the balance, the catalog, the payment
 * methods), kept once per page: a second widget asking for the same resource gets the first
 * one's answer (or joins its request still in flight) instead of asking the server again.
 *
 * Entries are keyed by the resource's URL (path and query). What is kept is dropped:
 * - by any write of the session (`POST`, `PATCH`, `DELETE`; reads sent as POST aside);
 * - when the session changes (signed in, signed out, another user, consents given);
 * - when a widget tells the others that something changed (its family's news);
 * so a widget that loads again after a change always gets fresh figures. A failed read is not
 * kept: the next one (a "Try again") asks the server.
 *
 * Each caller gets its own copy of the answer (a widget may change what it received) and its
 * own abort: one widget giving up does not cancel the request for the others; the request is
 * cancelled only when every caller has given up.
 */
export class ReadCache {
  private entries = new Map<string, Entry>();

  /** The answer for `key`: kept, in flight, or fetched now by `load`. */
  read<T>(key: string, load: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      const controller = new AbortController();
      const entries = this.entries;
      const created: Entry = { controller, waiting: 0, promise: load(controller.signal) };
      created.promise.catch(() => {
        // Not kept: the next read asks again (unless the cache was emptied meanwhile).
        if (entries.get(key) === created) entries.delete(key);
      });
      entries.set(key, created);
      entry = created;
    }
    return this.join(key, entry, signal) as Promise<T>;
  }

  /** Forgets every kept answer; requests in flight finish for their callers but are not kept. */
  clear(): void {
    this.entries = new Map();
  }

  get size(): number {
    return this.entries.size;
  }

  private join(key: string, entry: Entry, signal?: AbortSignal): Promise<unknown> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    entry.waiting++;
    return new Promise((resolve, reject) => {
      let done = false;
      const finish = () => {
        done = true;
        entry.waiting--;
        signal?.removeEventListener("abort", onAbort);
      };
      const onAbort = () => {
        if (done) return;
        finish();
        reject(abortReason(signal!));
        // Nobody waits for it any more, and it is not kept yet: cancel it.
        if (entry.waiting === 0 && !entry.settled) {
          entry.controller.abort();
          if (this.entries.get(key) === entry) this.entries.delete(key);
        }
      };
      signal?.addEventListener("abort", onAbort);
      entry.promise.then(
        (value) => {
          entry.settled = true;
          if (done) return;
          finish();
          resolve(structuredClone(value));
        },
        (error: unknown) => {
          entry.settled = true;
          if (done) return;
          finish();
          reject(error);
        },
      );
    });
  }
}

interface Entry {
  promise: Promise<unknown>;
  controller: AbortController;
  /** Callers still waiting for the answer. */
  waiting: number;
  settled?: boolean;
}

const abortReason = (signal: AbortSignal): unknown => signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
