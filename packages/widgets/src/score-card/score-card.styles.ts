import { css } from 'lit';

export const scoreCardStyles = css`
  .card {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    padding: calc(var(--_space) * 2);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
  }
  .title {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .score {
    display: flex;
    align-items: baseline;
    flex-wrap: wrap;
    gap: 0 var(--_space);
  }
  .value {
    font-size: 2em;
    font-weight: 700;
    line-height: 1.1;
    font-variant-numeric: tabular-nums;
  }
  .limit,
  .muted,
  .notes,
  .footer,
  .heading {
    color: var(--_muted);
  }
  .muted {
    margin: 0;
  }
  .to-next {
    margin: 0;
    color: var(--_muted);
    font-size: 0.85em;
  }
  .heading {
    font-size: 0.8em;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    margin-bottom: calc(var(--_space) / 2);
  }
  .meter svg {
    display: block;
    width: 100%;
    height: 8px;
    border-radius: 999px;
    overflow: hidden;
  }
  [part='group-meter'] svg,
  [part='dimension-meter'] svg {
    height: 6px;
  }
  .meter .track {
    fill: var(--_track);
  }
  .meter .fill {
    fill: var(--_accent);
  }
  .meter .fill.negative {
    fill: var(--_danger);
  }
  .meter[data-capped='true'] .fill {
    fill: var(--_medium);
  }
  .meter .zero {
    stroke: var(--_muted);
    stroke-width: 1px;
  }
  .dimensions {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: var(--_space);
    margin: 0;
  }
  .dimensions dt {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .dimensions dd {
    margin: 0;
    display: grid;
    gap: 2px;
  }
  .dimension-value {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .groups,
  .rules {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  .rule {
    padding-bottom: calc(var(--_space) / 2);
    border-bottom: 1px solid var(--_border);
  }
  .rule:last-child {
    border-bottom: none;
    padding-bottom: 0;
  }
  .row {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: var(--_space);
  }
  .name {
    overflow-wrap: anywhere;
  }
  .group-value,
  .points {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .points {
    font-weight: 600;
  }
  .points.negative {
    color: var(--_danger);
  }
  .notes {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_space);
    font-size: 0.85em;
  }
  .capped {
    color: var(--_medium);
    font-weight: 600;
  }
  .score .capped {
    flex-basis: 100%;
    font-size: 0.85em;
  }
  .capped::before {
    content: '⤒' / '';
    margin-inline-end: 0.2em;
  }
  .sparkline {
    margin: 0;
  }
  .sparkline svg {
    display: block;
    width: 100%;
    height: 28px;
    overflow: visible;
  }
  .sparkline path {
    fill: none;
    stroke: var(--_accent);
    stroke-width: 1.5px;
    stroke-linejoin: round;
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_space);
    font-size: 0.8em;
  }
  .state .detail {
    display: block;
  }
`;
