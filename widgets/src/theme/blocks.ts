import { css } from "lit";

/**
 * Blocks more than one widget draws alike, after `themeTokens` and `controls`. A widget that
 * draws one a little differently says so in its own styles, after these.
 */

/** The widget's column, its header and heading, and the dashed "nothing here" notice. */
export const layout = css`
  .wrap {
    display: grid;
    gap: var(--_space);
  }

  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    justify-content: space-between;
    gap: calc(var(--_space) * 0.5) var(--_space);
  }

  .heading,
  ::slotted([slot="heading"]) {
    margin: 0;
    font-size: 1.25em;
    line-height: 1.3;
  }

  .notice {
    margin: 0;
    padding: var(--_space);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
    color: var(--_muted);
  }
`;

/** Status badges (`renderBadge`). The state is in the words; colour and the shape of the mark only repeat it. */
export const badges = css`
  .badge {
    --_tone: var(--_muted);
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    padding: 0.1em 0.6em;
    border: 1px solid color-mix(in srgb, var(--_tone) 35%, transparent);
    border-radius: 999px;
    background: color-mix(in srgb, var(--_tone) 10%, var(--_surface));
    color: var(--_tone);
    font-size: 0.85em;
    font-weight: 600;
    white-space: nowrap;
  }

  .badge .mark {
    width: 0.6em;
    height: 0.6em;
    background: currentColor;
  }

  .tone-success {
    --_tone: var(--_success);
  }
  .tone-success .mark {
    border-radius: 50%;
  }
  .tone-warning {
    --_tone: var(--_warning);
  }
  .tone-warning .mark {
    transform: rotate(45deg);
  }
  .tone-danger {
    --_tone: var(--_danger);
  }
  .tone-neutral .mark {
    height: 0.15em;
  }
`;

/** A list of cards (`<ul class="list">`), dimmed while a new first page loads, and its "Load more" footer (`renderLoadMore`). */
export const lists = css`
  .list {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .list[aria-busy="true"] {
    opacity: 0.6;
  }

  .more {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }

  .count {
    color: var(--_muted);
    font-size: 0.9em;
  }
`;
