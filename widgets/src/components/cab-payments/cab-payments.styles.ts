import { css } from "lit";

/** The payments table's own touches; the shared billing styles come first. */
export const styles = css`
  .status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.35em 0.75em;
  }

  .refund {
    color: var(--_muted);
    font-size: 0.85em;
  }

  .continue {
    font-size: 0.9em;
    font-weight: 600;
  }

  .instructions-row[hidden] {
    display: none;
  }

  .instructions-row > td {
    background: var(--_background);
  }
`;
