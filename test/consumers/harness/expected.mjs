// What each element of a consumer page must show, worked out by hand from shared/scenario.js (in
// English, the pages' language). A snapshot (harness/snapshot.mjs) of the page is compared with
// these, so a blank chart, a "Not connected" card or a wrong number all fail.

/** The `#static` section: the hand-written plain data of `staticData`. */
export const staticExpected = {
  card: {
    // The worked example: sales 10 (one meeting booked), marketing 2×2 + 3×5 = 19, total 29;
    // 29 ≥ 20 (medium) and < 40 (high).
    value: '29',
    limit: 'of 100',
    badge: 'Medium',
    groups: ['sales: 10 of 60', 'marketing: 19 of 40'],
    // Largest share first: clicks 15, the meeting 10, opens 4.
    rules: ['click', 'booked', 'open'],
    sparkline: true,
  },
  badge: 'High',
  histogram: {
    summary: '10 records scored, from 2 to 55; mean 21.5.',
    buckets: ['0 to 20: 5', '20 to 40: 3', '40 to 60: 2', '60 to 80: 0', '80 to 100: 0'],
    // The bands come from the thresholds (medium 20, high 40) over the limit 0..100, with the
    // distribution's own counts per label.
    bands: ['0 to 20: 5', '20 to 40: 3', '40 to 100: 2'],
    // One bar per non-empty bucket.
    bars: 3,
  },
  history: {
    summary: '3 changes; now 29.',
    // Newest first.
    rows: ['14 → 29', '10 → 14', 'not scored → 10'],
    line: true,
  },
  matrix: {
    cells: ['A1: 1 record', 'A2: 2 records', 'A3: 0 records', 'B1: 3 records', 'B2: 0 records', 'B3: 0 records', 'C1: 0 records', 'C2: 0 records', 'C3: 4 records'],
    summary: '10 records scored.',
  },
  // Rows are the champion's labels, columns the challenger's, "Not scored" last in each; a cell
  // without a transition is 0.
  compare: {
    champion: 'Champion: Fit',
    challenger: 'Challenger: Fit v2',
    cells: [
      'High → High: 4', 'High → Medium: 1', 'High → Low: 0', 'High → Not scored: 0',
      'Medium → High: 2', 'Medium → Medium: 5', 'Medium → Low: 0', 'Medium → Not scored: 0',
      'Low → High: 0', 'Low → Medium: 3', 'Low → Low: 6', 'Low → Not scored: 1',
      'Not scored → High: 0', 'Not scored → Medium: 0', 'Not scored → Low: 0', 'Not scored → Not scored: 0',
    ],
    // 4 + 1 + 2 + 5 + 3 + 6 + 1 = 22 records; off the diagonal 1 + 2 + 3 + 1 = 7.
    summary: '22 records compared; 7 change label.',
  },
  timeline: { stage: 'Marketing qualified lead', stays: ['Lead', 'Marketing qualified lead'], segments: 2 },
};

/** The `#live` section: `seedLiveData` through the worker, then each element's reads. */
export const liveExpected = {
  // c1 is the worked example's contact: 29, medium, as the static card, now computed by the worker
  // (and activation wrote its first history entry, the sparkline).
  card: staticExpected.card,
  histogram: {
    // c1 29; c2 call 15 + meeting completed 20 = 35, then a CTA click 6 = 41; c3 one open = 2.
    // Mean (29 + 41 + 2) / 3 = 24.
    summary: '3 records scored, from 2 to 41; mean 24.',
    buckets: ['0 to 20: 1', '20 to 40: 1', '40 to 60: 1', '60 to 80: 0', '80 to 100: 0'],
    // c3 low, c1 medium, c2 high.
    bands: ['0 to 20: 1', '20 to 40: 1', '40 to 100: 1'],
    bars: 3,
  },
  history: {
    // c2: scored 35 at activation, 41 after the CTA click.
    summary: '2 changes; now 41.',
    rows: ['35 → 41', 'not scored → 35'],
    line: true,
  },
  matrix: {
    // Fit (job title starts with "Chief": 40; high 30, medium 10) and engagement (sales rules):
    // c1 fit 40 → A, engagement 10 → 2: A2; c2 fit 0 → C, engagement 35 → 1: C1; c3 C3.
    cells: ['A1: 0 records', 'A2: 1 record', 'A3: 0 records', 'B1: 0 records', 'B2: 0 records', 'B3: 0 records', 'C1: 1 record', 'C2: 0 records', 'C3: 1 record'],
    summary: '3 records scored.',
  },
  compare: {
    // engagement (champion: open 2, medium ≥ 20, high ≥ 40) against the draft engagement-v2 (open
    // 10, medium ≥ 10, high ≥ 40), the same events:
    // c1: 29, medium → sales 10 + marketing 2×10 + 3×5 = 35 (under its limit 40) = 45, high;
    // c2: 35 + 6 = 41, high → no open, 41, high;
    // c3: one open 2, low → 10, medium.
    champion: 'Champion: Engagement',
    challenger: 'Challenger: Engagement v2',
    cells: [
      'High → High: 1', 'High → Medium: 0', 'High → Low: 0', 'High → Not scored: 0',
      'Medium → High: 1', 'Medium → Medium: 0', 'Medium → Low: 0', 'Medium → Not scored: 0',
      'Low → High: 0', 'Low → Medium: 1', 'Low → Low: 0', 'Low → Not scored: 0',
      'Not scored → High: 0', 'Not scored → Medium: 0', 'Not scored → Low: 0', 'Not scored → Not scored: 0',
    ],
    // c1 and c3 change label.
    summary: '3 records compared; 2 change label.',
  },
  // c1 entered lead, then marketing qualified lead.
  timeline: { stage: 'Marketing qualified lead', stays: ['Lead', 'Marketing qualified lead'], segments: 2 },
};

/** The embed snippet's page: its calls, queued before the SDK loaded, scored c1 of the worked example. */
export const snippetExpected = { outputs: { score: '29', label: 'medium' } };
