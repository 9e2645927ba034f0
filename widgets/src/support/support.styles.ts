import { css } from "lit";
import { widgetBlocks } from "../theme/blocks.js";

/** What the support widgets draw alike; each widget adds its own layout on top. */
export const supportStyles = [
  ...widgetBlocks,
  css`
    textarea.input {
      min-height: 7rem;
      resize: vertical;
    }

    .form-row {
      display: grid;
      gap: calc(var(--_space) * 0.75);
      grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_space) * 0.5);
    }

    .picker {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75em;
    }

    .picker .choose {
      cursor: pointer;
    }

    .file-input:focus-visible + .choose {
      outline: 2px solid var(--cab-color-focus, var(--_primary));
      outline-offset: 2px;
    }

    .files {
      display: grid;
      gap: calc(var(--_space) * 0.25);
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .files li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5em;
    }

    .ok {
      margin: 0;
      padding: calc(var(--_space) * 0.75);
      border: 1px solid var(--_success);
      border-left-width: 4px;
      border-radius: var(--_radius);
      background: var(--_surface);
    }
  `,
];
