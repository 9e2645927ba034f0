import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { accessApi, type AuditEntry, type AuditFilters } from "../../access/access-api.js";
import { AccessElement } from "../../access/access-element.js";
import type { AccessT } from "../../i18n/access.js";
import { describeError } from "../../i18n/index.js";
import type { Section } from "../../runtime/rights.js";
import { renderListFooter, renderLoadFailure } from "../../runtime/list-parts.js";
import { clampPageSize, PagedList } from "../../runtime/paged-list.js";
import { widgetBlocks } from "../../theme/blocks.js";
import { styles } from "./cab-audit.styles.js";

const actorKinds = ["user", "staff", "system", "handoff"] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The account's audit log, newest first: when, who (a user, a staff member — also one inside
 * the client's area, "sign in as client" — the system, or the provider's site), what and from
 * where (IP and browser). Filters by kind of action, by who and by dates; "Load more" pages on;
 * "Download CSV" exports what the filters select (with the `audit: export` right).
 *
 * For the owner and users whose role grants `audit: view`; others see why not.
 *
 * @csspart heading - The heading.
 * @csspart filters - The filter form.
 * @csspart table - The `<table>` of entries; `entry` one row, `data-action` its action.
 * @csspart export - The "Download CSV" button.
 * @csspart empty - The "nothing recorded" message.
 * @csspart error - A failure (`role="alert"`), with a retry button.
 * @csspart button - Buttons.
 * @csspart load-more - The "Load more" button.
 * @csspart signed-out - The "sign in" message.
 * @csspart forbidden - The "no access" message.
 *
 * @cssproperty --cab-color-primary - Buttons. See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-audit page-size="25"></cab-audit>
 * ```
 *
 * @tag cab-audit
 */
export class CabAudit extends AccessElement {
  static override styles = [...widgetBlocks, styles];
  protected override readonly permission: Section = "audit";

  /** Entries per page, 1 to 100. */
  @property({ type: Number, attribute: "page-size" }) pageSize = 25;

  /** The filters applied; the form edits a copy until "Apply". */
  @state() private filters: AuditFilters = {};
  @state() private form: AuditFilters = {};
  @state() private exportError: unknown = null;

  private readonly list = new PagedList<AuditEntry>(
    this,
    (cursor, signal) =>
      this.cabinet.session.call((api, c) => accessApi.audit(api, { ...this.filters, cursor, limit: clampPageSize(this.pageSize) }, c, signal)),
    (cause) => this.noteFailure(cause),
  );

  protected override labels(t: AccessT) {
    return { title: t.audit.title, signedOut: t.audit.signedOut, forbidden: t.audit.forbidden };
  }

  protected override reload(): void {
    void this.list.load("page");
  }

  protected override clear(): void {
    this.list.clear();
    this.exportError = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has("pageSize") && changed.get("pageSize") !== undefined && this.access === "granted") void this.list.load("page");
  }

  private apply(event: Event) {
    event.preventDefault();
    const f = this.form;
    this.filters = {
      ...(f.action ? { action: f.action } : {}),
      ...(f.actorKind ? { actorKind: f.actorKind } : {}),
      ...(f.from && DATE.test(f.from) ? { from: f.from } : {}),
      ...(f.to && DATE.test(f.to) ? { to: f.to } : {}),
    };
    void this.list.load("page");
  }

  private async exportCsv() {
    if (this.busy) return;
    this.busy = "export";
    this.exportError = null;
    try {
      const { blob, filename } = await this.cabinet.session.call((api, c) => api.download(accessApi.auditCsvPath, { ...this.filters }, c, "audit.csv"));
      this.saveFile(blob, filename);
    } catch (cause) {
      this.exportError = cause;
    } finally {
      this.busy = null;
    }
  }

  protected override renderContent(t: AccessT): TemplateResult {
    return html`
      <div class="header">
        <h2 class="heading" part="heading">${t.audit.title}</h2>
        ${
          this.can("audit", "export")
            ? html`<button class="button secondary" part="button export" type="button" ?disabled=${this.busy !== null} @click=${() => this.exportCsv()}>
                ${this.busy === "export" ? t.audit.exporting : t.audit.exportCsv}
              </button>`
            : nothing
        }
      </div>
      ${this.exportError ? html`<p class="error" part="error" role="alert">${describeError(t, this.exportError)}</p>` : nothing} ${this.renderFilters(t)}
      ${this.renderBody(t)}
    `;
  }

  private renderFilters(t: AccessT) {
    const set = (patch: AuditFilters) => (this.form = { ...this.form, ...patch });
    const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;
    return html`<form class="filters" part="filters" @submit=${this.apply}>
      <label class="field"
        ><span>${t.audit.action}</span>
        <select class="input" .value=${this.form.action ?? ""} @change=${(e: Event) => set({ action: value(e) || undefined })}>
          <option value="">${t.audit.actionAll}</option>
          ${Object.entries(t.audit.actionGroups).map(([prefix, label]) => html`<option value=${prefix}>${label}</option>`)}
        </select></label
      >
      <label class="field"
        ><span>${t.audit.actorKind}</span>
        <select
          class="input"
          .value=${this.form.actorKind ?? ""}
          @change=${(e: Event) => set({ actorKind: (value(e) || undefined) as AuditFilters["actorKind"] })}
        >
          <option value="">${t.audit.actorKinds.all}</option>
          ${actorKinds.map((k) => html`<option value=${k}>${t.audit.actorKinds[k]}</option>`)}
        </select></label
      >
      <label class="field"
        ><span>${t.audit.from}</span
        ><input class="input" type="date" .value=${this.form.from ?? ""} @change=${(e: Event) => set({ from: value(e) || undefined })}
      /></label>
      <label class="field"
        ><span>${t.audit.to}</span><input class="input" type="date" .value=${this.form.to ?? ""} @change=${(e: Event) => set({ to: value(e) || undefined })}
      /></label>
      <button class="button secondary" part="button" type="submit">${t.audit.apply}</button>
    </form>`;
  }

  private renderBody(t: AccessT) {
    const { error, loaded, items, loading } = this.list;
    if (!loaded && !error) return html`<p class="notice" role="status">${t.common.loading}</p>`;
    if (loaded && items.length === 0 && !error) return html`<p class="notice" part="empty" role="status">${t.audit.empty}</p>`;
    return html`${renderLoadFailure(t, this.list)}
    ${
      items.length
        ? html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t.audit.title}>
              <table part="table" aria-busy=${loading === "page" ? "true" : "false"}>
                <thead>
                  <tr>
                    <th scope="col">${t.audit.columns.at}</th>
                    <th scope="col">${t.audit.columns.actor}</th>
                    <th scope="col">${t.audit.columns.action}</th>
                    <th scope="col">${t.audit.columns.from}</th>
                  </tr>
                </thead>
                <tbody>
                  ${items.map((e) => this.renderEntry(t, e))}
                </tbody>
              </table>
            </div>
            ${renderListFooter(t.audit, this.list, t.audit.shown(items.length), () => void this.list.load("more"))}`
        : nothing
    }`;
  }

  private renderEntry(t: AccessT, e: AuditEntry) {
    const who = e.actor.kind === "system" ? t.audit.system : e.actor.name;
    return html`<tr part="entry" data-action=${e.action} data-actor-kind=${e.actor.kind}>
      <th scope="row" class="nowrap">${new Date(e.at).toLocaleString(this.cabinet.settings.locale)}</th>
      <td>
        ${who} ${e.actor.kind === "staff" || e.actor.kind === "handoff" ? html`<span class="badge">${t.audit.actorKinds[e.actor.kind]}</span>` : nothing}
        ${e.actor.staffId && e.actor.kind !== "staff" ? html`<br /><span class="hint">${t.audit.staffAs(e.actor.staffId)}</span>` : nothing}
      </td>
      <td>${t.audit.actions[e.action] ?? html`<code>${e.action}</code>`}${e.target ? html`<br /><span class="muted">${e.target.id}</span>` : nothing}</td>
      <td>${e.actor.ip ?? ""}${e.actor.userAgent ? html`<br /><span class="muted ua" title=${e.actor.userAgent}>${e.actor.userAgent}</span>` : nothing}</td>
    </tr>`;
  }
}
