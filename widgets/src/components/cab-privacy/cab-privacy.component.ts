import { html, nothing, type TemplateResult } from "lit";
import { state } from "lit/decorators.js";
import type { PrivacyT } from "../../i18n/privacy.js";
import { describeError } from "../../i18n/index.js";
import { renderReauthFields } from "../../forms/form-parts.js";
import { renderFailure } from "../../runtime/list-parts.js";
import { widgetBlocks } from "../../theme/blocks.js";
import { PrivacyElement } from "../../privacy/privacy-element.js";
import { privacyApi, type ConsentDecision, type ConsentRecord, type Consents, type DataExport, type PrivacyRequest } from "../../privacy/privacy-api.js";
import { styles } from "./cab-privacy.styles.js";

const POLL_MS = 1500;

/**
 * The signed-in user's privacy page: the brand's legal documents in force with their decision
 * on each (optional ones — marketing by e-mail or SMS — accepted or declined at any time), the
 * history of their decisions, an export of everything held about them (prepared in the
 * background with its progress, downloaded as a ZIP of JSON and CSV for 7 days), and requests
 * to erase their data or restrict its processing.
 *
 * @event cab-data-export-ready - `detail: { exportId }` when an export being watched is ready. Bubbles, is composed.
 * @event cab-privacy-request-filed - `detail: { request }`. Bubbles, is composed.
 *
 * @csspart heading - The headings.
 * @csspart documents - The documents with the decisions.
 * @csspart history - The list of decisions.
 * @csspart export - The export section.
 * @csspart export-request - The "Prepare my data" button.
 * @csspart export-password - The password field that re-authenticates the request; `export-code` the second factor's code.
 * @csspart export-download - The "Download" button of a ready export.
 * @csspart requests - The erasure and restriction section.
 * @csspart error - A failure (`role="alert"`).
 * @csspart button - Buttons.
 * @csspart signed-out - The "sign in" message.
 *
 * @cssproperty --cab-color-primary - Buttons and the progress bar. See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-privacy></cab-privacy>
 * ```
 *
 * @tag cab-privacy
 */
export class CabPrivacy extends PrivacyElement {
  static override styles = [...widgetBlocks, styles];

  @state() private consents: Consents | null = null;
  @state() private history: ConsentRecord[] = [];
  @state() private exports: DataExport[] = [];
  @state() private requests: PrivacyRequest[] = [];
  @state() private error: unknown = null;
  @state() private busy: string | null = null;
  @state() private requestKind: PrivacyRequest["kind"] = "erasure";
  @state() private reason = "";
  @state() private requestSent = false;
  @state() private exportPassword = "";
  @state() private exportCode = "";

  /** Everything the widget shows, asked together. */
  private readonly snapshot = this.resource((api, c, signal) =>
    Promise.all([
      privacyApi.consents(api, c, signal),
      privacyApi.history(api, c, signal),
      privacyApi.exports(api, c, signal),
      privacyApi.requests(api, c, signal),
    ]),
  );
  private poll: ReturnType<typeof setTimeout> | null = null;

  protected override labels(t: PrivacyT) {
    return { title: t.privacy.title, signedOut: t.privacy.signedOut, forbidden: t.privacy.forbidden };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopPolling();
  }

  protected override reload(): void {
    void this.load();
  }

  protected override clear(): void {
    this.stopPolling();
    this.consents = null;
    this.history = [];
    this.exports = [];
    this.requests = [];
    this.error = null;
    this.requestSent = false;
  }

  private stopPolling(): void {
    if (this.poll) clearTimeout(this.poll);
    this.poll = null;
  }

  private async load(): Promise<void> {
    const loaded = await this.snapshot.load();
    if (!loaded) return;
    const [consents, history, exports, requests] = loaded;
    this.consents = consents;
    this.history = history.items;
    this.showExports(exports.items);
    this.requests = requests.items;
    this.error = null;
  }

