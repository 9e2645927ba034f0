import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { html as staticHtml } from "lit/static-html.js";
import { property, state } from "lit/decorators.js";
import { BillingElement } from "../../billing/billing-element.js";
import { billingStyles } from "../../billing/billing.styles.js";
import { clampPageSize, PagedList } from "../../runtime/paged-list.js";
import type { BillingT } from "../../i18n/billing.js";
import { describeError } from "../../i18n/index.js";
import { documentKinds, type CabinetDocument, type DocumentKind, type Permission } from "../../runtime/api-types.js";
import { dateTimeFormat } from "../../runtime/format.js";
import { renderBadge, renderListFooter, renderLoadFailure } from "../../runtime/list-parts.js";
import { siblingTag } from "../../runtime/sub-element.js";
import { styles } from "./cab-documents.styles.js";

const isKind = (value: string): value is DocumentKind => (documentKinds as readonly string[]).includes(value);

/** How often, and how many times, the list looks again while a PDF is being printed. */
const RENDERING_POLL_MS = 4000;
const RENDERING_POLLS = 15;

/**
 * The account's documents, newest first — invoices, acts of services rendered, contracts and
 * reconciliation statements — with a type filter, each with its PDF and its HTML. A PDF still
 * being printed says so (the list looks again by itself for a minute), one that could not be
 * printed says that; the HTML, stored when the document was issued, can always be read. With a
 * cookie session the files are plain links; in bearer mode the widget fetches them with the
 * token and saves them.
 *
 * Under the list, `<cab-contract>` (the contract to accept, or when it was accepted) and
 * `<cab-statement-request>` (a reconciliation statement for a period up to today, with its
 * PDF's progress); a statement issued there appears in the list at once. `list-only` leaves
 * them out (a page that places them itself).
 *
 * Needs the `documents` or the `finance` permission.
 *
 * @slot heading - Replaces the heading ("Documents").
 *
 * @csspart heading - The default heading.
 * @csspart filter - The type filter's label, around its `<select>`.
 * @csspart table - The `<table>` of documents.
 * @csspart row - One document's row.
 * @csspart badge - The PDF's state when it is not ready; also `badge-rendering`, `badge-failed`, `badge-not_rendered`.
 * @csspart download - A file link or button; also `download-pdf`, `download-html`.
 * @csspart signed-out - The "sign in" message.
 * @csspart forbidden - The "no access to documents" message.
 * @csspart empty - The "no documents" message.
 * @csspart error - A failure (`role="alert"`).
 * @csspart button - Buttons ("Load more", "Try again").
 * @csspart load-more - The "Load more" button.
 * @csspart requests - Around `<cab-contract>` and `<cab-statement-request>`.
 *
 * @cssproperty --cab-color-primary - The file links.
 * @cssproperty --cab-color-warning - "Preparing the PDF".
 * @cssproperty --cab-color-danger - "PDF unavailable" and errors. See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-documents kind="invoice" page-size="20"></cab-documents>
 * ```
 *
 * @tag cab-documents
 */
export class CabDocuments extends BillingElement {
  static override styles = [billingStyles, styles];

  protected override readonly permission: Permission[] = ["documents", "finance"];

  /** Show only documents of this type: `invoice`, `act`, `contract`, `reconciliation`; empty for all. */
  @property({ reflect: true }) kind = "";
  /** Documents per page, 1 to 100. */
  @property({ type: Number, attribute: "page-size" }) pageSize = 20;
  /** Only the list: no contract and no statement request above it. */
  @property({ type: Boolean, attribute: "list-only" }) listOnly = false;

  /** The file being fetched (bearer mode), and the last such failure. */
  @state() private downloading: string | null = null;
  @state() private downloadError: unknown = null;

  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private polls = 0;

  private readonly list = new PagedList<CabinetDocument>(
    this,
    (cursor, signal, limit) =>
      this.cabinet.session.call((api, c) =>
        api.listDocuments({ kind: isKind(this.kind) ? this.kind : undefined, cursor, limit: limit ?? clampPageSize(this.pageSize) }, c, signal),
      ),
    (cause) => this.noteFailure(cause),
  );

  protected override labels(t: BillingT) {
    return { title: t.documents.title, signedOut: t.documents.signedOut, forbidden: t.documents.forbidden };
  }

  protected override reload(reason: "session" | "change"): void {
    if (reason === "session") this.polls = 0;
    void this.loadPage(reason === "change");
  }

