import { css } from 'lit';

/** The definitions screens' look: plain, light, readable. */
export const builderStyles = css`
  :host { display: block; padding-bottom: 96px; }
  h1 { margin: 0; font-size: 24px; }
  h2 { font-size: 17px; margin: 0 0 12px; }
  h3 { font-size: 15px; margin: 0; }
  h4 { font-size: 14px; margin: 16px 0 8px; color: #59636e; text-transform: uppercase; letter-spacing: 0.04em; }
  a { color: #0969da; }
  section, article.group { background: #fff; border: 1px solid #d1d9e0; border-radius: 8px; padding: 16px; margin: 0 0 16px; }
  article.group { background: #fbfcfd; }
  .crumbs { margin: 0 0 8px; }
  .title { display: flex; align-items: center; gap: 12px; margin-bottom: 12px; }
  .status { font-size: 12px; padding: 2px 8px; border-radius: 10px; background: #eaeef2; color: #59636e; }
  .status.active { background: #dafbe1; color: #1a7f37; }
  .status.draft { background: #fff8c5; color: #7d4e00; }
  .status.inactive { background: #eaeef2; color: #59636e; }
  .tabs { display: flex; gap: 4px; margin-bottom: 12px; }
  .tabs button[aria-selected='true'] { background: #0969da; color: #fff; border-color: #0969da; }
  .layout { display: grid; grid-template-columns: minmax(0, 1fr) 320px; gap: 16px; align-items: start; }
  aside { position: sticky; top: 8px; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 10px 16px; margin-bottom: 10px; }
  label { display: flex; flex-direction: column; gap: 4px; font-size: 13px; color: #59636e; }
  label.wide { grid-column: 1 / -1; }
  label.inline { display: inline-flex; flex-direction: row; align-items: center; gap: 6px; margin-right: 12px; color: #1f2328; }
  input, select, textarea, button { font: inherit; font-size: 14px; }
  input, select, textarea { padding: 5px 8px; border: 1px solid #d1d9e0; border-radius: 6px; background: #fff; color: #1f2328; }
  input.short { width: 80px; }
  input.date { width: 150px; }
  textarea[data-testid='json-editor'] { width: 100%; box-sizing: border-box; min-height: 520px; font: 13px/1.45 ui-monospace, monospace; }
  button { padding: 5px 12px; border: 1px solid #d1d9e0; border-radius: 6px; background: #f6f8fa; color: #1f2328; cursor: pointer; }
  button:hover:not(:disabled) { background: #eef1f4; }
  button:disabled { opacity: 0.5; cursor: not-allowed; }
  button.primary { background: #1f883d; color: #fff; border-color: #1a7f37; }
  button.primary:hover:not(:disabled) { background: #1a7f37; }
  button.danger { color: #cf222e; }
  button.small { padding: 2px 8px; font-size: 13px; }
  fieldset { border: 1px solid #e4e8ec; border-radius: 6px; margin: 8px 0; padding: 8px 12px; }
  legend { font-size: 13px; color: #59636e; padding: 0 4px; }
  .group > header, .rule > header { display: flex; align-items: center; gap: 6px; margin-bottom: 8px; }
  .spacer { flex: 1; }
  .rule { border-left: 3px solid #0969da; background: #fff; padding: 10px 12px; margin: 0 0 12px; border-radius: 0 6px 6px 0; box-shadow: 0 0 0 1px #e4e8ec; }
  .decay { margin: 4px 0 8px; }
  .points { margin-top: 8px; }
  .by-value .row { display: flex; align-items: center; gap: 6px; margin: 4px 0; flex-wrap: wrap; }
  .pair { margin: 8px 0; display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
  .pair strong { min-width: 170px; font-size: 14px; }
  .condition { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; }
  .condition.tree { display: block; border: 1px dashed #c4ccd4; border-radius: 6px; padding: 6px 8px; }
  .condition .children { margin: 6px 0 6px 16px; }
  .condition .child { display: flex; align-items: flex-start; gap: 6px; margin: 4px 0; }
  .condition .field { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 4px; }
  .type { color: #59636e; font-size: 12px; }
  .issue { display: block; color: #cf222e; font-size: 12px; }
  .issue span { display: block; }
  .hint { color: #59636e; font-size: 13px; margin: 4px 0; }
  .message { padding: 8px 12px; border-radius: 6px; }
  .message.ok { background: #dafbe1; color: #116329; }
  .message.error { background: #ffebe9; color: #a40e26; }
  .validation ul { margin: 0; padding-left: 18px; color: #cf222e; font-size: 13px; max-height: 320px; overflow: auto; }
  p.ok { color: #1a7f37; margin: 0; }
  p.error { color: #cf222e; margin: 0 0 4px; }
  .actions { display: flex; flex-direction: column; align-items: stretch; gap: 8px; }
  .actions h2, .actions h3 { margin-bottom: 0; }
  .progress { display: flex; flex-direction: column; gap: 2px; }
  progress { width: 100%; }
  .link { word-break: break-all; font-size: 12px; margin: 0; }
  label.file { color: #1f2328; }
  .test-row { display: flex; align-items: flex-end; gap: 8px; flex-wrap: wrap; margin-bottom: 12px; }
  .test-row label { flex: 1; min-width: 260px; }
  .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 12px; margin-bottom: 12px; }
  .preview { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 16px; }
  .preview .chart lead-score-histogram { display: block; min-height: 260px; }
  table { border-collapse: collapse; font-size: 14px; margin-bottom: 12px; }
  th, td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid #e4e8ec; }
  @media (max-width: 900px) { .layout, .preview { grid-template-columns: 1fr; } aside { position: static; } }
`;
