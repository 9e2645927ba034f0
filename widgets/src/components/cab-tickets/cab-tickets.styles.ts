import { css } from "lit";

/** The requests list's own touches; the shared support styles come first. */
export const styles = css`
  .ticket {
    display: grid;
    gap: calc(var(--_space) * 0.25);
    padding: calc(var(--_space) * 0.75) var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: var(--_shadow);
  }

  .ticket.is-unread {
    border-left: 4px solid var(--_primary);
  }

  .ticket-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }

  .ticket-title {
    flex: 1 1 12rem;
    margin: 0;
    font-size: 1em;
  }

  .subject {
    font-weight: 600;
    text-align: start;
  }

  .unread {
    color: var(--_primary);
    font-size: 0.85em;
    font-weight: 700;
  }

  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    margin: 0;
    color: var(--_muted);
    font-size: 0.9em;
  }
`;
