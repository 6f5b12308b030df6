// The widgets as docs/widgets.md tells a bundler user: one import per element, properties for
// static data, a client handed to <lead-provider> for live data. Every property is set by name, so
// `tsc` checks the elements' types as the package declares them.
import { createClient } from '@leadscore/sdk';
import '@leadscore/widgets/lifecycle-timeline.js';
import '@leadscore/widgets/provider.js';
import '@leadscore/widgets/score-card.js';
import '@leadscore/widgets/score-compare.js';
import '@leadscore/widgets/score-histogram.js';
import '@leadscore/widgets/score-history.js';
import '@leadscore/widgets/score-matrix.js';
import '@leadscore/widgets/threshold-badge.js';
// Copied in by scripts/test-consumers.mjs from test/consumers/shared/.
import { seedLiveData, staticData } from './scenario.js';

const inStatic = <K extends keyof HTMLElementTagNameMap>(tag: K) => document.getElementById('static')!.querySelector(tag)!;

const card = inStatic('lead-score-card');
card.result = staticData.card.result;
card.definition = staticData.card.definition;
card.history = staticData.card.history;
const histogram = inStatic('lead-score-histogram');
histogram.distribution = staticData.histogram.distribution;
histogram.definition = staticData.histogram.definition;
inStatic('lead-score-history').history = staticData.card.history;
inStatic('lead-score-matrix').counts = staticData.matrix.counts;
inStatic('lead-score-compare').comparison = staticData.compare;
inStatic('lead-lifecycle-timeline').lifecycle = staticData.lifecycle;

const client = createClient({ dbName: 'consumer-vite-ts' });
void seedLiveData(client).then(() => {
  document.querySelector('lead-provider')!.client = client;
});
