// A page with a score card and a badge only: it must not download ECharts.
import '@leadscore/widgets/score-card.js';
import '@leadscore/widgets/threshold-badge.js';
// Copied in by scripts/test-consumers.mjs from test/consumers/shared/.
import { staticData } from './scenario.js';

const card = document.querySelector('lead-score-card')!;
card.result = staticData.card.result;
card.definition = staticData.card.definition;
card.history = staticData.card.history;
