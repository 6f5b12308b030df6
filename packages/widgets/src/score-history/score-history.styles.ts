import { css } from 'lit';

export const scoreHistoryStyles = css`
  .changes {
    max-height: var(--lead-history-table-height, 16em);
    overflow: auto;
    margin-top: var(--_space);
  }
  td:nth-child(2),
  td:nth-child(3) {
    font-variant-numeric: tabular-nums;
  }
`;
