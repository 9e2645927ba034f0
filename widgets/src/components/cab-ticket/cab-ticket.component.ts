import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { unsafeHTML } from "lit/directives/unsafe-html.js";
import type { SupportT } from "../../i18n/support.js";
import { describeError } from "../../i18n/index.js";
import { CabinetApiError, type ApiClient, type Credentials } from "../../runtime/api-client.js";
import { AttachmentPicker } from "../../support/attachment-picker.js";
import { defaultAttachmentLimits, formatBytes, positiveOr } from "../../support/hints.js";
import type { FeedEvent } from "../../support/notification-feed.js";
import { SupportElement } from "../../support/support-element.js";
import { supportApi, type Ticket, type TicketAttachment, type TicketMessage } from "../../support/support-api.js";
import { supportStyles } from "../../support/support.styles.js";
import { renderFailure } from "../../runtime/list-parts.js";
import { renderTicketBadge } from "../../support/ticket-parts.js";
import { styles } from "./cab-ticket.styles.js";

/** `cab-ticket-updated`: the client replied to, closed, reopened or rated the ticket. */
export interface TicketUpdatedDetail {
  ticket: Ticket;
  action: "reply" | "close" | "reopen" | "rate";
}

type Action = TicketUpdatedDetail["action"];

/**
 * One support request: its messages (support's and the client's), their attachments to
 * download, a reply with attachments, closing it, reopening a closed one while the brand
 * allows, and rating it once closed. A reply from support appears by itself (the session's
 * notification stream), without a reload.
 *
 * Messages are shown as the server sanitized them (`bodyHtml`); what the author typed
 * (`body`) is never put into the page as HTML.
 *
 * With a cookie session attachments are plain links; in bearer mode the widget fetches them
 * with the token and saves them. Needs the `support` permission.
 *
 * @event cab-ticket-updated - `detail: { ticket, action }` (`reply`, `close`, `reopen`, `rate`). Bubbles, is composed.
 *
 * @csspart heading - The ticket's subject.
 * @csspart meta - Department, priority and status.
 * @csspart badge - The status badge; also `badge-<status>`.
 * @csspart messages - The `<ol>` of messages.
 * @csspart message - One message; also `message-client`, `message-staff`.
 * @csspart author - A message's author and time.
 * @csspart body - A message's text.
 * @csspart download - An attachment's link or button.
 * @csspart reply - The reply form.
 * @csspart input - A field of a form.
 * @csspart attachments - The attachments field; `files` its list of picked files.
 * @csspart field-error - A field's problem.
 * @csspart submit - The reply's submit button.
 * @csspart close - "Close the request".
 * @csspart closed - The "closed" notice, with "Reopen" (`reopen`) while allowed.
 * @csspart rating - The rating form, or what the client gave.
 * @csspart none - "Choose a request" (no `ticket-id`).
 * @csspart not-found - "This request was not found."
 * @csspart signed-out - The "sign in" message.
 * @csspart forbidden - The "no access to support" message.
 * @csspart error - A failure (`role="alert"`).
 * @csspart button - Buttons.
 *
 * @cssproperty --cab-color-primary - Links, buttons, the client's messages. See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-ticket ticket-id="tkt_01J…"></cab-ticket>
 * ```
 *
 * @tag cab-ticket
 */
export class CabTicket extends SupportElement {
  static override styles = [supportStyles, styles];

  /** The ticket to show (`tkt_…`); none: "Choose a request". */
  @property({ attribute: "ticket-id", reflect: true }) ticketId = "";
  /** The most files a reply may carry, as hinted to the client (the server enforces its own). */
  @property({ type: Number, attribute: "max-attachments" }) maxAttachments = defaultAttachmentLimits.maxFiles;
  /** The largest file in bytes, as hinted to the client. */
  @property({ type: Number, attribute: "max-attachment-size" }) maxAttachmentSize = defaultAttachmentLimits.maxBytes;

