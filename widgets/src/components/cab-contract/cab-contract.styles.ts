import { css } from "lit";

export const styles = css`
  .name,
  .accepted,
  .muted {
    margin: 0 0 0.25em;
  }

  .accepted {
    color: var(--_success, inherit);
    font-weight: 600;
  }

  .tick {
    margin-inline-end: 0.25em;
  }

  .check {
    display: flex;
    align-items: flex-start;
    gap: 0.5em;
    margin: 0.5em 0;
  }

  .check input {
    margin-top: 0.2em;
  }
`;
