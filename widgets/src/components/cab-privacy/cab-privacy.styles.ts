import { css } from "lit";

/** The privacy page's sections: documents, decisions, export, requests. */
export const styles = css`
  section.part {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    margin-block-end: var(--_space);
  }

  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
  }

  progress {
    width: 12rem;
    accent-color: var(--_primary);
  }

  textarea.input {
    min-height: 4rem;
    resize: vertical;
  }

  ul.plain {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: calc(var(--_space) * 0.25);
  }
`;
