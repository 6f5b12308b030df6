import { LeadScoreHistory } from './score-history.component.ts';

export { LeadScoreHistory };

customElements.get('lead-score-history') ?? customElements.define('lead-score-history', LeadScoreHistory);

declare global {
  interface HTMLElementTagNameMap {
    'lead-score-history': LeadScoreHistory;
  }
}