  /** Shows the exports and, while one is being prepared, looks again shortly. */
  private showExports(items: DataExport[]): void {
    const wasBuilding = new Set(this.exports.filter((e) => e.status === "queued" || e.status === "building").map((e) => e.id));
    this.exports = items;
    for (const e of items) if (e.status === "ready" && wasBuilding.has(e.id)) this.emit("cab-data-export-ready", { exportId: e.id });
    this.stopPolling();
    if (items.some((e) => e.status === "queued" || e.status === "building")) {
      this.poll = setTimeout(async () => {
        try {
          const { items: next } = await this.cabinet.session.call((api, c) => privacyApi.exports(api, c));
          this.showExports(next);
        } catch (cause) {
          this.error = cause;
        }
      }, POLL_MS);
    }
  }

  private async run(key: string, work: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = key;
    this.error = null;
    try {
      await work();
    } catch (cause) {
      this.noteFailure(cause);
      this.error = cause;
    } finally {
      this.busy = null;
    }
  }

  private decide(documentId: string, decision: ConsentDecision) {
    return this.run(`decide:${documentId}`, async () => {
      await this.cabinet.session.call((api, c) => privacyApi.decide(api, [{ documentId, decision }], c));
      await this.load();
    });
  }

  private requestExport() {
    return this.run("export", async () => {
      const reauth = { ...(this.exportPassword ? { password: this.exportPassword } : {}), ...(this.exportCode.trim() ? { code: this.exportCode.trim() } : {}) };
      await this.cabinet.session.call((api, c) => privacyApi.requestExport(api, reauth, c));
      this.exportPassword = "";
      this.exportCode = "";
      const { items } = await this.cabinet.session.call((api, c) => privacyApi.exports(api, c));
      this.showExports(items);
    });
  }

  private downloadExport(e: DataExport) {
    return this.run(`download:${e.id}`, async () => {
      const path = privacyApi.exportPath(e.id);
      const { blob, filename } = await this.cabinet.session.call((api, c) => api.download(path, {}, c, `personal-data-${e.id}.zip`));
      this.saveFile(blob, filename);
    });
  }

  private fileRequest(event: Event) {
    event.preventDefault();
    if (!confirm(this.t.privacy.confirmRequest)) return;
    return this.run("request", async () => {
      const request = await this.cabinet.session.call((api, c) => privacyApi.fileRequest(api, this.requestKind, this.reason.trim(), c));
      this.requests = [request, ...this.requests];
      this.reason = "";
      this.requestSent = true;
      this.emit("cab-privacy-request-filed", { request });
    });
  }

  protected override renderContent(t: PrivacyT): TemplateResult {
    return html`
      <h2 class="heading" part="heading">${t.privacy.title}</h2>
      ${this.snapshot.error ? renderFailure(t, this.snapshot.error, () => void this.load()) : nothing}
      ${this.error ? html`<p class="error" part="error" role="alert">${describeError(t, this.error)}</p>` : nothing}
      ${this.consents ? this.renderDocuments(t, this.consents) : this.error || this.snapshot.error ? nothing : html`<p class="notice" role="status">${t.common.loading}</p>`}
      ${this.renderHistory(t)} ${this.renderExport(t)} ${this.renderRequests(t)}
    `;
  }

  private renderDocuments(t: PrivacyT, consents: Consents) {
    return html`<section class="part" part="documents" aria-labelledby="privacy-documents">
      <h3 class="subheading" id="privacy-documents">${t.privacy.documents}</h3>
      <ul class="plain">
        ${consents.documents.map(
          (d) =>
            html`<li class="row" data-kind=${d.kind}>
              <strong>${d.title}</strong>
              <span class="muted">${t.consent.version(d.version, this.date(d.effectiveAt))}</span>
              <span class="badge">${d.decision ? t.privacy.decision[d.decision] : t.privacy.decision.none}</span>
              ${
                d.decision !== "accepted"
                  ? html`<button class="button small" part="button" type="button" ?disabled=${this.busy !== null} @click=${() => this.decide(d.id, "accepted")}>
                      ${t.privacy.accept}
                    </button>`
                  : nothing
              }
              ${
                !d.mustAgree && d.decision !== "declined"
                  ? html`<button
                      class="button secondary small"
                      part="button"
                      type="button"
                      ?disabled=${this.busy !== null}
                      @click=${() => this.decide(d.id, "declined")}
                    >
                      ${t.privacy.decline}
                    </button>`
                  : nothing
              }
            </li>`,
        )}
      </ul>
    </section>`;
  }

