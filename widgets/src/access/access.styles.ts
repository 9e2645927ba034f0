import { css } from "lit";

/** What the access widgets draw alike: stacks, rows of buttons, checkbox groups, the rights table. */
export const accessBlocks = css`
  .stack {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }

  .row,
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
  }

  ul.plain {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  fieldset.choices {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5) var(--_space);
    margin: 0;
    padding: calc(var(--_space) * 0.5) calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  fieldset.choices .hint {
    flex-basis: 100%;
  }

  .check {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
  }

  .check input {
    width: 1.1em;
    height: 1.1em;
    accent-color: var(--_primary);
  }

  .button.danger {
    border-color: var(--_danger);
    color: var(--_danger);
  }

  .button.danger:not(.secondary) {
    background: var(--_danger);
    color: var(--_on-primary);
  }

  details > summary {
    cursor: pointer;
  }

  table.rights td,
  table.rights th {
    padding: calc(var(--_space) * 0.4);
    text-align: center;
  }

  table.rights tbody th {
    text-align: start;
  }

  code {
    font-size: 0.9em;
  }
`;
