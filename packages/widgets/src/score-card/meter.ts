import { html, svg, type TemplateResult } from 'lit';

export interface MeterOptions {
  /** The accessible name, e.g. "Sales: 60 of 60". */
  label: string;
  value: number;
  /** The limit the value is read against: the score's `[min, max]`, or a group's `[-limit, limit]`. */
  min: number;
  max: number;
  /** `aria-valuetext`: the value as the reader sees it. */
  text: string;
  part: string;
  capped?: boolean;
}

/**
 * A `role="meter"` bar drawn as SVG attributes (never inline styles: strict CSP). A value of zero or
 * more is read from 0 to the maximum; a negative one from the minimum, with zero marked, and the bar
 * grows from zero either way.
 */
export function renderMeter(options: MeterOptions): TemplateResult {
  const lower = options.value < 0 ? Math.min(options.min, options.value) : 0;
  const upper = Math.max(options.max, lower + Number.EPSILON);
  const at = (value: number) => round((Math.min(Math.max(value, lower), upper) - lower) / (upper - lower) * 100);
  const zero = at(0);
  const end = at(options.value);
  return html`<div
    part=${options.part}
    class="meter"
    role="meter"
    aria-label=${options.label}
    aria-valuenow=${options.value}
    aria-valuemin=${lower}
    aria-valuemax=${upper}
    aria-valuetext=${options.text}
    data-capped=${options.capped ? 'true' : 'false'}
  ><svg viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
    <rect class="track" x="0" y="0" width="100" height="8" rx="0"></rect>
    ${svg`<rect class=${options.value < 0 ? 'fill negative' : 'fill'} x=${Math.min(zero, end)} y="0" width=${Math.abs(end - zero)} height="8"></rect>`}
    ${lower < 0 ? svg`<line class="zero" x1=${zero} x2=${zero} y1="0" y2="8" vector-effect="non-scaling-stroke"></line>` : ''}
  </svg></div>`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
