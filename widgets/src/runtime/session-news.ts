import type { CabinetContext } from "./cabinet-context.js";

/**
 * News that one widget of a session tells the others — money moved, a service was ordered, a
 * ticket was answered — so widgets on one page agree without the page wiring them together.
 */
export class SessionNews<T> {
  private readonly listeners = new Set<(news: T) => void>();

  /** `reads`: the page's shared reads, emptied before the news goes out (see `ReadCache`). */
  constructor(private readonly reads?: { clear(): void }) {}

  subscribe(listener: (news: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(news: T): void {
    // Something changed: the widgets that load again on hearing it must get fresh answers.
    this.reads?.clear();
    // A copy: a listener may unsubscribe (or subscribe another) while hearing the news.
    for (const listener of [...this.listeners]) listener(news);
  }
}

/** The news of one kind (`key`) shared by the widgets of one context. */
export function sessionNews<T>(context: CabinetContext, key: symbol): SessionNews<T> {
  return context.shared(key, (c) => new SessionNews<T>(c.api.reads));
}
