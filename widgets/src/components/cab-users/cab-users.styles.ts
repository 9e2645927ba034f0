import { css } from "lit";
import { accessBlocks } from "../../access/access.styles.js";

/** The people table, their access forms and the invitations. */
export const styles = [
  accessBlocks,
  css`
    td .actions {
      min-width: 12rem;
    }
  `,
];