  private renderHistory(t: PrivacyT) {
    const titles = new Map((this.consents?.documents ?? []).map((d) => [d.kind, d.title]));
    return html`<section class="part" part="history" aria-labelledby="privacy-history">
      <h3 class="subheading" id="privacy-history">${t.privacy.history}</h3>
      ${
        this.history.length === 0
          ? html`<p class="muted">${t.privacy.historyEmpty}</p>`
          : html`<ul class="plain">
              ${this.history.map((r) => html`<li>${t.privacy.historyRow(titles.get(r.kind) ?? r.kind, r.version, t.privacy.decision[r.decision], this.date(r.decidedAt), r.ip)}</li>`)}
            </ul>`
      }
    </section>`;
  }

  private renderExport(t: PrivacyT) {
    const building = this.exports.some((e) => e.status === "queued" || e.status === "building");
    return html`<section class="part" part="export" aria-labelledby="privacy-export">
      <h3 class="subheading" id="privacy-export">${t.privacy.exportTitle}</h3>
      <p class="muted">${t.privacy.exportIntro}</p>
      <div class="row">
        ${renderReauthFields({
          password: { label: t.privacy.exportPassword, part: "export-password", value: this.exportPassword, onInput: (v) => (this.exportPassword = v) },
          code: { label: t.privacy.exportCode, part: "export-code", maxlength: 32, value: this.exportCode, onInput: (v) => (this.exportCode = v) },
        })}
        <button class="button" part="button export-request" type="button" ?disabled=${this.busy !== null || building} @click=${() => this.requestExport()}>
          ${this.busy === "export" ? t.privacy.exportRequesting : t.privacy.exportRequest}
        </button>
      </div>
      <ul class="plain" aria-live="polite">
        ${this.exports.slice(0, 5).map(
          (e) =>
            html`<li class="row" data-export=${e.id} data-status=${e.status}>
              <span>${this.date(e.createdAt)}</span>
              <span class="badge">${t.privacy.exportStatus[e.status]}</span>
              ${
                e.status === "queued" || e.status === "building"
                  ? html`<progress max="100" value=${e.progress} aria-label=${t.privacy.exportProgress(e.progress)}></progress
                      ><span class="muted">${t.privacy.exportProgress(e.progress)}</span>`
                  : nothing
              }
              ${
                e.status === "ready"
                  ? html`<button
                        class="button small"
                        part="button export-download"
                        type="button"
                        ?disabled=${this.busy !== null}
                        @click=${() => this.downloadExport(e)}
                      >
                        ${t.privacy.exportDownload}
                      </button>
                      ${e.expiresAt ? html`<span class="muted">${t.privacy.exportExpires(this.date(e.expiresAt))}</span>` : nothing}`
                  : nothing
              }
            </li>`,
        )}
      </ul>
    </section>`;
  }

  private renderRequests(t: PrivacyT) {
    return html`<section class="part" part="requests" aria-labelledby="privacy-requests">
      <h3 class="subheading" id="privacy-requests">${t.privacy.requestsTitle}</h3>
      <p class="muted">${t.privacy.requestsIntro}</p>
      <form class="row" @submit=${this.fileRequest}>
        <select
          class="input"
          aria-label=${t.privacy.requestsTitle}
          .value=${this.requestKind}
          @change=${(e: Event) => (this.requestKind = (e.target as HTMLSelectElement).value as PrivacyRequest["kind"])}
        >
          <option value="erasure">${t.privacy.requestKind.erasure}</option>
          <option value="restriction">${t.privacy.requestKind.restriction}</option>
        </select>
        <textarea
          class="input"
          maxlength="2000"
          aria-label=${t.privacy.reason}
          placeholder=${t.privacy.reason}
          .value=${this.reason}
          @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        <button class="button secondary" part="button" type="submit" ?disabled=${this.busy !== null}>${t.privacy.fileRequest}</button>
      </form>
      ${this.requestSent ? html`<p class="notice" role="status">${t.privacy.requestSent}</p>` : nothing}
      <ul class="plain">
        ${this.requests.map((r) => html`<li class="row"><span>${t.privacy.requestKind[r.kind]}</span><span class="badge">${t.privacy.requestStatus[r.status]}</span><span class="muted">${this.date(r.createdAt)}</span>${r.staffNote ? html`<span>${r.staffNote}</span>` : nothing}</li>`)}
      </ul>
    </section>`;
  }
}
