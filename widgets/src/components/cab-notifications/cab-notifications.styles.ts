import { css } from "lit";

/** The bell and its dropdown; the shared support styles come first. */
export const styles = css`
  :host {
    position: relative;
    display: inline-block;
  }

  .wrap {
    display: block;
  }

  .bell {
    position: relative;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 2.5rem;
    height: 2.5rem;
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
  }

  .bell:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  .bell-count {
    position: absolute;
    top: -0.35rem;
    right: -0.35rem;
    min-width: 1.25rem;
    padding: 0 0.3rem;
    border-radius: 999px;
    background: var(--_danger);
    color: #fff;
    font-size: 0.75rem;
    font-weight: 700;
    line-height: 1.25rem;
    text-align: center;
  }

  .panel {
    position: absolute;
    top: calc(100% + 0.5rem);
    right: 0;
    z-index: 20;
    display: grid;
    gap: calc(var(--_space) * 0.75);
    width: min(24rem, 90vw);
    max-height: min(32rem, 80vh);
    overflow-y: auto;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: 0 8px 24px rgb(16 24 40 / 18%);
    text-align: start;
  }

  .panel[hidden] {
    display: none;
  }

  .panel-header {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_space);
  }

  .panel .heading {
    font-size: 1.05em;
  }

  .item {
    display: grid;
    gap: 0.15em;
    padding-block: calc(var(--_space) * 0.5);
    padding-inline: calc(var(--_space) * 0.5);
    border-inline-start: 3px solid transparent;
  }

  .item + .item {
    border-top: 1px solid var(--_border);
  }

  .item.is-unread {
    border-inline-start-color: var(--_primary);
    background: var(--_background);
  }

  .item p {
    margin: 0;
  }

  .item-title {
    font-weight: 600;
  }

  .item-body {
    color: var(--_text);
    font-size: 0.95em;
  }

  .item-meta {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.5em;
    color: var(--_muted);
    font-size: 0.85em;
  }
`;
