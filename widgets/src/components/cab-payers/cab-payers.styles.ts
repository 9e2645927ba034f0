import { css } from "lit";

/** The payers' cards and form; the shared billing styles come first. One column, so it fits a phone. */
export const styles = css`
  .intro {
    margin: 0;
  }

  .payers {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .payer {
    display: grid;
    gap: calc(var(--_space) * 0.25);
    overflow-wrap: anywhere;
  }

  .payer p {
    margin: 0;
  }

  .payer-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
    margin-top: calc(var(--_space) * 0.25);
  }

  .confirm {
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }

  .payer-form {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    max-width: 36rem;
  }

  .payer-form .subheading {
    margin: 0;
  }

  .payer-form .input {
    width: 100%;
  }

  .field > .hint {
    font-weight: 400;
  }

  .add {
    justify-self: start;
  }

  .saved {
    margin: 0;
    color: var(--_success);
    font-weight: 600;
  }

  .saved:empty {
    display: none;
  }
`;
