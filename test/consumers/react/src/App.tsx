// The widgets in React 19 as docs/widgets.md (Frameworks) says: one import registers the elements
// and types them in JSX; objects are passed as props (React sets them as properties), events with
// `on<event-name>`. No typings of the app's own.
import { createClient } from '@leadscore/sdk';
import '@leadscore/widgets/react';
import { useEffect, useState } from 'react';
// Copied in by scripts/test-consumers.mjs from test/consumers/shared/.
import { seedLiveData, staticData } from './scenario.js';

// One client for the app, made once (outside the component: StrictMode runs effects twice).
const client = createClient({ dbName: 'consumer-react' });
const seeded = seedLiveData(client);

export function App() {
  const [ready, setReady] = useState(false);
  const [range, setRange] = useState('');
  useEffect(() => {
    void seeded.then(() => setReady(true));
  }, []);

  return (
    <>
      <section id="static">
        <lead-score-card result={staticData.card.result} definition={staticData.card.definition} history={staticData.card.history} />
        <lead-threshold-badge label="high" />
        <lead-score-histogram
          distribution={staticData.histogram.distribution}
          definition={staticData.histogram.definition}
          onlead-range-select={(event) => setRange(`${event.detail.from} to ${event.detail.to}: ${event.detail.count}`)}
        />
        <lead-score-history history={staticData.card.history} />
        <lead-score-matrix counts={staticData.matrix.counts} onlead-cell-select={(event) => setRange(event.detail.label)} />
        <lead-score-compare comparison={staticData.compare} />
        <lead-lifecycle-timeline lifecycle={staticData.lifecycle} />
      </section>
      <output>{range}</output>
      <section id="live">
        {ready && (
          <lead-provider client={client}>
            <lead-score-card record-id="c1" definition-id="engagement" />
            <lead-score-histogram definition-id="engagement" buckets={5} />
            <lead-score-history recordId="c2" definitionId="engagement" />
            <lead-score-matrix definition-id="fit-and-engagement" />
            <lead-score-compare championId="engagement" challengerId="engagement-v2" />
            <lead-lifecycle-timeline recordId="c1" />
          </lead-provider>
        )}
      </section>
    </>
  );
}
