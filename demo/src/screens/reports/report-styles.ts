import { css } from 'lit';

/**
 * The Reports screen's look, shared by its parts: the document's theme tokens only (light and dark
 * follow them), and at 390 px wide nothing scrolls the page sideways: toolbars wrap, grids stack,
 * and a wide table scrolls inside its own box.
 */
export const reportStyles = css`
  :host { display: block; color: var(--demo-text); }
  h1 { margin: 0 0 8px; font-size: 24px; }
  h2 { font-size: 19px; margin: 0 0 4px; }
  h3 { font-size: 15px; margin: 16px 0 8px; }
  .lead { color: var(--demo-muted); margin: 0 0 16px; max-width: 75ch; }
  section { background: var(--demo-surface); border: 1px solid var(--demo-border); border-radius: 8px; padding: 16px clamp(12px, 3vw, 20px); margin-bottom: 20px; min-width: 0; }
  section > p { color: var(--demo-muted); margin: 0 0 8px; font-size: 14px; max-width: 75ch; }
  .grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(440px, 100%), 1fr)); gap: 16px 24px; }
  .scroll { overflow-x: auto; max-width: 100%; position: relative; }
  .scroll:focus-visible { outline: 2px solid var(--demo-focus); outline-offset: 2px; }
  table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: 14px; }
  caption { text-align: left; font-weight: 600; padding: 0 0 6px; white-space: normal; overflow-wrap: anywhere; }
  .grid2 > * { min-width: 0; }
  th, td { padding: 5px 8px; border-bottom: 1px solid var(--demo-border); text-align: right; white-space: nowrap; }
  th:first-child, td:first-child { text-align: left; white-space: normal; }
  thead th { font-size: 12px; color: var(--demo-muted); font-weight: 600; }
  tbody th { font-weight: 500; }
  td.bar { width: 38%; min-width: 80px; }
  .track { height: 12px; background: var(--demo-surface-2); border-radius: 6px; overflow: hidden; }
  .fill { height: 100%; background: var(--demo-accent); border-radius: 6px; }
  .fill.alt { background: color-mix(in srgb, var(--demo-accent) 55%, var(--demo-text)); }
  tfoot td { font-weight: 600; border-bottom: none; }
  .toolbar { display: flex; gap: 8px 12px; align-items: center; margin: 4px 0 12px; flex-wrap: wrap; }
  .toolbar label { display: flex; gap: 6px; align-items: center; font-size: 13px; color: var(--demo-muted); flex-wrap: wrap; }
  button, select, input { font: inherit; padding: 4px 10px; border: 1px solid var(--demo-border); border-radius: 6px; background: var(--demo-surface-2); color: var(--demo-text); }
  button { cursor: pointer; }
  button:disabled { cursor: default; opacity: 0.6; }
  button:focus-visible, select:focus-visible, input:focus-visible { outline: 2px solid var(--demo-focus); outline-offset: 1px; }
  .muted { color: var(--demo-muted); font-size: 13px; }
  .error { color: var(--demo-danger); }
  [role='status'] { display: inline-flex; gap: 8px; align-items: center; min-height: 1.4em; }
  .spinner { width: 14px; height: 14px; flex: none; border: 2px solid var(--demo-border); border-top-color: var(--demo-accent); border-radius: 50%; animation: spin 0.8s linear infinite; }
  @keyframes spin { to { transform: rotate(360deg); } }
  @media (prefers-reduced-motion: reduce) { .spinner { animation-duration: 2.4s; } }
  .chart { height: 220px; width: 100%; margin: 4px 0 12px; overflow: hidden; }
  .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;
