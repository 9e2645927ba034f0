import { css } from "lit";
import { controls, themeTokens } from "./tokens.js";

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

/** Form fields, hints and field errors, small and link-like buttons, muted text; a disabled action says why beside it. */
export const forms = css`
  .subheading {
    margin: 0;
    font-size: 1.05em;
    line-height: 1.3;
  }

  .muted {
    color: var(--_muted);
  }

  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: calc(var(--_space) * 0.5) var(--_space);
  }

  .field {
    display: grid;
    gap: calc(var(--_space) * 0.25);
  }

  .field > span,
  .field > label,
  legend {
    font-weight: 600;
  }

  .filters .input {
    width: auto;
    min-width: 9rem;
  }

  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9em;
  }

  .field-error {
    margin: 0;
    color: var(--_danger);
    font-size: 0.9em;
    font-weight: 600;
  }

  a.button {
    text-decoration: none;
  }

  .button.small {
    min-height: 2rem;
    padding: calc(var(--_space) * 0.25) calc(var(--_space) * 0.75);
    font-size: 0.9em;
  }

  /* A disabled action says why, so it is not only greyed out. */
  .button[disabled][aria-disabled="true"],
  .button[aria-disabled="true"] {
    cursor: not-allowed;
    filter: grayscale(0.6);
  }

  .link-button {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_primary);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }

  .link-button:focus-visible,
  a:focus-visible,
  input[type="radio"]:focus-visible,
  [tabindex="-1"]:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  a {
    color: var(--_primary);
  }
`;

/** Tables of money: they scroll sideways on a narrow screen, amounts right-aligned. */
export const tables = css`
  /*
   * Tables scroll sideways inside their box on a narrow screen rather than squeezing the
   * amounts or widening the page; a shade at an edge says there is more that way (the covers
   * scroll with the content, the shades stay with the box).
   */
  .table-wrap {
    overflow-x: auto;
    overscroll-behavior-x: contain;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background:
      linear-gradient(to right, var(--_surface) 40%, transparent) left center / 2.5rem 100% no-repeat local,
      linear-gradient(to left, var(--_surface) 40%, transparent) right center / 2.5rem 100% no-repeat local,
      radial-gradient(farthest-side at 0 50%, rgb(0 0 0 / 16%), transparent) left center / 0.9rem 100% no-repeat scroll,
      radial-gradient(farthest-side at 100% 50%, rgb(0 0 0 / 16%), transparent) right center / 0.9rem 100% no-repeat scroll,
      var(--_surface);
    box-shadow: var(--_shadow);
  }

  .table-wrap:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.95em;
  }

  th,
  td {
    padding: calc(var(--_space) * 0.6) calc(var(--_space) * 0.75);
    border-bottom: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }

  thead th {
    color: var(--_muted);
    font-size: 0.85em;
    font-weight: 600;
    white-space: nowrap;
    background: var(--_background);
  }

  tbody tr:last-child > * {
    border-bottom: 0;
  }

  tbody th {
    font-weight: 400;
  }

  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }

  .nowrap {
    white-space: nowrap;
  }

  table[aria-busy="true"] {
    opacity: 0.6;
  }

  /*
   * In a narrow box (a phone) the rows of a table of three columns or more (data-stack, set by
   * the runtime) become cards: each cell on a line of its own,
   * its column's name beside it (data-label, set from the header row by the runtime), the
   * header row hidden but still read by screen readers; nothing to scroll sideways.
   */
  .table-wrap {
    container-type: inline-size;
  }

  @container (max-width: 30rem) {
    table[data-stack],
    [data-stack] > thead,
    [data-stack] > tbody,
    [data-stack] > tfoot,
    [data-stack] tr,
    [data-stack] th,
    [data-stack] td {
      display: block;
    }

    [data-stack] > thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }

    [data-stack] > tbody > tr,
    [data-stack] > tfoot > tr {
      padding: calc(var(--_space) * 0.5) calc(var(--_space) * 0.75);
      border-bottom: 1px solid var(--_border);
    }

    [data-stack] > tbody > tr:last-child,
    [data-stack] > tfoot > tr:last-child {
      border-bottom: 0;
    }

    [data-stack] th,
    [data-stack] td {
      display: grid;
      grid-template-columns: minmax(6.5rem, 35%) 1fr;
      gap: calc(var(--_space) * 0.75);
      padding: calc(var(--_space) * 0.15) 0;
      border-bottom: 0;
      text-align: start;
      white-space: normal;
    }

    [data-stack] th:not([data-label]),
    [data-stack] td:not([data-label]) {
      grid-template-columns: 1fr;
    }

    [data-stack] th[data-label]::before,
    [data-stack] td[data-label]::before {
      content: attr(data-label);
      color: var(--_muted);
      font-size: 0.85em;
      font-weight: 600;
    }

    [data-stack] th:empty,
    [data-stack] td:empty {
      display: none;
    }

    [data-stack] .num {
      text-align: start;
    }
  }
`;

/** The outcome of an action (a payment, an order): success and pending are status messages, failures alerts. */
export const outcomes = css`
  .outcome {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(var(--_space) * 0.5);
    margin: 0;
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_tone, var(--_border));
    border-left-width: 4px;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }

  .outcome strong {
    color: var(--_tone, var(--_text));
  }

  .outcome p {
    margin: 0;
  }

  .error {
    flex-wrap: wrap;
    align-items: center;
  }
`;

/**
 * Boxes: a card of a list or an action (a bordered surface with the theme's shadow), a box of
 * its own without the shadow (a form), and an inset on the page's background (payment
 * instructions, a price).
 */
export const cards = css`
  .box,
  .card {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .card {
    box-shadow: var(--_shadow);
  }

  .inset {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
  }
`;

/**
 * Everything a family of widgets (billing, services, support) draws alike: the tokens, the
 * controls and every block, in the order later rules rely on; the family's and the widget's
 * own styles come after.
 */
export const widgetBlocks = [themeTokens, controls, layout, forms, badges, tables, lists, outcomes, cards];
