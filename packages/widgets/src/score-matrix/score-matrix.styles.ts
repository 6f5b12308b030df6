import { css } from 'lit';

export const scoreMatrixStyles = css`
  table {
    table-layout: fixed;
  }
  th,
  td {
    border: none;
    padding: 2px;
  }
  thead th {
    text-align: center;
    font-size: 0.85em;
  }
  tbody th {
    font-size: 0.85em;
    color: var(--_muted);
  }
  [part~='cell'] {
    display: flex;
    flex-direction: column;
    align-items: center;
    width: 100%;
    min-height: 3.5em;
    justify-content: center;
    border-width: 2px;
    border-color: var(--_low);
    background: var(--_track);
  }
  [part~='cell'][data-tier='high'] {
    border-color: var(--_high);
  }
  [part~='cell'][data-tier='medium'] {
    border-color: var(--_medium);
    border-style: dashed;
  }
  [part~='cell'][data-tier='low'] {
    border-style: dotted;
  }
  .label {
    font-weight: 600;
  }
  .count {
    font-variant-numeric: tabular-nums;
  }
  [part='summary'] {
    margin: var(--_space) 0 0;
  }
`;
