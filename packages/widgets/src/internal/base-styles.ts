import { css } from 'lit';

/** The dark theme's tokens: for `theme="dark"`, and for `theme="auto"` on a dark system. */
const darkTokens = css`
  color: var(--lead-color-text, #e6edf3);
  --_text: var(--lead-color-text, #e6edf3);
  --_surface: var(--lead-color-surface, #0d1117);
  --_muted: var(--lead-color-muted, #9198a1);
  --_border: var(--lead-color-border, #3d444d);
  --_accent: var(--lead-color-accent, #4493f8);
  --_track: var(--lead-color-track, #262c36);
  --_high: var(--lead-color-high, #3fb950);
  --_medium: var(--lead-color-medium, #d29922);
  --_low: var(--lead-color-low, #9198a1);
  --_danger: var(--lead-color-danger, #f85149);
`;

/**
 * Every element's first stylesheet. `all: initial` on the host cuts off what a host page's global
 * CSS would otherwise inherit into the shadow root, but a page's rule for the host element itself
 * beats it; so the top element of the shadow root sets every inherited property again (below), and
 * the look comes only from the documented `--lead-*` custom properties, which cross the shadow
 * boundary on purpose. Light by default; `theme="dark"`, or `theme="auto"` to follow the
 * reader's system setting.
 */
export const baseStyles = css`
  :host {
    all: initial;
    /* Not inherited, but drawn through the host onto the text inside, so no inner element could undo
       it: !important in a shadow root's styles beats the page's, !important too, for the host. */
    text-decoration: none !important;
    display: block;
    box-sizing: border-box;
    contain: content;
    font-family: var(--lead-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--lead-font-size, 14px);
    line-height: 1.45;
    color: var(--lead-color-text, #1f2328);
  }
  /*
   * The private tokens, on the host and again on the shadow root's top element: a page's rule for
   * the host element could set --_text there (it beats :host), but only the documented --lead-*
   * properties reach the inside.
   */
  :host,
  :host > * {
    --_text: var(--lead-color-text, #1f2328);
    --_surface: var(--lead-color-surface, #ffffff);
    --_muted: var(--lead-color-muted, #59636e);
    --_border: var(--lead-color-border, #d1d9e0);
    --_accent: var(--lead-color-accent, #0969da);
    --_track: var(--lead-color-track, #eff2f5);
    --_high: var(--lead-color-high, #1a7f37);
    --_medium: var(--lead-color-medium, #9a6700);
    --_low: var(--lead-color-low, #59636e);
    --_danger: var(--lead-color-danger, #cf222e);
    --_radius: var(--lead-radius, 6px);
    --_space: var(--lead-space, 8px);
  }
  :host([theme='dark']),
  :host([theme='dark']) > * {
    ${darkTokens}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']),
    :host([theme='auto']) > * {
      ${darkTokens}
    }
  }
  :host([hidden]) {
    display: none;
  }
  /*
   * A host page's rules for the host element itself (lead-score-card { color: red } or
   * * { font: 30px serif !important }) beat :host rules, and inherited properties would carry them
   * inside. Page rules never match elements inside the shadow root, so its top elements (the
   * wrapper each element renders) set every inherited property again, from the tokens or to its
   * initial value: nothing inside inherits from the page. Keep this list to every inherited
   * property (CSS, SVG and the -webkit- ones Chromium inherits).
   */
  :host > * {
    font-family: var(--lead-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--lead-font-size, 14px);
    font-style: normal;
    font-weight: normal;
    font-variant: normal;
    font-stretch: normal;
    font-kerning: auto;
    font-feature-settings: normal;
    font-variation-settings: normal;
    font-optical-sizing: auto;
    font-size-adjust: none;
    font-synthesis: weight style small-caps;
    font-palette: normal;
    line-height: 1.45;
    color: var(--_text);
    letter-spacing: normal;
    word-spacing: normal;
    text-align: start;
    text-align-last: auto;
    text-indent: 0;
    text-transform: none;
    text-shadow: none;
    text-rendering: auto;
    text-underline-position: auto;
    text-underline-offset: auto;
    text-decoration-skip-ink: auto;
    text-emphasis: none;
    text-emphasis-position: over right;
    text-orientation: mixed;
    text-wrap-style: auto;
    -webkit-text-fill-color: currentcolor;
    -webkit-text-stroke: 0 currentcolor;
    -webkit-text-security: none;
    -webkit-text-size-adjust: auto;
    white-space: normal;
    word-break: normal;
    overflow-wrap: normal;
    line-break: auto;
    hyphens: manual;
    hyphenate-character: auto;
    tab-size: 8;
    direction: ltr;
    writing-mode: horizontal-tb;
    unicode-bidi: normal;
    quotes: auto;
    visibility: visible;
    cursor: auto;
    pointer-events: auto;
    caret-color: auto;
    accent-color: auto;
    image-rendering: auto;
    list-style: none;
    border-collapse: separate;
    border-spacing: 0;
    caption-side: top;
    empty-cells: show;
    paint-order: normal;
    fill: black;
    fill-opacity: 1;
    fill-rule: nonzero;
    stroke: none;
    stroke-width: 1px;
    stroke-opacity: 1;
    stroke-dasharray: none;
    stroke-dashoffset: 0;
    stroke-linecap: butt;
    stroke-linejoin: miter;
    stroke-miterlimit: 4;
    shape-rendering: auto;
    text-anchor: start;
    dominant-baseline: auto;
    clip-rule: nonzero;
    color-interpolation: srgb;
    color-interpolation-filters: linearrgb;
    color-rendering: auto;
    marker: none;
  }
  /* The reading direction comes from the dir attribute (the host's or an ancestor's), never from CSS. */
  :host(:dir(rtl)) > * {
    direction: rtl;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .state {
    color: var(--_muted);
    padding: var(--_space);
  }
  .state[role='alert'] {
    color: var(--_danger);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  button {
    font: inherit;
    color: inherit;
    background: none;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 2px var(--_space);
    cursor: pointer;
  }
  button:focus-visible,
  [tabindex]:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
`;
