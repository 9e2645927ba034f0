import { html, nothing, type TemplateResult } from "lit";
import { describeError, type Messages } from "../i18n/index.js";
import { CabinetApiError } from "./api-client.js";
import type { PagedList } from "./paged-list.js";

/**
 * A status badge: the state is in the words; the tone's colour and the shape of its mark
 * only repeat it. `part="badge badge-<status>"` lets a host page style one state.
 */
export function renderBadge(tone: string, status: string, label: string): TemplateResult {
  return html`<span class="badge tone-${tone}" part="badge badge-${status}"><span class="mark" aria-hidden="true"></span>${label}</span>`;
}

/** What the footer under a paged list needs: the labels are the widget's own. */
export interface LoadMoreOptions {
  /** Whether there is a next page (a "Load more" button). */
  hasMore: boolean;
  /** What is loading: a "more" load says so on the button; any load disables it. */
  loading: "page" | "more" | null;
  loadMore: string;
  loadingMore: string;
  /** "N shown", a status message, so the new count is announced. */
  shown: string;
  onLoadMore: () => void;
}

/** The footer under a paged list: "Load more" while there is a next page, and how many are shown. */
export function renderLoadMore(o: LoadMoreOptions): TemplateResult {
  return html`<div class="more">
    ${
      o.hasMore
        ? html`<button class="button secondary" part="button load-more" type="button" ?disabled=${o.loading !== null} @click=${o.onLoadMore}>
            ${o.loading === "more" ? o.loadingMore : o.loadMore}
          </button>`
        : nothing
    }
    <span class="count" role="status">${o.shown}</span>
  </div>`;
}

/**
 * The one way a widget says a load failed: "Couldn't load it.", why (the widget's own wording
 * for the error, `describe`), the error's code for support, and "Try again" (`retry`).
 */
export function renderFailure<M extends Messages>(
  t: M,
  cause: unknown,
  retry: () => void,
  describe: (t: M, cause: unknown) => string = describeError,
): TemplateResult {
  const code = cause instanceof CabinetApiError ? cause.code : null;
  return html`<div class="error" part="error" role="alert">
    <span>${t.common.loadFailed} ${describe(t, cause)}</span>
    ${code ? html`<small class="code" part="error-code">${code}</small>` : nothing}
    <button class="button secondary small" part="button" type="button" @click=${retry}>${t.common.retry}</button>
  </div>`;
}

/** A paged list's last failure, with "Try again" for what failed (the first page or the next). */
export function renderLoadFailure<M extends Messages>(
  t: M,
  list: PagedList<unknown>,
  describe?: (t: M, cause: unknown) => string,
): TemplateResult | typeof nothing {
  const { error } = list;
  return error ? renderFailure(t, error.cause, () => void list.load(error.kind), describe) : nothing;
}

/** The footer under a paged list: "Load more" with the widget's labels, and `shown` ("12 payments shown"). */
export function renderListFooter(
  labels: { loadMore: string; loadingMore: string },
  list: PagedList<unknown>,
  shown: string,
  onLoadMore: () => void,
): TemplateResult {
  return renderLoadMore({ hasMore: !!list.nextCursor, loading: list.loading, ...labels, shown, onLoadMore });
}
