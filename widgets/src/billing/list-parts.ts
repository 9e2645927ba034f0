import { html, nothing, type TemplateResult } from "lit";
import type { BillingT } from "../i18n/billing.js";
import { describeError } from "../i18n/index.js";
import { renderLoadMore } from "../runtime/list-parts.js";
import type { PagedList } from "../runtime/paged-list.js";

/** A paged list's last failure, with "Try again" for what failed (the first page or the next). */
export function renderLoadFailure(t: BillingT, list: PagedList<unknown>): TemplateResult | typeof nothing {
  const { error } = list;
  if (!error) return nothing;
  return html`<div class="error" part="error" role="alert">
          <span>${describeError(t, error.cause)}</span>
          <button class="button secondary small" part="button" type="button" @click=${() => list.load(error.kind)}>${t.common.retry}</button>
        </div>`;
}

/** The footer under a billing widget's paged list: "Load more" and `shown` ("12 payments shown"). */
export function renderListFooter(t: BillingT, list: PagedList<unknown>, shown: string, onLoadMore: () => void): TemplateResult {
  return renderLoadMore({
    hasMore: !!list.nextCursor,
    loading: list.loading,
    loadMore: t.billing.loadMore,
    loadingMore: t.billing.loadingMore,
    shown,
    onLoadMore,
  });
}
