import { css } from "lit";

/**
 * The public theme of every widget: `--cab-*` custom properties a provider sets anywhere
 * above the widgets (they inherit through shadow DOM). Each widget reads them through the
 * private `--_*` names below, so the defaults live in one place.
 *
 * | property | default | used for |
 * | --- | --- | --- |
 * | `--cab-font-family` | inherit | all text |
 * | `--cab-font-size` | 1rem | base size |
 * | `--cab-color-text` | #1f2937 | body text |
 * | `--cab-color-muted` | #5b6472 | secondary text (4.5:1 on white) |
 * | `--cab-color-surface` | #ffffff | cards and inputs |
 * | `--cab-color-background` | #f6f7f9 | subtle fills |
 * | `--cab-color-border` | #d4d8de | borders |
 * | `--cab-color-primary` | #2457c5 | buttons, links |
 * | `--cab-color-on-primary` | #ffffff | text on primary |
 * | `--cab-color-focus` | primary | focus rings |
 * | `--cab-color-danger` | #b42318 | errors, failed states |
 * | `--cab-color-success` | #067647 | active state |
 * | `--cab-color-warning` | #b54708 | pending, suspended |
 * | `--cab-radius` | 8px | corners |
 * | `--cab-spacing` | 1rem | the spacing unit; gaps are multiples of it |
 * | `--cab-shadow` | a soft shadow | cards |
 */
export const themeTokens = css`
  :host {
    --_font: var(--cab-font-family, inherit);
    --_font-size: var(--cab-font-size, 1rem);
    --_text: var(--cab-color-text, #1f2937);
    --_muted: var(--cab-color-muted, #5b6472);
    --_surface: var(--cab-color-surface, #ffffff);
    --_background: var(--cab-color-background, #f6f7f9);
    --_border: var(--cab-color-border, #d4d8de);
    --_primary: var(--cab-color-primary, #2457c5);
    --_on-primary: var(--cab-color-on-primary, #ffffff);
    --_focus: var(--cab-color-focus, var(--_primary));
    --_danger: var(--cab-color-danger, #b42318);
    --_success: var(--cab-color-success, #067647);
    --_warning: var(--cab-color-warning, #b54708);
    --_radius: var(--cab-radius, 8px);
    --_space: var(--cab-spacing, 1rem);
    --_shadow: var(--cab-shadow, 0 1px 2px rgb(16 24 40 / 6%), 0 1px 3px rgb(16 24 40 / 10%));

    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.5;
    color: var(--_text);
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
`;

/** Buttons, inputs and messages as every widget draws them. */
export const controls = css`
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }

  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: calc(var(--_space) * 0.5);
    min-height: 2.5rem;
    padding: calc(var(--_space) * 0.5) calc(var(--_space) * 1.25);
    border: 1px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
    cursor: pointer;
  }

  .button:hover {
    filter: brightness(1.08);
  }

  .button[disabled] {
    cursor: progress;
    opacity: 0.75;
  }

  .button.secondary {
    background: var(--_surface);
    color: var(--_primary);
  }

  .input {
    width: 100%;
    min-height: 2.5rem;
    padding: calc(var(--_space) * 0.5) calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .input[aria-invalid="true"] {
    border-color: var(--_danger);
  }

  /* Keyboard focus is always visible, in the provider's colour. */
  .button:focus-visible,
  .input:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  .error {
    display: flex;
    gap: calc(var(--_space) * 0.5);
    margin: 0;
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_danger);
    border-left-width: 4px;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_danger);
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
