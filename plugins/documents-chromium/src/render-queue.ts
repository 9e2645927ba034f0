/**
 * A bounded first-in, first-out queue of documents waiting for a page. The bound keeps a
 * runaway billing run from holding thousands of HTML strings in memory behind a renderer
 * that prints a few dozen a second; the caller is told at once instead.
 *
 * @example
 * const queue = new RenderQueue<string>(2);
 * queue.offer("a"); queue.offer("b"); queue.offer("c"); // → true, true, false
 * queue.take(); // → "a"
 */
export class RenderQueue<T> {
  private items: T[] = [];

  constructor(private readonly limit: number) {}

  get length(): number {
    return this.items.length;
  }

  /** Adds at the back; `false` when the queue is full. */
  offer(item: T): boolean {
    if (this.items.length >= this.limit) return false;
    this.items.push(item);
    return true;
  }

  /**
   * Puts an admitted job back at the front (a retry after the browser died). It was already
   * accepted once, so the limit does not apply: refusing it now would lose a document.
   */
  putBack(item: T): void {
    this.items.unshift(item);
  }

  take(): T | undefined {
    return this.items.shift();
  }

  /** Empties the queue, returning what was waiting. */
  drain(): T[] {
    const items = this.items;
    this.items = [];
    return items;
  }
}
