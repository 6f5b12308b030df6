import { css } from 'lit';

/** What the chart elements share: the figure, its summary, the chart box and the text-alternative table. */
export const chartStyles = css`
  [part='base'] {
    margin: 0;
    padding: var(--_space);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  [part='caption'] {
    font-weight: 600;
    margin-bottom: calc(var(--_space) / 2);
  }
  [part='summary'] {
    margin: 0 0 var(--_space);
    color: var(--_muted);
  }
  [part='chart'] {
    width: 100%;
    height: var(--lead-chart-height, 220px);
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: calc(var(--_space) / 2);
  }
  th,
  td {
    text-align: start;
    padding: 2px var(--_space);
    border-bottom: 1px solid var(--_border);
    font-weight: normal;
  }
  thead th {
    color: var(--_muted);
  }
  /* The text alternative of a chart: read by screen readers always, shown when a keyboard reaches it. */
  .alternative:not(:focus-within) {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
