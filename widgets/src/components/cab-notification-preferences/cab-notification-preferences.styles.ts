import { css } from "lit";

/** The events × channels table and the Telegram binding; the shared support styles come first. */
export const styles = css`
  .form-plain {
    display: grid;
    gap: var(--_space);
  }

  .channel {
    text-align: center;
  }

  td.channel input {
    width: 1.15rem;
    height: 1.15rem;
    margin: 0;
    accent-color: var(--_primary);
  }

  td.channel input:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  tr.group th {
    background: var(--_background);
    font-weight: 700;
  }

  .saved {
    color: var(--_success);
    font-weight: 600;
  }

  .telegram {
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }

  .telegram p {
    margin: 0;
  }

  .code {
    display: grid;
    gap: calc(var(--_space) * 0.25);
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
  }
`;
