import { css } from "lit";

/** The conversation's own touches; the shared support styles come first. */
export const styles = css`
  .ticket-header {
    display: grid;
    gap: calc(var(--_space) * 0.25);
  }

  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 1em;
    margin: 0;
    color: var(--_muted);
    font-size: 0.9em;
  }

  .messages {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .message {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    padding: calc(var(--_space) * 0.75) var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  /* Who wrote it is in the words ("You", "Ann, support"); the side and the border only repeat it. */
  .message-client {
    margin-inline-start: 10%;
    border-inline-start: 4px solid var(--_primary);
  }

  .message-staff {
    margin-inline-end: 10%;
    background: var(--_background);
  }

  .author {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.5em;
    margin: 0;
    font-size: 0.9em;
  }

  .author time {
    color: var(--_muted);
  }

  .body {
    overflow-wrap: anywhere;
  }

  .body > :first-child {
    margin-top: 0;
  }

  .body > :last-child {
    margin-bottom: 0;
  }

  .body pre {
    overflow-x: auto;
    white-space: pre-wrap;
  }

  .plain {
    margin: 0;
    white-space: pre-wrap;
  }

  .closed {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(var(--_space) * 0.5);
    padding: calc(var(--_space) * 0.75);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
  }

  .closed p {
    margin: 0;
  }

  .stars {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
    margin: 0;
    padding: 0;
    border: 0;
  }

  .stars legend {
    margin-bottom: 0.25em;
    padding: 0;
  }

  .radio {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
  }

  .file {
    font-weight: 600;
  }
`;
