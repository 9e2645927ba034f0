import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import type { SupportT } from "../../i18n/support.js";
import { describeError } from "../../i18n/index.js";
import type { Service } from "../../runtime/api-types.js";
import { renderListFooter, renderLoadFailure } from "../../runtime/list-parts.js";
import { clampPageSize, PagedList } from "../../runtime/paged-list.js";
import { AttachmentPicker } from "../../support/attachment-picker.js";
import { hrefFromTemplate } from "../../runtime/link-template.js";
import { defaultAttachmentLimits, positiveOr } from "../../support/hints.js";
import type { FeedEvent } from "../../support/notification-feed.js";
import { SupportElement } from "../../support/support-element.js";
import {
  supportApi,
  ticketPriorities,
  ticketStatuses,
  type Department,
  type Ticket,
  type TicketPriority,
  type TicketStatus,
  type TicketSummary,
} from "../../support/support-api.js";
import { supportStyles } from "../../support/support.styles.js";
import { renderTicketBadge } from "../../support/ticket-parts.js";
import { styles } from "./cab-tickets.styles.js";

const isStatus = (value: string): value is TicketStatus => (ticketStatuses as readonly string[]).includes(value);

/** `cab-ticket-selected`: the client chose a ticket in the list. */
export interface TicketSelectedDetail {
  ticket: TicketSummary;
  /** The link made from `ticket-href`, if the widget has one. */
  href: string | null;
}

/** `cab-ticket-created`: a new ticket was opened through the form. */
export interface TicketCreatedDetail {
  ticket: Ticket;
}

type FieldName = "subject" | "department" | "body";

/**
 * The client's support requests, newest activity first, with a status filter and "Load more",
 * and the form for a new request: subject, department, priority, the service it is about
 * (optional), the message and attachments (the limits are hinted; the server decides). The
 * list refreshes by itself when support answers (the session's notification stream).
 *
 * Choosing a request fires `cab-ticket-selected`; with `ticket-href` the subject is also a
 * link (`support.html?ticket={id}`), which the page may keep from being followed with
 * `preventDefault()` (and show `<cab-ticket>` in place instead).
 *
 * Needs the `support` permission.
 *
 * @slot heading - Replaces the heading ("Support requests").
 *
 * @event cab-ticket-selected - `detail: { ticket, href }`. Bubbles, is composed and cancelable (cancel it to stay on the page when there is a link).
 * @event cab-ticket-created - `detail: { ticket }` after the form opened a request. Bubbles, is composed.
 *
 * @csspart heading - The default heading.
 * @csspart filter - The status filter's label, around its `<select>`.
 * @csspart new - The "New request" button.
 * @csspart form - The new request's form.
 * @csspart label - A label of the form.
 * @csspart input - A field of the form.
 * @csspart attachments - The attachments field; `files` its list of picked files.
 * @csspart field-error - A field's problem.
 * @csspart submit - The form's submit button.
 * @csspart sent - "Your request was sent."
 * @csspart list - The `<ul>` of requests.
 * @csspart item - One request.
 * @csspart subject - A request's subject (link or button).
 * @csspart unread - The "New reply" marker.
 * @csspart badge - The status badge; also `badge-<status>`.
 * @csspart signed-out - The "sign in" message.
 * @csspart forbidden - The "no access to support" message.
 * @csspart empty - The "no requests" message.
 * @csspart error - A failure (`role="alert"`).
 * @csspart button - Buttons ("Load more", "Try again", "Cancel").
 * @csspart load-more - The "Load more" button.
 *
 * @cssproperty --cab-color-primary - Links and buttons. See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-tickets ticket-href="/support.html?ticket={id}" page-size="10"></cab-tickets>
 * ```
 *
 * @tag cab-tickets
 */
export class CabTickets extends SupportElement {
  static override styles = [supportStyles, styles];

