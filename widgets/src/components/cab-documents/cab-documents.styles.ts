import { css } from "lit";

/** The documents table's own touches; the shared billing styles come first. */
export const styles = css`
  .requests {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 18em), 1fr));
    gap: 1em;
    margin-top: 1em;
  }

  .title {
    display: block;
  }

  .number {
    display: block;
    color: var(--_muted);
    font-size: 0.9em;
    font-variant-numeric: tabular-nums;
  }

  .files {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.35em 1em;
  }

  .file {
    font-weight: 600;
    white-space: nowrap;
  }

  .file[disabled] {
    cursor: progress;
    opacity: 0.7;
  }
`;
