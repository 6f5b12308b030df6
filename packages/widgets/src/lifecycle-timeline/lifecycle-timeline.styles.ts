import { css } from 'lit';

/** Every position and width comes from here or from SVG attributes: no style attributes (strict CSP). */
export const lifecycleTimelineStyles = css`
  /* Stage colours: the theme's accent and tier colours, and two hues of their own per theme; on the
     shadow root's top element too, where a page's rules for the host cannot reach (base-styles.ts). */
  :host,
  :host > * {
    --_purple: #8250df;
    --_pink: #bf3989;
    --_stage-0: var(--lead-color-stage-1, var(--_accent));
    --_stage-1: var(--lead-color-stage-2, var(--_high));
    --_stage-2: var(--lead-color-stage-3, var(--_medium));
    --_stage-3: var(--lead-color-stage-4, var(--_purple));
    --_stage-4: var(--lead-color-stage-5, var(--_pink));
    --_stage-5: var(--lead-color-stage-6, var(--_low));
  }
  :host([theme='dark']),
  :host([theme='dark']) > * {
    --_purple: #ab7df8;
    --_pink: #db61a2;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']),
    :host([theme='auto']) > * {
      --_purple: #ab7df8;
      --_pink: #db61a2;
    }
  }
  [part='base'] {
    display: block;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 1.5);
  }
  .summary {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 3);
    margin: 0 0 var(--_space);
  }
  .summary dt {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .summary dd {
    margin: 0;
    font-weight: 600;
    font-size: 1.1em;
  }
  .bar {
    display: block;
    width: 100%;
    height: 24px;
  }
  .track {
    fill: var(--_track);
  }
  /* A stay's colour: its stage's place in the pipeline (data-tone), on the bar and in the list. */
  [data-tone='0'] {
    --_tone: var(--_stage-0);
  }
  [data-tone='1'] {
    --_tone: var(--_stage-1);
  }
  [data-tone='2'] {
    --_tone: var(--_stage-2);
  }
  [data-tone='3'] {
    --_tone: var(--_stage-3);
  }
  [data-tone='4'] {
    --_tone: var(--_stage-4);
  }
  .segment {
    fill: var(--_tone, var(--_stage-5));
  }
  .segment[data-open] {
    fill-opacity: 0.75;
  }
  .refused-mark {
    fill: var(--_danger);
    cursor: help;
  }
  .axis {
    display: flex;
    justify-content: space-between;
    margin: 2px 0 var(--_space);
    color: var(--_muted);
    font-size: 0.85em;
  }
  .subtitle {
    margin: var(--_space) 0 calc(var(--_space) / 2);
    font-weight: 600;
  }
  .stays,
  .refusals {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .stay {
    display: flex;
    gap: var(--_space);
    align-items: baseline;
    padding: calc(var(--_space) / 2) 0;
    border-top: 1px solid var(--_border);
  }
  .stay:first-child {
    border-top: none;
  }
  .swatch {
    flex: none;
    width: 0.75em;
    height: 0.75em;
    border-radius: 2px;
    background: var(--_tone, var(--_stage-5));
  }
  .stay-stage {
    font-weight: 600;
  }
  .current-tag {
    margin-left: calc(var(--_space) / 2);
    padding: 0 0.5em;
    border: 1px solid var(--_accent);
    border-radius: 999px;
    color: var(--_accent);
    font-size: 0.8em;
  }
  .stay-facts {
    display: flex;
    flex-wrap: wrap;
    column-gap: calc(var(--_space) * 2);
    font-size: 0.9em;
  }
  .fact-label {
    color: var(--_muted);
  }
  .refusal {
    padding: 2px 0;
  }
  .marker {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    border-color: var(--_danger);
    color: var(--_danger);
    cursor: help;
  }
  .marker-icon {
    width: 0.6em;
    height: 0.6em;
    background: currentColor;
    clip-path: polygon(50% 0, 100% 100%, 0 100%);
  }
  /* The tooltip: on hover of the change (or its mark on the bar) and on keyboard focus; Escape hides it. */
  .tooltip {
    display: none;
    margin: 4px 0 2px;
    padding: calc(var(--_space) / 2) var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_track);
    max-width: 40em;
  }
  .refusal:hover .tooltip,
  .refusal.active .tooltip,
  .marker:focus + .tooltip {
    display: block;
  }
  .refusal.dismissed .tooltip {
    display: none;
  }
  .figures {
    width: 100%;
    margin-top: var(--_space);
    border-collapse: collapse;
    font-size: 0.9em;
  }
  .figures caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: calc(var(--_space) / 2);
  }
  .figures th,
  .figures td {
    text-align: start;
    padding: 2px var(--_space) 2px 0;
    border-bottom: 1px solid var(--_border);
  }
  .figures thead th {
    color: var(--_muted);
    font-weight: 600;
  }
`;
