import { css } from "lit";

export const styles = css`
  .order {
    display: grid;
    gap: calc(var(--_space) * 1.25);
  }

  .product-grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: calc(var(--_space) * 0.75);
  }

  .product-card {
    display: flex;
    align-items: start;
    gap: 0.6em;
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: pointer;
  }

  .product-card:has(input:checked) {
    border-color: var(--_primary);
    box-shadow: 0 0 0 1px var(--_primary);
  }

  .product-card input {
    margin-top: 0.3em;
    accent-color: var(--_primary);
  }

  .product-card input:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  .product-text {
    display: grid;
    gap: 0.15em;
    font-size: 0.95em;
  }

  .product-name {
    margin: 0;
    font-weight: 700;
  }

  .product-one p {
    margin: 0;
  }

  .product-from {
    font-weight: 600;
  }

  .extras {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }

  .outcome-block {
    display: grid;
    gap: var(--_space);
  }

  .outcome-text {
    display: grid;
    gap: 0.25em;
  }

  .outcome:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
`;
