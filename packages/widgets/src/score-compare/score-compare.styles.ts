import { css } from 'lit';

export const scoreCompareStyles = css`
  figure {
    margin: 0;
  }
  /* A table wider than the element scrolls inside it, never the page (390 px and up). */
  .scroll {
    max-width: 100%;
    overflow-x: auto;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: var(--_space);
  }
  th,
  td {
    padding: 4px var(--_space);
    text-align: center;
    white-space: nowrap;
  }
  thead th {
    font-size: 0.85em;
    font-weight: 600;
  }
  tbody th,
  .side {
    font-size: 0.85em;
    color: var(--_muted);
    text-align: end;
  }
  [part~='cell'] {
    font-variant-numeric: tabular-nums;
    border: 1px solid var(--_track);
  }
  [part~='cell'][data-level='1'] {
    background: color-mix(in srgb, var(--_accent) 10%, transparent);
  }
  [part~='cell'][data-level='2'] {
    background: color-mix(in srgb, var(--_accent) 20%, transparent);
  }
  [part~='cell'][data-level='3'] {
    background: color-mix(in srgb, var(--_accent) 32%, transparent);
  }
  [part~='cell'][data-level='4'] {
    background: color-mix(in srgb, var(--_accent) 45%, transparent);
  }
  [part~='cell-same'] {
    outline: 2px solid var(--_border);
    outline-offset: -2px;
    font-weight: 600;
  }
  [part='summary'] {
    margin: var(--_space) 0 0;
  }
`;
