import { css } from 'lit';

export const scoreHistogramStyles = css`
  [part='bands'] {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2) calc(var(--_space) * 2);
    list-style: none;
    margin: var(--_space) 0 0;
    padding: 0;
  }
  [part='bands'] li {
    display: inline-flex;
    align-items: baseline;
    gap: 0.35em;
  }
  .band-label {
    font-weight: 600;
  }
  .band-range {
    color: var(--_muted);
  }
  /* A shape as well as a colour, as the threshold badge draws it: never colour alone. */
  .swatch {
    display: inline-block;
    width: 0.7em;
    height: 0.7em;
    background: var(--_low);
    border-radius: 1px;
  }
  [data-band='high'] .swatch {
    background: var(--_high);
    border-radius: 50%;
  }
  [data-band='medium'] .swatch {
    background: var(--_medium);
    clip-path: polygon(50% 0, 100% 100%, 0 100%);
  }
  [data-band='low'] .swatch {
    height: 0.25em;
  }
  [data-band='high'] .band-label {
    color: var(--_high);
  }
  [data-band='medium'] .band-label {
    color: var(--_medium);
  }
`;
