import { html, nothing, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import type { SupportT } from "../../i18n/support.js";
import { describeError } from "../../i18n/index.js";
import { renderListFooter, renderLoadFailure } from "../../runtime/list-parts.js";
import { clampPageSize, PagedList } from "../../runtime/paged-list.js";
import { hrefFromTemplate } from "../../runtime/link-template.js";
import type { FeedEvent } from "../../support/notification-feed.js";
import { SupportElement } from "../../support/support-element.js";
import { supportApi, type CabinetNotification } from "../../support/support-api.js";
import { supportStyles } from "../../support/support.styles.js";
import { styles } from "./cab-notifications.styles.js";

/** `cab-notification-selected`: the client followed a notification's link. */
export interface NotificationSelectedDetail {
  notification: CabinetNotification;
}

/**
 * A bell with the signed-in user's unread count, kept up to date live (the session's
 * Server-Sent Events stream), and a dropdown of the notifications, newest first: each with
 * its link, "Mark as read", and "Mark all as read" for all of them. Signed out it shows
 * nothing, so it can sit in a page's header.
 *
 * @event cab-notification-selected - `detail: { notification }` when a notification's link is followed. Bubbles, is composed and cancelable (cancel it to handle the link in the page).
 *
 * @csspart bell - The bell button.
 * @csspart count - The unread count on the bell.
 * @csspart panel - The dropdown.
 * @csspart heading - The dropdown's heading.
 * @csspart read-all - "Mark all as read".
 * @csspart list - The `<ul>` of notifications.
 * @csspart item - One notification; also `item-unread`.
 * @csspart title - A notification's title (a link when it has one).
 * @csspart read - A notification's "Mark as read".
 * @csspart empty - "No notifications yet."
 * @csspart error - A failure (`role="alert"`).
 * @csspart button - Buttons.
 * @csspart load-more - The "Load more" button.
 *
 * @cssproperty --cab-color-primary - The bell's count and links. See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-notifications ticket-href="/support.html?ticket={id}" invoice-href="/billing.html#invoices"></cab-notifications>
 * ```
 *
 * @tag cab-notifications
 */
export class CabNotifications extends SupportElement {
  static override styles = [supportStyles, styles];

  protected override readonly permission = null;

  /** Notifications per page of the dropdown, 1 to 100. */
  @property({ type: Number, attribute: "page-size" }) pageSize = 10;
  /**
   * Where a notification leads on this site, by what it is about, `{id}` standing for that
   * thing's id: `/support.html?ticket={id}`. The server's `link` is a path of the client area,
   * not a page of the provider's site, so a notification without a template for its kind has no link.
   */
  @property({ attribute: "ticket-href" }) ticketHref: string | null = null;
  /** As `ticket-href`, for an invoice's notifications (`{id}`: `inv_…`). */
  @property({ attribute: "invoice-href" }) invoiceHref: string | null = null;
  /** As `ticket-href`, for a service's notifications (`{id}`: `svc_…`). */
  @property({ attribute: "service-href" }) serviceHref: string | null = null;
  /** As `ticket-href`, for a document's notifications (`{id}`: `doc_…`). */
  @property({ attribute: "document-href" }) documentHref: string | null = null;
  /** As `ticket-href`, for a payment's notifications (`{id}`: `pay_…`). */
  @property({ attribute: "payment-href" }) paymentHref: string | null = null;

  @state() private open = false;
  @state() private actionError: unknown = null;
  @state() private announcement = "";

  private readonly list = new PagedList<CabinetNotification>(
    this,
    (cursor, signal, limit) =>
      this.cabinet.session.call((api, c) => supportApi.listNotifications(api, { cursor, limit: limit ?? clampPageSize(this.pageSize) }, c, signal)),
    (cause) => this.noteFailure(cause),
  );

  private readonly onDocumentClick = (event: MouseEvent) => {
    if (this.open && !event.composedPath().includes(this)) this.open = false;
  };

  /** Escape closes the dropdown from anywhere in the widget, the bell included, and leaves focus on the bell. */
  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || !this.open) return;
    this.open = false;
    this.renderRoot.querySelector<HTMLElement>(".bell")?.focus();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener("click", this.onDocumentClick);
    this.addEventListener("keydown", this.onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener("click", this.onDocumentClick);
    this.removeEventListener("keydown", this.onKeydown);
  }

  protected override labels(t: SupportT) {
    return { title: t.notifications.title, signedOut: t.notifications.signedOut, forbidden: t.notifications.forbidden };
  }

  /** The list loads when the dropdown opens; the count comes with the feed. */
  protected override reload(): void {
    if (this.open) void this.list.load("page");
  }

  protected override clear(): void {
    this.open = false;
    this.list.clear();
    this.actionError = null;
    this.announcement = "";
  }

  protected override feedChanged(event: FeedEvent): void {
    if (event.kind === "count") return this.requestUpdate();
    const incoming = event.notification;
    // Shown at once if the list is loaded; the stream may repeat one after a reconnection.
    if (this.list.loaded && !this.list.items.some((n) => n.id === incoming.id)) this.list.items = [incoming, ...this.list.items];
    this.announcement = incoming.title;
    this.requestUpdate();
  }

  private get count(): number {
    return this.feed?.count ?? 0;
  }

  /** Signed out (or still restoring) the bell is not there at all. */
  protected override render(): TemplateResult {
    if (this.access !== "granted") return html``;
    return super.render();
  }

  protected override renderContent(t: SupportT): TemplateResult {
    const count = this.count;
    return html`
      <button
        class="bell"
        part="bell"
        type="button"
        aria-expanded=${this.open ? "true" : "false"}
        aria-controls="panel"
        aria-label=${t.notifications.bell(count)}
        @click=${() => this.toggle()}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <path
            d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.4A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.6L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 15.5a2.5 2.5 0 0 0 5 0"
            fill="none"
            stroke="currentColor"
            stroke-width="1.8"
            stroke-linejoin="round"
          />
        </svg>
        ${count > 0 ? html`<span class="bell-count" part="count" aria-hidden="true">${count > 99 ? "99+" : count}</span>` : nothing}
      </button>
      <p class="visually-hidden" role="status">${this.announcement}</p>
      <div class="panel" id="panel" part="panel" ?hidden=${!this.open}>${this.open ? this.renderPanel(t, count) : nothing}</div>
    `;
  }

  private renderPanel(t: SupportT, count: number): TemplateResult {
    return html`
      <div class="panel-header">
        <h2 class="heading" part="heading" id="panel-title">${t.notifications.title}</h2>
        ${count > 0 ? html`<button class="link-button" part="read-all" type="button" @click=${() => this.markAllRead()}>${t.notifications.markAllRead}</button>` : nothing}
      </div>
      ${this.actionError ? html`<p class="error" part="error" role="alert">${describeError(t, this.actionError)}</p>` : nothing} ${this.renderList(t)}
    `;
  }

  private renderList(t: SupportT) {
    const { error, loaded, items, loading } = this.list;
    const failure = renderLoadFailure(t, this.list);
    if (!loaded && !error) return html`<p class="notice" role="status">${t.common.loading}</p>`;
    if (loaded && items.length === 0 && !error) return html`<p class="notice" part="empty" role="status">${t.notifications.empty}</p>`;
    if (items.length === 0) return failure;
    return html`
      ${failure}
      <ul class="list" part="list" aria-busy=${loading === "page" ? "true" : "false"} aria-labelledby="panel-title">
        ${items.map((n) => this.renderItem(n, t))}
      </ul>
      ${renderListFooter(t.support, this.list, t.notifications.shown(items.length), () => void this.list.load("more"))}
    `;
  }

  private renderItem(n: CabinetNotification, t: SupportT): TemplateResult {
    const unread = n.readAt === null;
    const href = this.hrefOf(n);
    return html`
      <li class="item ${unread ? "is-unread" : ""}" part="item${unread ? " item-unread" : ""}">
        <p class="item-title" part="title">
          ${unread ? html`<span class="visually-hidden">${t.notifications.unread}: </span>` : nothing}
          ${href ? html`<a href=${href} @click=${(e: Event) => this.follow(n, e)}>${n.title}</a>` : html`<strong>${n.title}</strong>`}
        </p>
        ${n.body ? html`<p class="item-body">${n.body}</p>` : nothing}
        <p class="item-meta">
          <time datetime=${n.createdAt}>${this.date(n.createdAt)}</time>
          ${
            unread
              ? html`<button
                  class="link-button"
                  part="read"
                  type="button"
                  aria-label=${`${t.notifications.markRead}: ${n.title}`}
                  @click=${() => this.markRead(n)}
                >
                  ${t.notifications.markRead}
                </button>`
              : nothing
          }
        </p>
      </li>
    `;
  }

  /** The page's link for what the notification is about, from the template for its kind. */
  private hrefOf(n: CabinetNotification): string | null {
    const templates: Record<string, string | null> = {
      ticket: this.ticketHref,
      invoice: this.invoiceHref,
      service: this.serviceHref,
      document: this.documentHref,
      payment: this.paymentHref,
    };
    const reference = n.reference;
    return reference && Object.prototype.hasOwnProperty.call(templates, reference.type)
      ? hrefFromTemplate(templates[reference.type], reference.id, document.baseURI)
      : null;
  }

  private async toggle(): Promise<void> {
    this.open = !this.open;
    if (!this.open) return;
    this.actionError = null;
    await this.list.load("page", this.list.loaded);
  }

  private follow(n: CabinetNotification, event: Event): void {
    if (!this.emit<NotificationSelectedDetail>("cab-notification-selected", { notification: n }, true)) event.preventDefault();
    if (n.readAt === null) void this.markRead(n);
  }

  private async markRead(n: CabinetNotification): Promise<void> {
    this.actionError = null;
    try {
      await this.cabinet.session.call((api, c) => supportApi.markRead(api, n.id, c));
      const now = new Date().toISOString();
      this.list.items = this.list.items.map((item) => (item.id === n.id ? { ...item, readAt: now } : item));
      this.feed?.setCount(Math.max(0, this.count - 1));
      void this.feed?.refreshCount();
    } catch (cause) {
      this.noteFailure(cause);
      this.actionError = cause;
    }
  }

  private async markAllRead(): Promise<void> {
    this.actionError = null;
    try {
      await this.cabinet.session.call((api, c) => supportApi.markAllRead(api, c));
      const now = new Date().toISOString();
      this.list.items = this.list.items.map((item) => (item.readAt ? item : { ...item, readAt: now }));
      this.feed?.setCount(0);
      void this.feed?.refreshCount();
      this.renderRoot.querySelector<HTMLElement>(".bell")?.focus();
    } catch (cause) {
      this.noteFailure(cause);
      this.actionError = cause;
    }
  }
}
