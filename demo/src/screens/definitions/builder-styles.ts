import { css } from 'lit';

/**
 * The definitions screens' look (the list, the builder, its editors, the versions panel, the share
 * screen): plain and readable, in the document's colour tokens (app/theme.ts), so light and dark
 * both hold; everything wraps at 390 px.
 */
export const builderStyles = css`
  :host { display: block; color: var(--demo-text); }
  h1 { margin: 0; font-size: 24px; overflow-wrap: anywhere; }
  h2 { font-size: 17px; margin: 0 0 12px; }
  h3 { font-size: 15px; margin: 0; overflow-wrap: anywhere; }
  h4 { font-size: 14px; margin: 16px 0 8px; color: var(--demo-muted); }
  a { color: var(--demo-accent); }
  section, article.group { background: var(--demo-surface); border: 1px solid var(--demo-border); border-radius: 8px; padding: 16px; margin: 0 0 16px; min-width: 0; }
  .crumbs { margin: 0 0 8px; }
  .title { display: flex; align-items: center; gap: 12px; margin-bottom: 12px; flex-wrap: wrap; }
  .status { font-size: 12px; padding: 2px 8px; border-radius: 10px; border: 1px solid var(--demo-border); background: var(--demo-surface-2); color: var(--demo-text); }
  .status.active { border-color: var(--demo-success); }
  .status.draft { border-color: var(--demo-warning); }
  .tabs { display: flex; gap: 4px; margin-bottom: 12px; }
  .tabs button[aria-selected='true'] { background: var(--demo-accent); color: var(--demo-accent-text); border-color: var(--demo-accent); }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(200px, 100%), 1fr)); gap: 10px 16px; margin-bottom: 10px; }
  label { display: flex; flex-direction: column; gap: 4px; font-size: 13px; color: var(--demo-muted); }
  label.wide { grid-column: 1 / -1; }
  label.inline { display: inline-flex; flex-direction: row; align-items: center; gap: 6px; margin-right: 12px; color: var(--demo-text); }
  input, select, textarea, button { font: inherit; font-size: 14px; }
  input, select, textarea { padding: 5px 8px; border: 1px solid var(--demo-border); border-radius: 6px; background: var(--demo-surface); color: var(--demo-text); max-width: 100%; box-sizing: border-box; }
  input.short { width: 90px; }
  textarea[data-testid='json-editor'] { width: 100%; min-height: 520px; font: 13px/1.45 ui-monospace, monospace; }
  button { padding: 5px 12px; border: 1px solid var(--demo-border); border-radius: 6px; background: var(--demo-surface-2); color: var(--demo-text); cursor: pointer; }
  button:disabled { opacity: 0.55; cursor: not-allowed; }
  button.primary { background: var(--demo-accent); color: var(--demo-accent-text); border-color: var(--demo-accent); }
  button.danger { color: var(--demo-danger); }
  button.small { padding: 2px 8px; font-size: 13px; }
  :is(a, button, input, select, textarea, [tabindex]):focus-visible { outline: 2px solid var(--demo-focus); outline-offset: 2px; }
  fieldset { border: 1px solid var(--demo-border); border-radius: 6px; margin: 8px 0; padding: 8px 12px; min-width: 0; }
  legend { font-size: 13px; color: var(--demo-muted); padding: 0 4px; }
  .row { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; margin: 4px 0; }
  .spacer { flex: 1; }
  .issue { display: block; color: var(--demo-danger); font-size: 13px; }
  .hint { color: var(--demo-muted); font-size: 13px; margin: 4px 0; }
  .message { padding: 8px 12px; border-radius: 6px; border: 1px solid var(--demo-border); background: var(--demo-surface-2); overflow-wrap: anywhere; }
  .message.ok { border-color: var(--demo-success); }
  .message.error { border-color: var(--demo-danger); color: var(--demo-danger); }
  .validation ul { margin: 0; padding-left: 18px; color: var(--demo-danger); font-size: 13px; max-height: 320px; overflow: auto; overflow-wrap: anywhere; }
  p.ok { color: var(--demo-success); margin: 0; }
  p.error { color: var(--demo-danger); margin: 0 0 4px; }
  .actions { display: flex; flex-direction: column; align-items: stretch; gap: 8px; }
  .actions h2, .actions h3 { margin-bottom: 0; }
  .progress { display: flex; flex-direction: column; gap: 2px; }
  progress { width: 100%; accent-color: var(--demo-accent); }
  .link { word-break: break-all; font-size: 12px; margin: 0; }
  label.file { color: var(--demo-text); }
  .table-box { overflow-x: auto; }
  table { border-collapse: collapse; font-size: 14px; margin-bottom: 12px; }
  th, td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid var(--demo-border); }
  small, .muted { color: var(--demo-muted); }
`;
