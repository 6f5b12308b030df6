import { LeadScoreMatrix } from './score-matrix.component.ts';

export { LeadScoreMatrix };
export type { CellSelectDetail, MatrixCounts, MatrixLabel } from './score-matrix.component.ts';

customElements.get('lead-score-matrix') ?? customElements.define('lead-score-matrix', LeadScoreMatrix);

declare global {
  interface HTMLElementTagNameMap {
    'lead-score-matrix': LeadScoreMatrix;
  }
  interface GlobalEventHandlersEventMap {
    'lead-cell-select': CustomEvent<import('./score-matrix.component.ts').CellSelectDetail>;
  }
}
