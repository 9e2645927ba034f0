import { html, nothing, type PropertyValues } from "lit";
import { property } from "lit/decorators.js";
import type { ServiceHistoryEntry } from "../../runtime/api-types.js";
import { defineElement } from "../../runtime/define-element.js";
import { renderLoadFailure, renderLoadMore } from "../../runtime/list-parts.js";
import { labelTableCells } from "../../runtime/table-labels.js";
import { clampPageSize, PagedList } from "../../runtime/paged-list.js";
import { describeServiceError, statusName } from "../../services/services-element.js";
import { ServiceForm } from "./service-form.js";

/** `<cab-service>`'s history: what happened to the service, newest first, a page at a time. Internal. */
export class CabServiceHistory extends ServiceForm {
  /** Entries per page, 1 to 100. */
  @property({ attribute: false }) pageSize = 10;
  /** Raised by `<cab-service>` when the service moved (a write, a new status): the first page is loaded again, quietly. */
  @property({ attribute: false }) revision = 0;

  private readonly list = new PagedList<ServiceHistoryEntry>(this, (cursor, signal) =>
    this.session.call((api, c) => api.serviceHistory(this.service.id, { cursor, limit: clampPageSize(this.pageSize) }, c, signal)),
  );

  override connectedCallback(): void {
    super.connectedCallback();
    // (Re)attached: a first page of its own (leaving the page cancelled any load).
    if (this.hasUpdated) void this.list.load("page");
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get("service");
    if (!this.hasUpdated || (before && before.id !== this.service.id)) void this.list.load("page");
    else if (changed.has("revision")) void this.list.load("page", true);
  }

  /** Rendered after `<cab-service>`: its cells learn their columns' names here. */
  protected override updated(): void {
    labelTableCells(this);
  }

  private dateTime(iso: string): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? "" : new Intl.DateTimeFormat(this.locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
  }

  protected override render() {
    const t = this.t;
    const list = this.list;
    const actor = t.service.actor;
    const actionName = (code: string) => (Object.prototype.hasOwnProperty.call(t.service.action, code) ? t.service.action[code] : code);
    const describe = (e: ServiceHistoryEntry) => {
      // `provisioning_failed:<action>`: a later provisioner call (a change, a suspension) failed.
      const [code, failedAction] = e.action.split(":", 2);
      const name = failedAction && code === "provisioning_failed" ? t.service.actionFailed(actionName(failedAction)) : actionName(e.action);
      const moved =
        e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? t.service.transition(statusName(t, e.fromStatus), statusName(t, e.toStatus)) : null;
      return moved ? html`${name} <span class="muted">(${moved})</span>` : name;
    };
    return html`<div class="history">
      <h3 class="subheading">${t.service.historyTitle}</h3>
      ${renderLoadFailure(t, list, describeServiceError)}
      ${!list.loaded && !list.error ? html`<p class="notice" role="status">${t.common.loading}</p>` : nothing}
      ${list.loaded && list.items.length === 0 ? html`<p class="notice">${t.service.historyEmpty}</p>` : nothing}
      ${
        list.items.length
          ? html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t.service.historyTitle}>
                <table part="history" aria-busy=${list.loading === "page" ? "true" : "false"}>
                  <thead>
                    <tr>
                      <th scope="col">${t.service.historyColumns.date}</th>
                      <th scope="col">${t.service.historyColumns.event}</th>
                      <th scope="col">${t.service.historyColumns.actor}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${list.items.map(
                      (e) =>
                        html`<tr>
                          <td class="nowrap">${this.dateTime(e.at)}</td>
                          <td>${describe(e)}</td>
                          <td>${actor[e.actor] ?? e.actor}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
              ${
                list.nextCursor
                  ? renderLoadMore({
                      hasMore: true,
                      loading: list.loading,
                      loadMore: t.services.loadMore,
                      loadingMore: t.services.loadingMore,
                      shown: "",
                      onLoadMore: () => void list.load("more"),
                    })
                  : nothing
              }`
          : nothing
      }
    </div>`;
  }
}

defineElement("cab-service-history", CabServiceHistory);
