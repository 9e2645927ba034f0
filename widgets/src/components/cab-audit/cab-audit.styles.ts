import { css } from "lit";
import { accessBlocks } from "../../access/access.styles.js";

/** The filters and the log's table; a long user agent is cut, whole on hover. */
export const styles = [
  accessBlocks,
  css`
    .ua {
      display: inline-block;
      max-width: 16rem;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      vertical-align: bottom;
      font-size: 0.85em;
    }
  `,
];
