import { LeadScoreCard } from './score-card.component.ts';

export { LeadScoreCard };
export type { ScoreCardData } from './score-card.component.ts';

customElements.get('lead-score-card') ?? customElements.define('lead-score-card', LeadScoreCard);

declare global {
  interface HTMLElementTagNameMap {
    'lead-score-card': LeadScoreCard;
  }
}
