import { css } from 'lit';

/**
 * The settings pages' look, in the document's colour tokens (app/theme.ts) so light and dark both
 * hold; rows wrap and tables scroll in their own box, so 390 px has no page-wide scroll.
 */
export const settingsStyles = css`
  :host { display: block; color: var(--demo-text); }
  h1 { margin: 0 0 12px; font-size: 24px; }
  h2 { font-size: 17px; margin: 0 0 8px; }
  h3 { font-size: 15px; margin: 12px 0 8px; }
  a { color: var(--demo-accent); }
  section { background: var(--demo-surface); border: 1px solid var(--demo-border); border-radius: 8px; padding: 16px; margin: 0 0 16px; min-width: 0; }
  nav ul { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; padding: 0; margin: 0 0 16px; }
  nav a { display: inline-block; padding: 4px 0; text-decoration: none; border-bottom: 2px solid transparent; }
  nav a[aria-current='page'] { color: var(--demo-text); border-bottom-color: var(--demo-accent); font-weight: 600; }
  label { display: flex; flex-direction: column; gap: 4px; font-size: 13px; color: var(--demo-muted); }
  label.inline { display: inline-flex; flex-direction: row; align-items: center; gap: 6px; color: var(--demo-text); font-size: 14px; }
  input, select, textarea, button { font: inherit; font-size: 14px; }
  input, select, textarea { padding: 5px 8px; border: 1px solid var(--demo-border); border-radius: 6px; background: var(--demo-surface); color: var(--demo-text); max-width: 100%; box-sizing: border-box; }
  input[type='checkbox'] { padding: 0; }
  input.short { width: 90px; }
  textarea { width: 100%; min-height: 72px; }
  button { padding: 5px 12px; border: 1px solid var(--demo-border); border-radius: 6px; background: var(--demo-surface-2); color: var(--demo-text); cursor: pointer; }
  button:disabled { opacity: 0.55; cursor: not-allowed; }
  button.primary { background: var(--demo-accent); color: var(--demo-accent-text); border-color: var(--demo-accent); }
  button.danger { color: var(--demo-danger); }
  button.small { padding: 2px 8px; font-size: 13px; }
  :is(a, button, input, select, textarea, [tabindex]):focus-visible { outline: 2px solid var(--demo-focus); outline-offset: 2px; }
  fieldset { border: 1px solid var(--demo-border); border-radius: 6px; margin: 8px 0; padding: 8px 12px; min-width: 0; }
  legend { font-size: 13px; color: var(--demo-muted); padding: 0 4px; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(180px, 100%), 1fr)); gap: 10px 16px; margin-bottom: 10px; }
  .row { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; margin: 4px 0; }
  .hint, small, .muted { color: var(--demo-muted); font-size: 13px; }
  .hint { margin: 4px 0 8px; }
  .message { padding: 8px 12px; border-radius: 6px; border: 1px solid var(--demo-border); background: var(--demo-surface-2); overflow-wrap: anywhere; margin: 8px 0; }
  .message.ok { border-color: var(--demo-success); }
  .message.error { border-color: var(--demo-danger); color: var(--demo-danger); }
  .will { border-left: 3px solid var(--demo-warning); padding: 4px 10px; margin: 8px 0; background: var(--demo-surface-2); overflow-wrap: anywhere; }
  .table-box { overflow-x: auto; max-width: 100%; }
  table { border-collapse: collapse; font-size: 14px; margin: 4px 0 8px; }
  th, td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid var(--demo-border); vertical-align: top; overflow-wrap: anywhere; }
  ol.options { list-style: none; padding: 0; margin: 0 0 8px; }
  ol.options li { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 6px 0; border-bottom: 1px solid var(--demo-border); }
  ol.options .name { flex: 1 1 160px; min-width: 0; overflow-wrap: anywhere; }
  ul.rules { list-style: none; padding: 0; margin: 0 0 8px; }
  ul.rules li { padding: 8px 0; border-bottom: 1px solid var(--demo-border); }
  ul.rules .words { overflow-wrap: anywhere; }
  .panel { border: 1px solid var(--demo-border); border-radius: 6px; padding: 10px 12px; margin: 8px 0; background: var(--demo-surface-2); }
  progress { width: 100%; accent-color: var(--demo-accent); }
  .wide { flex-basis: 100%; }
  .issue { display: block; color: var(--demo-danger); font-size: 13px; }
`;
