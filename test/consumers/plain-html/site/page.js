// The page's own script, no bundler: static data by properties; live data written by a client of
// the bundle's own `createClient`, then shown by a <lead-provider db-name> that makes its client
// from the attribute (the README's markup). The bundle comes from this site's vendor folder, or
// from the URL in `?from=` (another origin, as a CDN).
import { seedLiveData, staticData } from './scenario.js';

const from = new URLSearchParams(location.search).get('from') ?? new URL('vendor/leadscore/', location.href).href;
const { createClient } = await import(new URL('leadscore-widgets.js', from).href);

const inStatic = (tag) => document.querySelector(`#static ${tag}`);
Object.assign(inStatic('lead-score-card'), staticData.card);
Object.assign(inStatic('lead-score-histogram'), staticData.histogram);
inStatic('lead-score-history').history = staticData.card.history;
inStatic('lead-score-matrix').counts = staticData.matrix.counts;
inStatic('lead-score-compare').comparison = staticData.compare;
inStatic('lead-lifecycle-timeline').lifecycle = staticData.lifecycle;

const client = createClient({ dbName: 'consumer-plain' });
await seedLiveData(client);
await client.close();
document.getElementById('live').append(document.getElementById('live-widgets').content.cloneNode(true));
