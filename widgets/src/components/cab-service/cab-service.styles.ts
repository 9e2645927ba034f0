import { css } from "lit";

export const styles = css`
  .header {
    align-items: start;
  }

  .product {
    margin: 0;
  }

  .status-reason {
    margin: 0;
    padding: calc(var(--_space) * 0.75);
    border-left: 4px solid var(--_danger);
    border-radius: var(--_radius);
    background: var(--_background);
  }

  .facts,
  .parameters {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
    gap: calc(var(--_space) * 0.5) var(--_space);
    margin: 0;
  }

  .facts dt,
  .parameters dt {
    color: var(--_muted);
    font-size: 0.85em;
  }

  .facts dd,
  .parameters dd {
    margin: 0;
    font-weight: 600;
  }

  .next {
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }

  .settings {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    justify-content: space-between;
    gap: var(--_space);
  }

  .label-form {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: calc(var(--_space) * 0.5);
  }

  .action-grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
    gap: var(--_space);
    align-items: start;
  }

  .when {
    display: grid;
    gap: calc(var(--_space) * 0.35);
  }

  .preview-body {
    display: grid;
    gap: calc(var(--_space) * 0.25);
  }

  .preview p {
    margin: 0;
  }

  .preview .due {
    font-size: 1.1em;
    font-weight: 700;
  }

  .confirm p {
    margin: 0 0 calc(var(--_space) * 0.5);
  }

  .button.danger {
    border-color: var(--_danger);
    background: var(--_danger);
    color: #fff;
  }

  .button.danger-outline {
    border-color: var(--_danger);
    color: var(--_danger);
  }

  .history {
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }
`;
