import { css } from "lit";

/** The period's two fields side by side, and the progress line. */
export const styles = css`
  .period {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1em;
  }

  .period .field {
    flex: 1 1 10em;
  }

  .progress {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
    margin-top: 0.75em;
  }

  .file {
    font-weight: 600;
  }
`;
