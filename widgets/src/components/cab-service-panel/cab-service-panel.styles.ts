import { css } from "lit";

/** The server's part of a service page: facts, access, actions, usage. */
export const styles = css`
  .panel {
    display: grid;
    gap: 1em;
    margin: 1em 0;
  }

  .facts {
    display: grid;
    gap: 0.35em;
    margin: 0;
  }

  /* Label and value side by side; on a narrow screen the value goes under its label, whole. */
  .fact {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1em;
  }

  .fact dt {
    flex: 0 0 10em;
  }

  .fact dd {
    flex: 1 1 14em;
  }

  .facts dt {
    color: var(--_muted);
  }

  .facts dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
    overflow-wrap: anywhere;
  }

  .secret {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }

  .secret code {
    font-size: 1em;
    overflow-wrap: anywhere;
  }

  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }

  .button.danger {
    border-color: var(--_danger);
    background: var(--_danger);
    color: #fff;
  }

  .confirm {
    border: 1px solid var(--_border);
    border-radius: 6px;
    padding: 0.75em;
    margin-top: 0.5em;
  }

  .metrics {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14em), 1fr));
    gap: 1em;
  }

  .metric {
    margin: 0;
  }

  .metric figcaption {
    display: flex;
    justify-content: space-between;
    gap: 0.5em;
    font-size: 0.9em;
  }

  .metric-last {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }

  .metric svg {
    display: block;
    width: 100%;
    height: 3.5em;
  }

  .metric .area {
    fill: var(--_primary);
    opacity: 0.15;
  }

  .metric .line {
    fill: none;
    stroke: var(--_primary);
    stroke-width: 2;
    vector-effect: non-scaling-stroke;
  }
`;
