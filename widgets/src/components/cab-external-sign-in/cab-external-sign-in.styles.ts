import { css } from "lit";

/** The provider buttons, and the list of bound identities. */
export const styles = css`
  :host {
    display: block;
  }

  .providers {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    margin-block-start: var(--_space);
  }

  .providers .button {
    width: 100%;
  }

  ul.plain {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }

  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
  }
`;
