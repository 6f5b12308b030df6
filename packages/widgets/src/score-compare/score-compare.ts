import { LeadScoreCompare } from './score-compare.component.ts';

export { LeadScoreCompare };
export type { CompareMatrixData } from './score-compare.component.ts';

customElements.get('lead-score-compare') ?? customElements.define('lead-score-compare', LeadScoreCompare);

declare global {
  interface HTMLElementTagNameMap {
    'lead-score-compare': LeadScoreCompare;
  }
}
