// What a section of a consumer page shows, read from the elements' shadow roots in the page (this
// function runs in Chromium: it may use nothing from outside itself). Text is what a reader sees;
// charts count the SVG shapes ECharts drew, so a chart without its renderer reads as 0 bars.

/** @param {string} section the id of the section (`static` or `live`) */
export function snapshotSection(section) {
  const text = (node) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const shadow = (tag) => document.getElementById(section)?.querySelector(tag)?.shadowRoot ?? undefined;
  const all = (root, selector) => [...(root?.querySelectorAll(selector) ?? [])];
  const rowText = (row) => all(row, 'th, td').slice(0, 2).map(text).join(': ');
  const snapshot = {};
  // What a page wrote into its own <output name=…> elements (the embed snippet's results).
  snapshot.outputs = Object.fromEntries(all(document.getElementById(section), 'output[name]').map((output) => [output.name, text(output)]));
  // The loading, empty, error and not-connected messages, to name what an element shows instead.
  snapshot.states = {};
  for (const [name, tag] of Object.entries({ card: 'lead-score-card', histogram: 'lead-score-histogram', history: 'lead-score-history', matrix: 'lead-score-matrix', compare: 'lead-score-compare', timeline: 'lead-lifecycle-timeline' })) {
    const state = shadow(tag)?.querySelector('[part=state]');
    if (state) snapshot.states[name] = text(state);
  }

  const card = shadow('lead-score-card');
  if (card) {
    snapshot.card = {
      value: text(card.querySelector('[part=value]')),
      limit: text(card.querySelector('[part=limit]')),
      badge: text(card.querySelector('[part=badge]')?.shadowRoot?.querySelector('[part=base]')),
      groups: all(card, '[part=group]').map((group) => `${group.dataset.group}: ${text(group.querySelector('.group-value'))}`),
      rules: all(card, '[part=rule]').map((rule) => rule.dataset.rule),
      sparkline: all(card, '[part=sparkline] svg path').some((path) => (path.getAttribute('d') ?? '').length > 0),
    };
  }

  const badge = document.getElementById(section)?.querySelector(':scope > lead-threshold-badge')?.shadowRoot;
  if (badge) snapshot.badge = text(badge.querySelector('[part=base]'));

  const histogram = shadow('lead-score-histogram');
  if (histogram) {
    const chart = histogram.querySelector('[part=chart] svg');
    snapshot.histogram = {
      summary: text(histogram.querySelector('[part=summary]')),
      buckets: all(histogram, 'tr[data-kind=bucket]').map(rowText),
      bands: all(histogram, 'tr[data-kind=band]').map(rowText),
      // Each bar is an opaque filled rectangle with an area (axes and grid lines are strokes, the
      // threshold bands translucent, an empty bucket's bar has no height, clip paths are not drawn).
      bars: all(chart, 'path:not(defs *)').filter((path) => {
        const fill = path.getAttribute('fill');
        const box = path.getBBox();
        return fill && fill !== 'none' && !path.hasAttribute('fill-opacity') && box.width > 1 && box.height > 1;
      }).length,
    };
  }

  const history = shadow('lead-score-history');
  if (history) {
    snapshot.history = {
      summary: text(history.querySelector('[part=summary]')),
      rows: all(history, '[part=table] tbody tr').map((row) => all(row, 'td').slice(0, 2).map(text).join(' → ')),
      // The step line: a stroked path with more than one segment.
      line: all(history, '[part=chart] svg path').some((path) => {
        const stroke = path.getAttribute('stroke');
        return stroke && stroke !== 'none' && (path.getAttribute('fill') ?? 'none') === 'none' && (path.getAttribute('d') ?? '').split(/[ML]/).length > 3;
      }),
    };
  }

  const matrix = shadow('lead-score-matrix');
  if (matrix) {
    snapshot.matrix = {
      cells: all(matrix, '[part~=cell]').map((cell) => `${cell.dataset.label}: ${text(cell.querySelector('.count'))}`),
      summary: text(matrix.querySelector('[part=summary]')),
    };
  }

  const compare = shadow('lead-score-compare');
  if (compare) {
    // Each count named by its row's champion label and its column's challenger label, as a reader
    // finds them in the table's headers.
    const columns = all(compare, 'thead tr:last-child th:not(.side)').map(text);
    snapshot.compare = {
      champion: text(compare.querySelector('thead .side')),
      challenger: text(compare.querySelector('thead th[colspan]')),
      cells: all(compare, 'tbody tr').flatMap((row) => {
        const from = text(row.querySelector('th'));
        return all(row, '[part~=cell]').map((cell, index) => `${from} → ${columns[index]}: ${text(cell)}`);
      }),
      summary: text(compare.querySelector('[part=summary]')),
    };
  }

  const timeline = shadow('lead-lifecycle-timeline');
  if (timeline) {
    snapshot.timeline = {
      stage: text(timeline.querySelector('[part=current-stage]')),
      stays: all(timeline, '[part=stay] .stay-stage').map(text),
      segments: all(timeline, '[part=bar] rect.segment').length,
    };
  }
  return snapshot;
}
