// The dashboard's colours as custom properties on the document, light and dark (the system's
// `prefers-color-scheme`), which every screen's shadow root inherits; the widgets' own tokens
// (--lead-color-*) follow them. Adopted as a constructed sheet: no inline style, so a strict CSP holds.
import { css } from 'lit';

const theme = css`
  :root {
    color-scheme: light dark;
    --demo-bg: #f6f8fa;
    --demo-surface: #ffffff;
    --demo-surface-2: #f6f8fa;
    --demo-text: #1f2328;
    --demo-muted: #57606a;
    --demo-border: #d0d7de;
    --demo-accent: #0969da;
    --demo-accent-text: #ffffff;
    --demo-focus: #0969da;
    --demo-danger: #cf222e;
    --demo-success: #1a7f37;
    --demo-warning: #9a6700;
    --demo-header-bg: #0d1117;
    --demo-header-text: #e6edf3;
    /* The header is dark in both schemes: its links, the current one's background, its focus ring. */
    --demo-header-muted: #c9d1d9;
    --demo-header-current: #30363d;
    --demo-header-focus: #4493f8;
  }
  @media (prefers-color-scheme: dark) {
    :root {
      --demo-bg: #0d1117;
      --demo-surface: #161b22;
      --demo-surface-2: #21262d;
      --demo-text: #e6edf3;
      --demo-muted: #9198a1;
      --demo-border: #3d444d;
      --demo-accent: #4493f8;
      --demo-accent-text: #0d1117;
      --demo-focus: #4493f8;
      --demo-danger: #f85149;
      --demo-success: #3fb950;
      --demo-warning: #d29922;
      --demo-header-bg: #010409;
      --demo-header-text: #e6edf3;
    }
  }
  :root {
    --lead-color-text: var(--demo-text);
    --lead-color-muted: var(--demo-muted);
    --lead-color-surface: var(--demo-surface);
    --lead-color-border: var(--demo-border);
    --lead-color-accent: var(--demo-accent);
    --lead-color-danger: var(--demo-danger);
  }
  body { margin: 0; background: var(--demo-bg); color: var(--demo-text); }
`;

/** Puts the theme on the document once. */
export function adoptTheme(): void {
  const sheet = theme.styleSheet;
  if (sheet && !document.adoptedStyleSheets.includes(sheet)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
