import { css } from 'lit';

export const thresholdBadgeStyles = css`
  :host {
    display: inline-block;
    vertical-align: middle;
  }
  [part='base'] {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    padding: 0.1em 0.6em;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-weight: 600;
    font-size: calc(var(--lead-font-size, 14px) * 0.85);
    white-space: nowrap;
    color: var(--_low);
  }
  [part='base'][data-tier='high'] {
    color: var(--_high);
  }
  [part='base'][data-tier='medium'] {
    color: var(--_medium);
  }
  /* A shape as well as a colour: never colour alone (WCAG 1.4.1). */
  [part='icon'] {
    width: 0.6em;
    height: 0.6em;
    background: currentColor;
  }
  [data-tier='high'] [part='icon'] {
    border-radius: 50%;
  }
  [data-tier='medium'] [part='icon'] {
    clip-path: polygon(50% 0, 100% 100%, 0 100%);
  }
  [data-tier='low'] [part='icon'] {
    border-radius: 1px;
    height: 0.2em;
  }
  /* The engine of an imported score: quieter than the label it follows. */
  [part='source'] {
    font-weight: 400;
    font-size: 0.85em;
    opacity: 0.8;
    padding-left: 0.35em;
    border-left: 1px solid currentColor;
  }
`;
