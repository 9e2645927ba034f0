import { css } from "lit";

/** The balance's own layout; the shared billing styles come first. */
export const styles = css`
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
    gap: calc(var(--_space) * 0.75);
    margin: 0;
  }

  .figure {
    display: grid;
    align-content: start;
    gap: calc(var(--_space) * 0.25);
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
  }

  .figure dt {
    color: var(--_muted);
    font-size: 0.9em;
  }

  .figure dd {
    display: grid;
    margin: 0;
    font-size: 1.1em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }

  .figure.main {
    background: var(--_surface);
    box-shadow: var(--_shadow);
  }

  .figure .amount {
    font-size: 1.6em;
    line-height: 1.2;
  }

  .figure .amount.negative {
    color: var(--_danger);
  }

  .figure .note {
    color: var(--_muted);
    font-size: 0.8em;
    font-weight: 400;
  }

  .amount-input {
    max-width: 14rem;
    font-variant-numeric: tabular-nums;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
  }
`;
