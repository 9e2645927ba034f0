import { css } from "lit";

/** `<cab-config>` draws nothing. */
export const styles = css`
  :host {
    display: none;
  }
`;
