import { LeadScoreHistogram } from './score-histogram.component.ts';

export { LeadScoreHistogram };
export type { RangeSelectDetail } from './score-histogram.component.ts';

customElements.get('lead-score-histogram') ?? customElements.define('lead-score-histogram', LeadScoreHistogram);

declare global {
  interface HTMLElementTagNameMap {
    'lead-score-histogram': LeadScoreHistogram;
  }
  interface GlobalEventHandlersEventMap {
    'lead-range-select': CustomEvent<import('./score-histogram.component.ts').RangeSelectDetail>;
  }
}
