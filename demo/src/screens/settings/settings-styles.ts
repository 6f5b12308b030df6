import { css } from 'lit';
import { builderStyles } from '../definitions/builder-styles.ts';

/**
 * The settings pages' look: the builder's (controls, sections, messages, tables, in the document's
 * colour tokens, so light and dark both hold) and the settings' own rows, lists and panels, which
 * wrap, so 390 px has no page-wide scroll.
 */
export const settingsStyles = [builderStyles, css`
  h1 { margin: 0 0 12px; }
  h3 { margin: 12px 0 8px; }
  nav ul { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; padding: 0; margin: 0 0 16px; }
  nav a { display: inline-block; padding: 4px 0; text-decoration: none; border-bottom: 2px solid transparent; }
  nav a[aria-current='page'] { color: var(--demo-text); border-bottom-color: var(--demo-accent); font-weight: 600; }
  label.inline { font-size: 14px; }
  textarea { width: 100%; min-height: 72px; }
  .hint { margin: 4px 0 8px; }
  .message { margin: 8px 0; }
  .will { border-left: 3px solid var(--demo-warning); padding: 4px 10px; margin: 8px 0; background: var(--demo-surface-2); overflow-wrap: anywhere; }
  table { margin: 4px 0 8px; }
  th, td { vertical-align: top; overflow-wrap: break-word; }
  caption { text-align: left; font-size: 13px; }
  ol.options { list-style: none; padding: 0; margin: 0 0 8px; }
  ol.options li { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 6px 0; border-bottom: 1px solid var(--demo-border); }
  ol.options .name { flex: 1 1 160px; min-width: 0; overflow-wrap: anywhere; }
  ul.rules { list-style: none; padding: 0; margin: 0 0 8px; }
  ul.rules li { padding: 8px 0; border-bottom: 1px solid var(--demo-border); }
  ul.rules .words { overflow-wrap: anywhere; }
  .panel { border: 1px solid var(--demo-border); border-radius: 6px; padding: 10px 12px; margin: 8px 0; background: var(--demo-surface-2); }
  .wide { flex-basis: 100%; }
`];