  protected override clear(): void {
    this.list.clear();
    this.stopPolling();
    this.downloadError = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopPolling();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const was = (key: keyof CabDocuments) => changed.has(key) && changed.get(key) !== undefined;
    if ((was("kind") || was("pageSize")) && this.access === "granted") {
      this.polls = 0;
      void this.loadPage(false);
    }
  }

  /** `keepAll`: refresh as many documents as are on screen, so pages got by "Load more" stay. */
  private async loadPage(quiet: boolean, keepAll = false): Promise<void> {
    this.stopPolling();
    await this.list.load("page", quiet, keepAll ? clampPageSize(Math.max(this.list.items.length, this.pageSize)) : undefined);
    this.pollWhileRendering();
  }

  /** A PDF is printed in the background, in seconds: look again, for a while. */
  private pollWhileRendering(): void {
    this.stopPolling();
    if (!this.list.items.some((d) => d.status === "rendering") || this.polls >= RENDERING_POLLS || !this.isConnected) return;
    this.polls++;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      if (this.access === "granted" && this.list.loading === null) void this.loadPage(true, true);
    }, RENDERING_POLL_MS);
  }

  private stopPolling(): void {
    if (this.pollTimer !== null) clearTimeout(this.pollTimer);
    this.pollTimer = null;
  }

  protected override renderContent(t: BillingT): TemplateResult {
    return html`
      <div class="header">
        <slot name="heading"><h2 class="heading" part="heading">${t.documents.title}</h2></slot>
        <label class="field" part="filter">
          <span>${t.documents.filter}</span>
          <select class="input" @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!isKind(this.kind)}>${t.documents.allKinds}</option>
            ${documentKinds.map((k) => html`<option value=${k} ?selected=${this.kind === k}>${t.documents.kinds[k]}</option>`)}
          </select>
        </label>
      </div>
      ${this.downloadError ? html`<p class="error" part="error" role="alert">${describeError(t, this.downloadError)}</p>` : nothing} ${this.renderBody(t)}
      ${this.listOnly ? nothing : this.renderRequests()}
    `;
  }

  /** The contract and the statement request, under this widget's own prefix and settings. */
  private renderRequests() {
    const contract = siblingTag(this, "cab-documents", "cab-contract");
    const statement = siblingTag(this, "cab-documents", "cab-statement-request");
    const reload = () => {
      this.polls = 0;
      if (this.access === "granted") void this.loadPage(true, true);
    };
    return staticHtml`<div class="requests" part="requests">
      <${contract} .apiBase=${this.apiBase} .brand=${this.brand} .auth=${this.auth} .locale=${this.locale} @cab-contract-accepted=${reload}></${contract}>
      <${statement} .apiBase=${this.apiBase} .brand=${this.brand} .auth=${this.auth} .locale=${this.locale} @cab-document-issued=${reload}></${statement}>
    </div>`;
  }

  private renderBody(t: BillingT) {
    const { error, loaded, items, loading } = this.list;
    const failure = renderLoadFailure(t, this.list);
    if (!loaded && !error) return html`<p class="notice" role="status">${t.common.loading}</p>`;
    if (loaded && items.length === 0 && !error) {
      return html`<p class="notice" part="empty" role="status">${isKind(this.kind) ? t.documents.emptyFiltered : t.documents.empty}</p>`;
    }
    if (items.length === 0) return failure;
    return html`
      ${failure}
      <div class="table-wrap" tabindex="0" role="region" aria-label=${t.documents.title}>
        <table part="table" aria-busy=${loading === "page" ? "true" : "false"}>
          <thead>
            <tr>
              <th scope="col">${t.documents.columns.date}</th>
              <th scope="col">${t.documents.columns.document}</th>
              <th scope="col">${t.documents.columns.kind}</th>
              <th scope="col">${t.documents.columns.period}</th>
              <th scope="col">${t.documents.columns.files}</th>
            </tr>
          </thead>
          <tbody>
            ${items.map((d, index) => this.renderRow(d, index, t))}
          </tbody>
        </table>
      </div>
      ${renderListFooter(t.billing, this.list, t.documents.shown(items.length), () => this.loadMore())}
    `;
  }

  private renderRow(d: CabinetDocument, index: number, t: BillingT): TemplateResult {
    // The title is the document's own heading, in the language it was issued in; a document
    // issued in another language than the page's is named here by its kind and number.
    const sameLanguage = d.locale.split("-")[0] === this.cabinet.settings.locale.split("-")[0];
    const title = sameLanguage || !d.number ? d.title : `${t.documents.kinds[d.kind] ?? d.kind} ${d.number}`;
    // An invoice's title may already carry its number ("Invoice NW-2026-000042"): say it once.
    const number = d.number && !title.includes(d.number) ? d.number : null;
    const name = number ? `${title} ${number}` : title;
    return html`
      <tr part="row" data-index=${index}>
        <th scope="row" class="nowrap" tabindex="-1">${this.date(d.createdAt)}</th>
        <td>
          <span class="title">${title}</span>
          ${number ? html`<span class="number">${number}</span>` : nothing}
        </td>
        <td>${t.documents.kinds[d.kind] ?? d.kind}</td>
        <td class="nowrap">${this.period(d)}</td>
        <td>
          <div class="files">
            ${
              d.status === "ready"
                ? this.renderFile(d, "pdf", name, t)
                : d.status === "not_rendered"
                  ? renderBadge("neutral", d.status, t.documents.pdfNotRendered)
                  : renderBadge(
                      d.status === "failed" ? "danger" : "warning",
                      d.status,
                      d.status === "failed" ? t.documents.pdfFailed : t.documents.pdfRendering,
                    )
            }
            ${this.renderFile(d, "html", name, t)}
          </div>
        </td>
      </tr>
    `;
  }

  /** A link with a cookie session (the cookie goes along); a button that fetches with the token in bearer mode. */
  private renderFile(d: CabinetDocument, format: "pdf" | "html", name: string, t: BillingT) {
    const label = format === "pdf" ? t.documents.pdf : t.documents.html;
    // "PDF" alone would be the name of every row's link: the name says which document (and starts with what is seen).
    const accessibleName = t.documents.fileName(label, `${name}, ${this.date(d.createdAt)}`);
    const api = this.cabinet.context!.api;
    if (this.cabinet.settings.auth === "cookie") {
      const href = api.url(api.documentPath(d.id, format)).href;
      // The PDF is an attachment; the HTML opens in a tab of its own, under the core's CSP.
      return format === "pdf"
        ? html`<a class="file" part="download download-pdf" href=${href} download aria-label=${accessibleName}>${label}</a>`
        : html`<a class="file" part="download download-html" href=${href} target="_blank" rel="noopener" aria-label=${`${accessibleName} ${t.documents.newTab}`}
            >${label}</a
          >`;
    }
    const key = `${d.id}/${format}`;
    return html`<button
      class="link-button file"
      part="download download-${format}"
      type="button"
      ?disabled=${this.downloading !== null}
      aria-label=${accessibleName}
      @click=${() => this.download(d, format)}
    >
      ${this.downloading === key ? t.documents.downloading : label}
    </button>`;
  }

  private period(d: CabinetDocument): string {
    if (!d.periodFrom || !d.periodTo) return "";
    const from = new Date(`${d.periodFrom}T00:00:00Z`);
    const to = new Date(`${d.periodTo}T00:00:00Z`);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return "";
    return dateTimeFormat(this.cabinet.settings.locale, { dateStyle: "medium", timeZone: "UTC" }).formatRange(from, to);
  }

  /**
   * Bearer mode: fetch the file with the token and save it. The HTML is saved too, never opened
   * from a blob: such a page would run on the provider's origin without the core's CSP.
   */
  private async download(d: CabinetDocument, format: "pdf" | "html"): Promise<void> {
    if (this.downloading) return;
    this.downloading = `${d.id}/${format}`;
    this.downloadError = null;
    try {
      const api = this.cabinet.context!.api;
      const fallback = `${d.kind}-${(d.number ?? d.id).replace(/[^\w.-]+/g, "_")}.${format}`;
      const { blob, filename } = await this.cabinet.session.call((a, c) => a.download(api.documentPath(d.id, format), {}, c, fallback));
      this.saveFile(blob, filename);
    } catch (cause) {
      this.noteFailure(cause);
      this.downloadError = cause;
    } finally {
      this.downloading = null;
    }
  }

  private async loadMore(): Promise<void> {
    this.stopPolling();
    const firstNew = await this.list.load("more");
    this.pollWhileRendering();
    if (firstNew === null) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`tr[data-index="${firstNew}"] th`)?.focus();
  }
}
