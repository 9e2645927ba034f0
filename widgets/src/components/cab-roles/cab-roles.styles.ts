import { accessBlocks } from "../../access/access.styles.js";

/** Role cards and the rights tables. */
export const styles = [accessBlocks];
