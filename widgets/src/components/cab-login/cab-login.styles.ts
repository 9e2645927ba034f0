import { css } from "lit";
import { controls, themeTokens } from "../../theme/tokens.js";

export const styles = [
  themeTokens,
  controls,
  css`
    .card {
      display: grid;
      gap: var(--_space);
    }

    .heading,
    ::slotted([slot="heading"]) {
      margin: 0;
      font-size: 1.25em;
      line-height: 1.3;
    }

    form {
      display: grid;
      gap: var(--_space);
    }

    .field {
      display: grid;
      gap: calc(var(--_space) * 0.25);
    }

    label {
      font-weight: 600;
    }

    .signed-in {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_space) * 0.75);
    }

    .avatar {
      display: inline-grid;
      place-items: center;
      width: 2.5rem;
      height: 2.5rem;
      border-radius: 50%;
      background: var(--_primary);
      color: var(--_on-primary);
      font-weight: 700;
    }

    .who {
      flex: 1 1 12rem;
      margin: 0;
    }

    .who strong {
      display: block;
    }

    .muted {
      color: var(--_muted);
    }

    .switch {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      margin: 0;
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

    .notice {
      margin: 0;
    }

    .legal {
      display: grid;
      gap: calc(var(--_space) * 0.25);
    }

    .legal summary {
      color: var(--_primary);
      text-decoration: underline;
      cursor: pointer;
    }

    .legal-text {
      max-height: 12rem;
      overflow: auto;
      margin-top: calc(var(--_space) * 0.25);
      padding: calc(var(--_space) * 0.5);
      border: 1px solid var(--_border);
      white-space: pre-wrap;
    }

    .consent {
      display: flex;
      gap: calc(var(--_space) * 0.5);
      align-items: flex-start;
      font-weight: 400;
    }

    .loading {
      margin: 0;
      color: var(--_muted);
    }
  `,
];
