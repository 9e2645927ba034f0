import { css } from "lit";
import { widgetBlocks } from "../../theme/blocks.js";

export const styles = [
  ...widgetBlocks,
  css`
    form {
      display: grid;
      gap: var(--_space);
    }
    fieldset {
      display: grid;
      gap: var(--_space);
      margin: 0;
      padding: var(--_space);
      border: 1px solid var(--cab-color-border, #d0d5dd);
      border-radius: var(--cab-radius, 8px);
    }
    legend {
      font-weight: 600;
      padding: 0 0.25em;
    }
    .form-row {
      display: grid;
      gap: calc(var(--_space) * 0.75);
      grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    }
    .qr svg {
      width: 12rem;
      height: 12rem;
    }
    .codes {
      columns: 2;
      font-family: var(--cab-font-mono, monospace);
    }
    .session,
    .passkey {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      align-items: baseline;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_space) * 0.5);
      align-items: center;
    }
    .sr-only {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    .ok {
      color: var(--cab-color-success, #067647);
      margin: 0;
    }
  `,
];
