// @leadscore/widgets/react: every lead- element registered, and declared to React 19's JSX, so a
// React app writes `<lead-score-card result={result} />` with no typings of its own. React 19 sets
// a custom element's props as properties when the element has them (objects included) and adds a
// listener for `on<event-name>`; so no wrapper components are needed (docs/widgets.md, Frameworks).
// To register only some elements, import their files and this entry's types alone:
// `import type {} from '@leadscore/widgets/react'`.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import './internal/all-elements.ts';
import type { LeadLifecycleTimeline } from './lifecycle-timeline/lifecycle-timeline.component.ts';
import type { LeadProvider } from './provider/provider.component.ts';
import type { LeadScoreCard } from './score-card/score-card.component.ts';
import type { LeadScoreHistogram, RangeSelectDetail } from './score-histogram/score-histogram.component.ts';
import type { LeadScoreHistory } from './score-history/score-history.component.ts';
import type { CellSelectDetail, LeadScoreMatrix } from './score-matrix/score-matrix.component.ts';
import type { LeadScoreCompare } from './score-compare/score-compare.component.ts';
import type { LeadThresholdBadge } from './threshold-badge/threshold-badge.component.ts';

/**
 * An element's props: the HTML ones, and its public reactive properties as the element declares
 * them in `static properties` (so a new property is typed here without a second declaration).
 * Attributes such as `record-id` need no entry: JSX accepts any hyphenated name.
 */
type LeadElementProps<E extends HTMLElement, C extends { properties: object }, Events = unknown> = DetailedHTMLProps<HTMLAttributes<E>, E> &
  Partial<Pick<E, keyof C['properties'] & keyof E>> &
  Events;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'lead-provider': LeadElementProps<LeadProvider, typeof LeadProvider>;
      'lead-threshold-badge': LeadElementProps<LeadThresholdBadge, typeof LeadThresholdBadge>;
      'lead-score-card': LeadElementProps<LeadScoreCard, typeof LeadScoreCard>;
      'lead-score-histogram': LeadElementProps<LeadScoreHistogram, typeof LeadScoreHistogram, {
        'onlead-range-select'?: (event: CustomEvent<RangeSelectDetail>) => void;
      }>;
      'lead-score-history': LeadElementProps<LeadScoreHistory, typeof LeadScoreHistory>;
      'lead-score-matrix': LeadElementProps<LeadScoreMatrix, typeof LeadScoreMatrix, {
        'onlead-cell-select'?: (event: CustomEvent<CellSelectDetail>) => void;
      }>;
      'lead-score-compare': LeadElementProps<LeadScoreCompare, typeof LeadScoreCompare>;
      'lead-lifecycle-timeline': LeadElementProps<LeadLifecycleTimeline, typeof LeadLifecycleTimeline>;
    }
  }
}