  /** Show only requests in this status: `open`, `awaiting_staff`, `awaiting_client`, `closed`; empty for all. */
  @property({ reflect: true }) status = "";
  /** Requests per page, 1 to 100. */
  @property({ type: Number, attribute: "page-size" }) pageSize = 10;
  /** A link to one request, `{id}` standing for its id (e.g. `support.html?ticket={id}`); none: the subject is a button. */
  @property({ attribute: "ticket-href" }) ticketHref: string | null = null;
  /** The most files a message may carry, as hinted to the client (the server enforces its own). */
  @property({ type: Number, attribute: "max-attachments" }) maxAttachments = defaultAttachmentLimits.maxFiles;
  /** The largest file in bytes, as hinted to the client. */
  @property({ type: Number, attribute: "max-attachment-size" }) maxAttachmentSize = defaultAttachmentLimits.maxBytes;

  @state() private formOpen = false;
  @state() private departments: Department[] | null = null;
  @state() private services: Service[] = [];
  @state() private formError: unknown = null;
  @state() private fieldErrors: Partial<Record<FieldName, string>> = {};
  @state() private submitting = false;
  @state() private sent: string | null = null;

  private readonly attachments = new AttachmentPicker(this, () => ({
    maxFiles: positiveOr(this.maxAttachments, defaultAttachmentLimits.maxFiles),
    maxBytes: positiveOr(this.maxAttachmentSize, defaultAttachmentLimits.maxBytes),
  }));

  private readonly list = new PagedList<TicketSummary>(
    this,
    (cursor, signal, limit) =>
      this.cabinet.session.call((api, c) =>
        supportApi.listTickets(
          api,
          { status: isStatus(this.status) ? this.status : undefined, cursor, limit: limit ?? clampPageSize(this.pageSize) },
          c,
          signal,
        ),
      ),
    (cause) => this.noteFailure(cause),
  );

  protected override labels(t: SupportT) {
    return { title: t.tickets.title, signedOut: t.support.signedOut, forbidden: t.support.forbidden };
  }

  protected override reload(reason: "session" | "change"): void {
    void this.list.load("page", reason === "change");
  }

  protected override clear(): void {
    this.list.clear();
    this.formOpen = false;
    this.departments = null;
    this.services = [];
    this.sent = null;
    this.formError = null;
    this.fieldErrors = {};
    this.attachments.clear();
  }

  /** Support answered or closed a request: show the list as it is now, quietly. */
  protected override feedChanged(event: FeedEvent): void {
    if (CabTickets.ticketOf(event)) this.refreshQuietly();
  }

  /** The client replied to, closed or rated a request in `<cab-ticket>`. */
  protected override ticketChanged(): void {
    this.refreshQuietly();
  }

  /** Loads as many requests as are on screen again, keeping them shown meanwhile. */
  private refreshQuietly(): void {
    if (this.access !== "granted" || this.list.loading !== null) return;
    void this.list.load("page", true, clampPageSize(Math.max(this.list.items.length, this.pageSize)));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const was = (key: keyof CabTickets) => changed.has(key) && changed.get(key) !== undefined;
    if ((was("status") || was("pageSize")) && this.access === "granted") void this.list.load("page");
  }

  protected override renderContent(t: SupportT): TemplateResult {
    return html`
      <div class="header">
        <slot name="heading"><h2 class="heading" part="heading">${t.tickets.title}</h2></slot>
        <div class="actions">
          <label class="field" part="filter">
            <span>${t.tickets.filter}</span>
            <select class="input" @change=${(e: Event) => (this.status = (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!isStatus(this.status)}>${t.tickets.allStatuses}</option>
              ${ticketStatuses.map((s) => html`<option value=${s} ?selected=${this.status === s}>${t.support.status[s]}</option>`)}
            </select>
          </label>
          ${
            this.formOpen || !this.can("support", "change")
              ? nothing
              : html`<button class="button" part="button new" type="button" aria-expanded="false" @click=${() => this.openForm()}>
                  ${t.tickets.newRequest}
                </button>`
          }
        </div>
      </div>
      ${this.can("support", "change") ? nothing : this.renderNotAllowed()}
      ${this.sent ? html`<p class="ok" part="sent" role="status">${t.tickets.sent(this.sent)}</p>` : nothing} ${this.formOpen ? this.renderForm(t) : nothing}
      ${this.renderBody(t)}
    `;
  }

