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
 * CSS would otherwise inherit into the shadow root (fonts, colours, line heights, `* { … }` rules do
 * not cross it anyway); the look comes only from the documented `--lead-*` custom properties,
 * which do cross it on purpose. Light by default; `theme="dark"`, or `theme="auto"` to follow the
 * reader's system setting.
 */
export const baseStyles = css`
  :host {
    all: initial;
    display: block;
    box-sizing: border-box;
    contain: content;
    font-family: var(--lead-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--lead-font-size, 14px);
    line-height: 1.45;
    color: var(--lead-color-text, #1f2328);
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
  :host([theme='dark']) {
    ${darkTokens}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkTokens}
    }
  }
  :host([hidden]) {
    display: none;
  }
  /*
   * A host page's rules for the host element itself (* { color: red; font: 30px serif }) beat
   * :host rules, and inherited properties would carry them inside. The shadow root's top elements
   * therefore set every inherited text property again, from the tokens only.
   */
  :host > * {
    font-family: var(--lead-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--lead-font-size, 14px);
    font-style: normal;
    font-weight: normal;
    font-variant: normal;
    line-height: 1.45;
    color: var(--_text);
    letter-spacing: normal;
    word-spacing: normal;
    text-align: start;
    text-indent: 0;
    text-transform: none;
    text-shadow: none;
    white-space: normal;
    visibility: visible;
    cursor: auto;
    list-style: none;
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
