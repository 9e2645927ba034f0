import { css } from "lit";

/** A compact control: it sits in a page's header as well as in a column. */
export const styles = css`
  :host {
    display: block;
  }

  .wrap {
    gap: calc(var(--_space) * 0.5);
  }

  .switcher {
    display: grid;
    gap: calc(var(--_space) * 0.25);
  }

  .label {
    font-weight: 600;
    font-size: 0.9em;
  }

  select.input {
    max-width: 100%;
  }
`;
