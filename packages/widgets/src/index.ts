// @leadscore/widgets: the element classes, without registering any tag (side-effect free).
// Register the ones a page uses by importing their files: `@leadscore/widgets/score-card.js`
// registers <lead-score-card>; `leadscore-widgets.js` registers them all.
export { LeadThresholdBadge } from './threshold-badge/threshold-badge.component.ts';
export { tierOf } from './threshold-badge/tier.ts';
export { LeadProvider } from './provider/provider.component.ts';
export { LeadLifecycleTimeline } from './lifecycle-timeline/lifecycle-timeline.component.ts';
export { LeadScoreCard } from './score-card/score-card.component.ts';
export { LeadScoreHistogram } from './score-histogram/score-histogram.component.ts';
export { LeadScoreHistory } from './score-history/score-history.component.ts';
export { LeadScoreMatrix } from './score-matrix/score-matrix.component.ts';
export { LeadScoreCompare } from './score-compare/score-compare.component.ts';
export type { ScoreCardData } from './score-card/score-card.component.ts';
export type { RangeSelectDetail } from './score-histogram/score-histogram.component.ts';
export type { CellSelectDetail, MatrixCounts, MatrixLabel } from './score-matrix/score-matrix.component.ts';
export type { CompareMatrixData } from './score-compare/score-compare.component.ts';
export type { LifecycleOptionLabel } from './lifecycle-timeline/lifecycle-timeline.component.ts';
export { clientContext } from './internal/client-context.ts';
export { defineMessages, localeOf, registerLocale, translate } from './internal/locale.ts';
export type { MessageValues } from './internal/message-format.ts';
export { optionLabel } from './internal/option-label.ts';
export type { MessageKey, Messages } from './internal/locale.ts';

/** This package's version; test/version.test.ts keeps it equal to package.json's. */
export const version = '0.1.0';