  private renderBody(t: SupportT) {
    const { error, loaded, items, loading } = this.list;
    const failure = renderLoadFailure(t, this.list);
    if (!loaded && !error) return html`<p class="notice" role="status">${t.common.loading}</p>`;
    if (loaded && items.length === 0 && !error) {
      return html`<p class="notice" part="empty" role="status">${isStatus(this.status) ? t.tickets.emptyFiltered : t.tickets.empty}</p>`;
    }
    if (items.length === 0) return failure;
    return html`
      ${failure}
      <ul class="list" part="list" aria-busy=${loading === "page" ? "true" : "false"} aria-label=${t.tickets.title}>
        ${items.map((ticket, index) => this.renderTicket(ticket, index, t))}
      </ul>
      ${renderListFooter(t.support, this.list, t.tickets.shown(items.length), () => this.loadMore())}
    `;
  }

  private renderTicket(ticket: TicketSummary, index: number, t: SupportT): TemplateResult {
    const href = hrefFromTemplate(this.ticketHref, ticket.id, document.baseURI);
    const subject = href
      ? html`<a class="subject" part="subject" href=${href} @click=${(e: Event) => this.select(ticket, href, e)}>${ticket.subject}</a>`
      : html`<button class="link-button subject" part="subject" type="button" @click=${(e: Event) => this.select(ticket, null, e)}>${ticket.subject}</button>`;
    return html`
      <li class="ticket ${ticket.unreadByClient ? "is-unread" : ""}" part="item" data-index=${index}>
        <div class="ticket-head">
          <h3 class="ticket-title" tabindex="-1">${subject}</h3>
          ${ticket.unreadByClient ? html`<span class="unread" part="unread">${t.tickets.unread}</span>` : nothing} ${renderTicketBadge(t, ticket)}
        </div>
        <p class="meta">
          <span>${ticket.department.name}</span>
          <span>${t.ticket.priority(t.support.priority[ticket.priority] ?? ticket.priority)}</span>
          <span>${t.tickets.updated(this.date(ticket.lastMessageAt))}</span>
        </p>
      </li>
    `;
  }

  private select(ticket: TicketSummary, href: string | null, event: Event): void {
    // Ctrl/⌘/Shift-click or a middle click on a link: a new tab or window, which is the browser's business.
    if (href && event instanceof MouseEvent && (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0)) return;
    const proceed = this.emit<TicketSelectedDetail>("cab-ticket-selected", { ticket, href }, true);
    if (!proceed) event.preventDefault();
  }

  private renderForm(t: SupportT): TemplateResult {
    const errors = this.fieldErrors;
    const invalid = (name: FieldName) => (errors[name] ? "true" : "false");
    const describedBy = (name: FieldName) => (errors[name] ? `${name}-error` : nothing);
    const fieldError = (name: FieldName) => (errors[name] ? html`<p class="field-error" part="field-error" id="${name}-error">${errors[name]}</p>` : nothing);
    return html`
      <form class="box" part="form" novalidate aria-labelledby="form-title" @submit=${this.submit}>
        <h3 class="subheading" id="form-title">${t.tickets.formTitle}</h3>
        <div class="field">
          <label part="label" for="subject">${t.tickets.subject}</label>
          <input
            id="subject"
            name="subject"
            class="input"
            part="input"
            maxlength="200"
            required
            autocomplete="off"
            aria-invalid=${invalid("subject")}
            aria-describedby=${describedBy("subject")}
          />
          ${fieldError("subject")}
        </div>
        <div class="form-row">
          <div class="field">
            <label part="label" for="department">${t.tickets.department}</label>
            <select
              id="department"
              name="department"
              class="input"
              part="input"
              required
              aria-invalid=${invalid("department")}
              aria-describedby=${describedBy("department")}
            >
              ${this.departments === null ? html`<option value="">${t.common.loading}</option>` : nothing}
              ${(this.departments ?? []).map((d) => html`<option value=${d.id}>${d.name}</option>`)}
            </select>
            ${fieldError("department")}
          </div>
          <div class="field">
            <label part="label" for="priority">${t.tickets.priority}</label>
            <select id="priority" name="priority" class="input" part="input">
              ${ticketPriorities.map((p) => html`<option value=${p} ?selected=${p === "normal"}>${t.support.priority[p]}</option>`)}
            </select>
          </div>
          <div class="field">
            <label part="label" for="service">${t.tickets.service}</label>
            <select id="service" name="service" class="input" part="input">
              <option value="">${t.tickets.noService}</option>
              ${this.services.map((s) => html`<option value=${s.id}>${s.label ? `${s.label} — ${s.product.name}` : s.product.name}</option>`)}
            </select>
          </div>
        </div>
        <div class="field">
          <label part="label" for="body">${t.support.message}</label>
          <textarea
            id="body"
            name="body"
            class="input"
            part="input"
            rows="6"
            maxlength="20000"
            required
            aria-invalid=${invalid("body")}
            aria-describedby=${describedBy("body")}
          ></textarea>
          ${fieldError("body")}
        </div>
        ${this.attachments.render(t, this.cabinet.settings.locale, "attachments")}
        ${this.formError ? html`<p class="error" part="error" role="alert">${describeError(t, this.formError)}</p>` : nothing}
        <div class="actions">
          <button class="button" part="button submit" type="submit" ?disabled=${this.submitting}>
            ${this.submitting ? t.tickets.submitting : t.tickets.submit}
          </button>
          <button class="button secondary" part="button" type="button" ?disabled=${this.submitting} @click=${() => this.closeForm()}>
            ${t.tickets.cancel}
          </button>
        </div>
      </form>
    `;
  }