  private readonly ticket = this.resource((api, c, signal) => supportApi.getTicket(api, this.ticketId, c, signal));
  @state() private busy: Action | null = null;
  @state() private actionError: unknown = null;
  @state() private replyProblem: string | null = null;
  @state() private downloading: string | null = null;
  @state() private announcement = "";

  private readonly attachments = new AttachmentPicker(this, () => ({
    maxFiles: positiveOr(this.maxAttachments, defaultAttachmentLimits.maxFiles),
    maxBytes: positiveOr(this.maxAttachmentSize, defaultAttachmentLimits.maxBytes),
  }));

  protected override labels(t: SupportT) {
    return { title: this.ticket.value?.subject ?? t.ticket.title, signedOut: t.support.signedOut, forbidden: t.support.forbidden };
  }

  protected override reload(reason: "session" | "change"): void {
    void this.load(reason === "change");
  }

  protected override clear(): void {
    this.ticket.clear();
    this.actionError = null;
    this.replyProblem = null;
    this.announcement = "";
    this.attachments.clear();
  }

  /** Support replied to (or closed) this ticket: show it as it is now. */
  protected override feedChanged(event: FeedEvent): void {
    if (this.ticketId && CabTicket.ticketOf(event) === this.ticketId && this.access === "granted") void this.load(true);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has("ticketId") && changed.get("ticketId") !== undefined && this.access === "granted") {
      this.clear();
      void this.load(false);
    }
  }

  /** `quiet`: keep the ticket on screen while it loads again, and say when a new message came. */
  private async load(quiet: boolean): Promise<void> {
    if (!this.ticketId) return this.ticket.clear();
    const id = this.ticketId;
    const before = this.ticket.value?.id === id ? this.ticket.value.messages.length : null;
    // Not quiet: the ticket is loaded afresh, "Loading…" meanwhile.
    if (!quiet) this.ticket.set(null);
    const ticket = await this.ticket.load(quiet);
    if (!ticket) return;
    // Reading it marks support's replies read: the list's "New reply" goes (and its status follows).
    this.announceTicketChange(id);
    if (before !== null && ticket.messages.length > before && ticket.messages.at(-1)?.author.kind === "staff") this.announcement = this.t.ticket.newReply;
  }

  protected override renderContent(t: SupportT): TemplateResult {
    if (!this.ticketId) return html`<p class="notice" part="none">${t.ticket.none}</p>`;
    const error = this.ticket.error;
    if (error instanceof CabinetApiError && error.status === 404) return html`<p class="notice" part="not-found" role="status">${t.ticket.notFound}</p>`;
    const ticket = this.ticket.value;
    if (error && !ticket) return renderFailure(t, error, () => void this.load(false));
    if (!ticket) return html`<p class="notice" role="status">${t.common.loading}</p>`;
    return html`
      <div class="ticket-header">
        <h2 class="heading" part="heading">${ticket.subject}</h2>
        <p class="meta" part="meta">
          ${renderTicketBadge(t, ticket)}
          <span>${t.ticket.department(ticket.department.name)}</span>
          <span>${t.ticket.priority(t.support.priority[ticket.priority] ?? ticket.priority)}</span>
        </p>
      </div>
      <ol class="messages" part="messages" aria-label=${t.ticket.messages}>
        ${ticket.messages.map((m) => this.renderMessage(ticket, m, t))}
      </ol>
      <p class="visually-hidden" role="status">${this.announcement}</p>
      ${this.actionError ? html`<p class="error" part="error" role="alert">${describeError(t, this.actionError)}</p>` : nothing}
      ${ticket.status === "closed" ? this.renderClosed(ticket, t) : nothing}
      ${ticket.canReply ? (this.can("support", "change") ? this.renderReply(ticket, t) : this.renderNotAllowed()) : nothing}
    `;
  }

  private renderMessage(ticket: Ticket, message: TicketMessage, t: SupportT): TemplateResult {
    const kind = message.author.kind === "staff" ? "staff" : "client";
    const author = kind === "staff" ? t.ticket.staff(message.author.name) : t.ticket.you;
    return html`
      <li class="message message-${kind}" part="message message-${kind}">
        <p class="author" part="author">
          <strong>${author}</strong>
          <time datetime=${message.createdAt}>${this.dateTime(message.createdAt)}</time>
        </p>
        <div class="body" part="body">
          ${
            typeof message.bodyHtml === "string"
              ? // bodyHtml is sanitized by the server (an allow-list of tags and attributes, no scripts,
                // no event handlers, no javascript: links) — that is the only reason it may go in as HTML.
                // The raw `body` is the author's text and is never rendered as HTML.
                unsafeHTML(message.bodyHtml)
              : html`<p class="plain">${message.body}</p>`
          }
        </div>
        ${
          message.attachments.length
            ? html`<ul class="files" aria-label=${t.support.attachments}>
                ${message.attachments.map((a) => html`<li>${this.renderAttachment(ticket, a, t)}</li>`)}
              </ul>`
            : nothing
        }
      </li>
    `;
  }

  /** A link with a cookie session (the cookie goes along); a button that fetches with the token in bearer mode. */
  private renderAttachment(ticket: Ticket, attachment: TicketAttachment, t: SupportT): TemplateResult {
    const size = formatBytes(attachment.size, this.cabinet.settings.locale);
    const label = t.ticket.download(attachment.fileName, size);
    const api = this.cabinet.context!.api;
    const path = supportApi.attachmentPath(ticket.id, attachment.id);
    if (this.cabinet.settings.auth === "cookie") {
      return html`<a class="file" part="download" href=${api.url(path).href} download=${attachment.fileName} aria-label=${label}>${attachment.fileName}</a>
        <span class="muted">${size}</span>`;
    }
    return html`<button
        class="link-button file"
        part="download"
        type="button"
        ?disabled=${this.downloading !== null}
        aria-label=${label}
        @click=${() => this.download(path, attachment)}
      >
        ${this.downloading === attachment.id ? t.ticket.downloading : attachment.fileName}
      </button>
      <span class="muted">${size}</span>`;
  }

  private renderClosed(ticket: Ticket, t: SupportT): TemplateResult {
    // Reopening and rating change the ticket: only with the right to (the "closed" notice is for everyone).
    const reopenUntil = this.can("support", "change") && ticket.canReopenUntil && Date.parse(ticket.canReopenUntil) > Date.now() ? ticket.canReopenUntil : null;
    return html`
      <div class="closed" part="closed">
        <p>${t.ticket.closed}${reopenUntil ? html` ${t.ticket.reopenUntil(this.dateTime(reopenUntil))}` : nothing}</p>
        ${
          reopenUntil
            ? html`<button class="button secondary small" part="button reopen" type="button" ?disabled=${this.busy !== null} @click=${() => this.act("reopen")}>
                ${t.ticket.reopen}
              </button>`
            : nothing
        }
      </div>
      ${ticket.rating ? html`<p class="ok" part="rating" role="status">${t.ticket.rated(ticket.rating)}</p>` : this.can("support", "change") ? this.renderRating(t) : nothing}
    `;
  }

  private renderRating(t: SupportT): TemplateResult {
    return html`
      <form class="box" part="rating" @submit=${this.rate}>
        <fieldset class="stars">
          <legend>${t.ticket.rateTitle}</legend>
          ${[1, 2, 3, 4, 5].map(
            (n) => html`<label class="radio"><input type="radio" name="rating" value=${n} required /><span>${t.ticket.rating(n)}</span></label>`,
          )}
        </fieldset>
        <div class="field">
          <label for="rating-comment">${t.ticket.comment}</label>
          <textarea id="rating-comment" name="comment" class="input" part="input" rows="2" maxlength="2000"></textarea>
        </div>
        <div class="actions">
          <button class="button" part="button" type="submit" ?disabled=${this.busy !== null}>${t.ticket.rate}</button>
        </div>
      </form>
    `;
  }

  private renderReply(ticket: Ticket, t: SupportT): TemplateResult {
    return html`
      <form class="box" part="reply" novalidate @submit=${this.reply}>
        <div class="field">
          <label for="reply-body">${t.ticket.replyLabel}</label>
          <textarea
            id="reply-body"
            name="body"
            class="input"
            part="input"
            rows="5"
            maxlength="20000"
            required
            aria-invalid=${this.replyProblem ? "true" : "false"}
            aria-describedby=${this.replyProblem ? "reply-problem" : nothing}
          ></textarea>
          ${this.replyProblem ? html`<p class="field-error" part="field-error" id="reply-problem">${this.replyProblem}</p>` : nothing}
        </div>
        ${this.attachments.render(t, this.cabinet.settings.locale, "reply-attachments")}
        <div class="actions">
          <button class="button" part="button submit" type="submit" ?disabled=${this.busy !== null}>
            ${this.busy === "reply" ? t.ticket.sending : t.ticket.reply}
          </button>
          ${
            ticket.status !== "closed"
              ? html`<button class="button secondary" part="button close" type="button" ?disabled=${this.busy !== null} @click=${() => this.act("close")}>
                  ${this.busy === "close" ? t.ticket.closing : t.ticket.close}
                </button>`
              : nothing
          }
        </div>
      </form>
    `;
  }

  private async reply(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const body = ((form.elements.namedItem("body") as HTMLTextAreaElement | null)?.value ?? "").trim();
    this.replyProblem = body ? null : this.t.support.emptyMessage;
    if (!body || this.attachments.problems.length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(body ? "#reply-attachments" : "#reply-body")?.focus();
      return;
    }
    const files = this.attachments.files;
    const done = await this.act("reply", (api, c) => supportApi.reply(api, this.ticketId, body, files, c));
    if (done) {
      form.reset();
      this.attachments.clear();
      this.announcement = this.t.ticket.replied;
    }
  }

  private async rate(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const rating = Number(data.get("rating"));
    if (!(rating >= 1 && rating <= 5)) return;
    const comment = String(data.get("comment") ?? "").trim();
    await this.act("rate", (api, c) => supportApi.rate(api, this.ticketId, rating, comment, c));
  }

  /** Runs one of the client's actions, then shows the ticket as it is now; false when it failed. */
  private async act(
    action: Action,
    call: (api: ApiClient, c: Credentials) => Promise<unknown> = (api, c) =>
      action === "close" ? supportApi.close(api, this.ticketId, c) : supportApi.reopen(api, this.ticketId, c),
  ): Promise<boolean> {
    if (this.busy) return false;
    this.busy = action;
    this.actionError = null;
    try {
      await this.cabinet.session.call(call);
      await this.load(true);
      const ticket = this.ticket.value;
      if (ticket) this.emit<TicketUpdatedDetail>("cab-ticket-updated", { ticket, action });
      return true;
    } catch (cause) {
      this.noteFailure(cause);
      this.attachments.learn(cause);
      this.actionError = cause;
      return false;
    } finally {
      this.busy = null;
    }
  }

  /** Bearer mode: fetch the file with the token and save it. */
  private async download(path: string, attachment: TicketAttachment): Promise<void> {
    if (this.downloading) return;
    this.downloading = attachment.id;
    this.actionError = null;
    try {
      const { blob, filename } = await this.cabinet.session.call((api, c) => api.download(path, {}, c, attachment.fileName));
      this.saveFile(blob, filename);
    } catch (cause) {
      this.noteFailure(cause);
      this.actionError = cause;
    } finally {
      this.downloading = null;
    }
  }

  private dateTime(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return "";
    return new Intl.DateTimeFormat(this.cabinet.settings.locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
  }
}
