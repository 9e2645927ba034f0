import { css } from "lit";

/** The prompt: a panel over the page while required documents wait, inline otherwise. */
export const styles = css`
  :host {
    display: block;
  }

  .overlay {
    position: fixed;
    inset: 0;
    z-index: 1000;
    display: grid;
    place-items: center;
    padding: var(--_space);
    background: rgb(0 0 0 / 0.45);
  }

  .panel {
    width: min(40rem, 100%);
    max-height: calc(100vh - 2 * var(--_space));
    overflow: auto;
    display: grid;
    gap: var(--_space);
  }

  .document {
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }

  .document .text {
    max-height: 12rem;
    overflow: auto;
    white-space: pre-wrap;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.5);
    background: var(--_background);
  }

  .choice {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
  }
`;