  private async openForm(): Promise<void> {
    this.formOpen = true;
    this.sent = null;
    this.formError = null;
    this.fieldErrors = {};
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>("#subject")?.focus();
    if (this.departments === null) await this.loadChoices();
  }

  private closeForm(): void {
    this.formOpen = false;
    this.formError = null;
    this.fieldErrors = {};
    this.attachments.clear();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part~="new"]')?.focus());
  }

  /** The departments (required) and the account's services (optional: a client without the `services` permission gets none). */
  private async loadChoices(): Promise<void> {
    const session = this.cabinet.session;
    const [departments, services] = await Promise.allSettled([session.call((api, c) => supportApi.departments(api, c)), session.listServices({ limit: 100 })]);
    if (departments.status === "fulfilled") this.departments = departments.value.items;
    else {
      this.departments = [];
      this.formError = departments.reason;
    }
    this.services = services.status === "fulfilled" ? services.value.items : [];
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.submitting) return;
    const t = this.t;
    const form = event.target as HTMLFormElement;
    const value = (name: string) => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? "").trim();
    const fields = {
      subject: value("subject"),
      departmentId: value("department"),
      priority: value("priority"),
      serviceId: value("service"),
      body: value("body"),
    };
    const errors: Partial<Record<FieldName, string>> = {};
    if (!fields.subject) errors.subject = t.tickets.emptySubject;
    if (!fields.departmentId) errors.department = t.tickets.chooseDepartment;
    if (!fields.body) errors.body = t.support.emptyMessage;
    this.fieldErrors = errors;
    this.formError = null;
    const firstInvalid = Object.keys(errors)[0];
    if (firstInvalid || this.attachments.problems.length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(firstInvalid ? `#${firstInvalid}` : "#attachments")?.focus();
      return;
    }
    this.submitting = true;
    try {
      const ticket = await this.cabinet.session.call((api, c) =>
        supportApi.openTicket(
          api,
          {
            subject: fields.subject,
            departmentId: fields.departmentId,
            priority: (ticketPriorities as readonly string[]).includes(fields.priority) ? (fields.priority as TicketPriority) : "normal",
            serviceId: fields.serviceId || undefined,
            body: fields.body,
            attachments: this.attachments.files,
          },
          c,
        ),
      );
      form.reset();
      this.attachments.clear();
      this.formOpen = false;
      this.sent = ticket.subject;
      this.emit<TicketCreatedDetail>("cab-ticket-created", { ticket });
      void this.list.load("page", true);
    } catch (cause) {
      this.noteFailure(cause);
      this.attachments.learn(cause);
      this.formError = cause;
    } finally {
      this.submitting = false;
    }
  }

  private async loadMore(): Promise<void> {
    const firstNew = await this.list.load("more");
    if (firstNew === null) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-index="${firstNew}"] .ticket-title`)?.focus();
  }
}
