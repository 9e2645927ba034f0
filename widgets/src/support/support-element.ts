import { supportStrings, type SupportT } from "../i18n/support.js";
import type { Locale } from "../i18n/index.js";
import type { Permission } from "../runtime/api-types.js";
import { GatedElement } from "../runtime/gated-element.js";
import type { SessionState } from "../runtime/session-store.js";
import type { CabinetContext } from "../runtime/cabinet-context.js";
import { sessionNews } from "../runtime/session-news.js";
import { notificationFeed, type FeedEvent, type NotificationFeed } from "./notification-feed.js";

const CHANGES = Symbol("ticket-changes");

/** Per session: tickets the client changed (by id), so the list and the open ticket agree. */
const ticketChanges = (context: CabinetContext) => sessionNews<string>(context, CHANGES);

/**
 * What every support widget shares, on top of {@link GatedElement}: support's strings, the
 * `support` permission by default, and the session's live notification feed for a widget that
 * defines `feedChanged` (the feed opens while such a widget is connected and signed in).
 */
export abstract class SupportElement extends GatedElement<SupportT> {
  protected override readonly permission: Permission | Permission[] | null = "support";

  private unsubscribeFeed: (() => void) | null = null;
  private unsubscribeChanges: (() => void) | null = null;

  /** A notification arrived or the unread count changed; only widgets that define it listen. */
  protected feedChanged?(event: FeedEvent): void;

  /** The client changed a ticket in another widget of this session (a reply, closed, rated). */
  protected ticketChanged?(ticketId: string): void;

  protected override stringsFor(locale: Locale): SupportT {
    return supportStrings(locale);
  }

  /** The feed of this widget's session. */
  protected get feed(): NotificationFeed | null {
    return this.cabinet.context ? notificationFeed(this.cabinet.context) : null;
  }

  protected override sessionChanged(state: SessionState, previous: SessionState | null): void {
    if (previous === null || state.status !== "signed-in") this.detachFeed();
    super.sessionChanged(state, previous);
  }

  protected override sessionStarted(): void {
    this.attachFeed();
    super.sessionStarted();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.detachFeed();
  }

  private attachFeed(): void {
    const context = this.cabinet.context;
    if (!context) return;
    if (this.feedChanged && !this.unsubscribeFeed) this.unsubscribeFeed = notificationFeed(context).subscribe((event) => this.feedChanged?.(event));
    if (this.ticketChanged && !this.unsubscribeChanges) this.unsubscribeChanges = ticketChanges(context).subscribe((id) => this.ticketChanged?.(id));
  }

  private detachFeed(): void {
    this.unsubscribeFeed?.();
    this.unsubscribeFeed = null;
    this.unsubscribeChanges?.();
    this.unsubscribeChanges = null;
  }

  /** Tells the session's other support widgets that the client changed `ticketId`. */
  protected announceTicketChange(ticketId: string): void {
    if (this.cabinet.context) ticketChanges(this.cabinet.context).notify(ticketId);
  }

  /** A ticket's notification (a reply, a closing) for the ticket `id`, if `event` is one. */
  protected static ticketOf(event: FeedEvent): string | null {
    if (event.kind !== "notification") return null;
    const reference = event.notification.reference;
    return reference?.type === "ticket" ? reference.id : null;
  }
}
