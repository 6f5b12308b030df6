// <lead-lifecycle-timeline>: a record's stays in its stages (lifecycle.md §3, §4.1), static from a
// hand-written RecordLifecycleView and live on a real client, in English and Danish.
import { expect } from '@esm-bundle/chai';
import { axeViolations } from './axe.ts';
import { executeServerCommand, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { LeadscoreClient, RecordLifecycleView, StageFigures } from '../../sdk/src/index.ts';
import { cleanUp, freshDbName, open, rejection, until } from '../../sdk/test/helpers.ts';
import '../src/lifecycle-timeline/lifecycle-timeline.ts';
import '../src/provider/provider.ts';
import type { LeadLifecycleTimeline } from '../src/lifecycle-timeline/lifecycle-timeline.component.ts';

// lead (form) → MQL (workflow) → SQL (manual) → lead (manual, backward) → SQL (manual); an import
// asking for lead while the contact is SQL is refused (automatic sources only move forward, §2.2).
const at = {
  lead: '2026-01-05T09:00:00.000Z',
  mql: '2026-01-12T09:00:00.000Z',
  sql: '2026-01-15T21:00:00.000Z',
  statusNew: '2026-01-16T10:00:00.000Z',
  refusedImport: '2026-01-20T09:00:00.000Z',
  backToLead: '2026-01-25T09:00:00.000Z',
  sqlAgain: '2026-02-01T09:00:00.000Z',
  statusOpen: '2026-02-02T09:00:00.000Z',
  asOf: '2026-02-11T09:00:00.000Z',
};
const DAY = 86_400;

const pipeline: [string, string][] = [
  ['subscriber', 'Subscriber'], ['lead', 'Lead'], ['marketingqualifiedlead', 'Marketing qualified lead'],
  ['salesqualifiedlead', 'Sales qualified lead'], ['opportunity', 'Opportunity'], ['customer', 'Customer'],
  ['evangelist', 'Evangelist'], ['other', 'Other'],
];

// §3 by hand, as of at.asOf. lead: stays Jan 5–12 and Jan 25–Feb 1 (7 + 7 days); MQL: Jan 12 09:00 to
// Jan 15 21:00 (3.5 days); SQL: Jan 15 21:00 to Jan 25 09:00 (9.5 days) and again since Feb 1, so its
// latest and cumulative times are the completed first stay only (§3.3–3.4). The manual move back to
// lead cleared the became-a dates above lead and dated lead anew; SQL is dated when reached again.
const figures: Record<string, Omit<StageFigures, 'id' | 'label'>> = {
  lead: { dateEntered: at.backToLead, dateExited: at.sqlAgain, latestTimeIn: 7 * DAY, cumulativeTimeIn: 14 * DAY, becameADate: at.backToLead },
  marketingqualifiedlead: { dateEntered: at.mql, dateExited: at.sql, latestTimeIn: 3.5 * DAY, cumulativeTimeIn: 3.5 * DAY },
  salesqualifiedlead: { dateEntered: at.sqlAgain, dateExited: at.backToLead, latestTimeIn: 9.5 * DAY, cumulativeTimeIn: 9.5 * DAY, becameADate: at.sqlAgain },
};

function view(): RecordLifecycleView {
  return {
    recordId: 'c1',
    objectType: 'contact',
    asOf: at.asOf,
    stage: 'salesqualifiedlead',
    leadStatus: 'OPEN',
    properties: {},
    stages: pipeline.map(([id, label]) => ({ id, label, ...figures[id] })),
    // No labels of its own: the tests that name the statuses set `.leadStatuses`, the others see ids.
    leadStatuses: [],
    history: [
      { field: 'stage', oldValue: null, newValue: 'lead', at: at.lead, source: 'form', refused: false },
      { field: 'stage', oldValue: 'lead', newValue: 'marketingqualifiedlead', at: at.mql, source: 'workflow', refused: false },
      { field: 'stage', oldValue: 'marketingqualifiedlead', newValue: 'salesqualifiedlead', at: at.sql, source: 'manual', refused: false },
      { field: 'leadStatus', oldValue: null, newValue: 'NEW', at: at.statusNew, source: 'api', refused: false },
      { field: 'stage', oldValue: 'salesqualifiedlead', newValue: 'lead', at: at.refusedImport, source: 'import', refused: true, reason: 'backward' },
      { field: 'stage', oldValue: 'salesqualifiedlead', newValue: 'lead', at: at.backToLead, source: 'manual', refused: false },
      { field: 'stage', oldValue: 'lead', newValue: 'salesqualifiedlead', at: at.sqlAgain, source: 'manual', refused: false },
      { field: 'leadStatus', oldValue: 'NEW', newValue: 'OPEN', at: at.statusOpen, source: 'manual', refused: false },
    ],
  };
}

const statuses = [{ id: 'NEW', label: 'New' }, { id: 'OPEN', label: 'Open' }];

async function timeline(setup: (element: LeadLifecycleTimeline) => void, lang?: string): Promise<LeadLifecycleTimeline> {
  const element = document.createElement('lead-lifecycle-timeline');
  if (lang) element.setAttribute('lang', lang);
  setup(element);
  document.body.append(element);
  await element.updateComplete;
  return element;
}

const shadow = (element: HTMLElement) => element.shadowRoot!;
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Each stay as [stage, entered, exited, time in stage]. */
function stays(element: HTMLElement): string[][] {
  return [...shadow(element).querySelectorAll('[part=stay]')].map((item) => [
    text(item.querySelector('.stay-stage')),
    text(item.querySelector('[data-fact=entered] time')),
    text(item.querySelector('[data-fact=exited] time')) || text(item.querySelector('[data-fact=exited] span:last-child')),
    text(item.querySelector('.duration')),
  ]);
}

/** The §3 table as rows of cell texts. */
function figureRows(element: HTMLElement): string[][] {
  return [...shadow(element).querySelectorAll('[part=figures] tbody tr')].map((row) => [...row.children].map((cell) => text(cell)));
}

describe('<lead-lifecycle-timeline> static', () => {
  afterEach(() => document.querySelectorAll('lead-lifecycle-timeline').forEach((element) => element.remove()));

  it('shows each stay with its entered and exited dates and time in the stage (English)', async () => {
    const element = await timeline((el) => {
      el.lifecycle = view();
      el.leadStatuses = statuses;
    });
    expect(stays(element)).to.deep.equal([
      ['Lead', 'Jan 5, 2026', 'Jan 12, 2026', '7 days'],
      ['Marketing qualified lead', 'Jan 12, 2026', 'Jan 15, 2026', '3.5 days'],
      ['Sales qualified lead', 'Jan 15, 2026', 'Jan 25, 2026', '9.5 days'],
      ['Lead', 'Jan 25, 2026', 'Feb 1, 2026', '7 days'],
      // The current stay counts up to the view's instant: Feb 1 09:00 to Feb 11 09:00.
      ['Sales qualified lead', 'Feb 1, 2026', '—', '10 days so far'],
    ]);
    const items = shadow(element).querySelectorAll('[part=stay]');
    expect([...items].map((item) => item.hasAttribute('data-current'))).to.deep.equal([false, false, false, false, true]);
    expect(text(items[4]!.querySelector('.current-tag'))).to.equal('Current');
    expect(items[0]!.querySelector('[data-fact=entered] time')!.getAttribute('datetime')).to.equal(at.lead);
    expect(text(items[0]!.querySelector('[data-fact=source]'))).to.equal('Source form');
    expect(text(shadow(element).querySelector('[part=current-stage]'))).to.equal('Sales qualified lead');
    expect(text(shadow(element).querySelector('[part=lead-status]'))).to.equal('Open');
  });

  it('shows the §3 calculated properties: latest and cumulative completed time per stage', async () => {
    const element = await timeline((el) => (el.lifecycle = view()));
    expect(figureRows(element)).to.deep.equal([
      ['Lead', 'Jan 25, 2026', 'Feb 1, 2026', '7 days', '14 days'],
      ['Marketing qualified lead', 'Jan 12, 2026', 'Jan 15, 2026', '3.5 days', '3.5 days'],
      ['Sales qualified lead', 'Feb 1, 2026', 'Jan 25, 2026', '9.5 days', '9.5 days'],
    ]);
    // Without lead-status labels the id is shown.
    expect(text(shadow(element).querySelector('[part=lead-status]'))).to.equal('OPEN');
  });

  it('speaks Danish inside lang="da", with Intl dates and durations', async () => {
    const element = await timeline((el) => {
      el.lifecycle = view();
      el.leadStatuses = statuses;
    }, 'da');
    expect(stays(element)).to.deep.equal([
      ['Lead', '5. jan. 2026', '12. jan. 2026', '7 dage'],
      ['Marketingkvalificeret lead', '12. jan. 2026', '15. jan. 2026', '3,5 dage'],
      ['Salgskvalificeret lead', '15. jan. 2026', '25. jan. 2026', '9,5 dage'],
      ['Lead', '25. jan. 2026', '1. feb. 2026', '7 dage'],
      ['Salgskvalificeret lead', '1. feb. 2026', '—', '10 dage indtil nu'],
    ]);
    expect(figureRows(element)[0]).to.deep.equal(['Lead', '25. jan. 2026', '1. feb. 2026', '7 dage', '14 dage']);
    expect(text(shadow(element).querySelector('.summary dt'))).to.equal('Fase');
    expect(text(shadow(element).querySelector('[part=marker]'))).to.equal('Afvist: fase Lead');
    expect(text(shadow(element).querySelector('[part=tooltip]'))).to.contain('ændringen fra Salgskvalificeret lead til Lead fra import blev afvist: automatiske kilder flytter kun fremad');
    expect(text(shadow(element).querySelector('[part=lead-status]'))).to.equal('Åben');
  });

  it('shows dates in the reader\'s time zone: Jan 5 09:00 UTC is still Jan 5 in Copenhagen, Jan 4 in Honolulu when entered at 02:00 UTC', async () => {
    const early = view();
    early.history = early.history.map((entry) => (entry.at === at.lead ? { ...entry, at: '2026-01-05T02:00:00.000Z' } : entry));
    try {
      await executeServerCommand('leadscore-cdp', { method: 'Emulation.setTimezoneOverride', params: { timezoneId: 'Pacific/Honolulu' } });
      const element = await timeline((el) => (el.lifecycle = early));
      expect(stays(element)[0]!.slice(0, 2)).to.deep.equal(['Lead', 'Jan 4, 2026']);
      await executeServerCommand('leadscore-cdp', { method: 'Emulation.setTimezoneOverride', params: { timezoneId: 'Europe/Copenhagen' } });
      const danish = await timeline((el) => (el.lifecycle = early), 'da');
      expect(stays(danish)[0]!.slice(0, 2)).to.deep.equal(['Lead', '5. jan. 2026']);
    } finally {
      await executeServerCommand('leadscore-cdp', { method: 'Emulation.setTimezoneOverride', params: { timezoneId: 'UTC' } });
    }
  });

  it('shows a renamed standard stage or status by the user\'s own label, also in Danish', async () => {
    const renamed = view();
    renamed.stages = renamed.stages.map((stage) => (stage.id === 'salesqualifiedlead' ? { ...stage, label: 'Hot lead' } : stage));
    const element = await timeline((el) => {
      el.lifecycle = renamed;
      el.leadStatuses = [{ id: 'OPEN', label: 'Åbnet af salg' }];
    }, 'da');
    expect(text(shadow(element).querySelector('[part=current-stage]'))).to.equal('Hot lead');
    expect(text(shadow(element).querySelector('[part=lead-status]'))).to.equal('Åbnet af salg');
    expect(stays(element)[1]![0]).to.equal('Marketingkvalificeret lead');
  });

  it('draws the stays on an SVG bar with attributes only: no style attribute anywhere', async () => {
    const element = await timeline((el) => (el.lifecycle = view()));
    const segments = [...shadow(element).querySelectorAll('[part=bar] rect.segment')];
    // 37 days from Jan 5 09:00 to Feb 11 09:00 over 1000 units: lead 7 days, MQL 3.5, SQL 9.5, lead 7, SQL 10.
    expect(segments.map((rect) => [rect.getAttribute('x'), rect.getAttribute('width')])).to.deep.equal([
      ['0', '189.19'], ['189.19', '94.59'], ['283.78', '256.76'], ['540.54', '189.19'], ['729.73', '270.27'],
    ]);
    // The refused import on Jan 20 09:00 (15 days in), as a 6-unit mark centred on its instant.
    expect(shadow(element).querySelector('[part=bar] rect.refused-mark')!.getAttribute('x')).to.equal('402.41');
    expect(shadow(element).querySelectorAll('[style]').length).to.equal(0);
    expect(shadow(element).querySelector('[part=bar]')!.getAttribute('aria-hidden')).to.equal('true');
  });

  it('shows a refused change with its source and reason on keyboard focus and on hover', async () => {
    const element = await timeline((el) => (el.lifecycle = view()));
    const marker = shadow(element).querySelector<HTMLButtonElement>('[part=marker]')!;
    const tooltip = shadow(element).getElementById(marker.getAttribute('aria-describedby')!)!;
    expect(tooltip.getAttribute('role')).to.equal('tooltip');
    expect(text(marker)).to.equal('Refused: stage Lead');
    expect(text(tooltip)).to.contain('the change from Sales qualified lead to Lead by import was refused: automatic sources only move forward');
    expect(getComputedStyle(tooltip).display).to.equal('none');

    // Keyboard: Tab reaches the marker (the only focusable part), the tooltip shows; Escape hides it.
    await sendKeys({ press: 'Tab' });
    expect(shadow(element).activeElement).to.equal(marker);
    expect(getComputedStyle(tooltip).display).to.equal('block');
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect(getComputedStyle(tooltip).display).to.equal('none');
    marker.blur();
    await element.updateComplete;

    // Pointer: over the marker, and over the refused change's mark on the bar.
    const box = marker.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
    expect(getComputedStyle(tooltip).display).to.equal('block');
    await sendMouse({ type: 'move', position: [0, 0] });
    expect(getComputedStyle(tooltip).display).to.equal('none');
    const mark = shadow(element).querySelector('rect.refused-mark')!.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(mark.x + mark.width / 2), Math.round(mark.y + mark.height / 2)] });
    await element.updateComplete;
    expect(getComputedStyle(tooltip).display).to.equal('block');
    await sendMouse({ type: 'move', position: [0, 0] });
  });

  it('shows a designed empty state for a record without a stage', async () => {
    const element = await timeline((el) => (el.lifecycle = { ...view(), stage: null, leadStatus: null, history: [], stages: view().stages.map(({ id, label }) => ({ id, label })) }));
    expect(text(shadow(element).querySelector('[part=state]'))).to.equal('No lifecycle stage yet');
    expect(text(shadow(element).querySelector('[part=current-stage]'))).to.equal('No stage');
    const bare = await timeline(() => undefined, 'da');
    expect(text(shadow(bare).querySelector('[part=state]'))).to.equal('Ingen livscyklusfase endnu');
  });

  it('a clear ends a stay, and a later stage starts a new one', async () => {
    const cleared = view();
    cleared.history = [
      { field: 'stage', oldValue: null, newValue: 'lead', at: at.lead, source: 'import', refused: false },
      { field: 'stage', oldValue: 'lead', newValue: null, at: at.mql, source: 'manual', refused: false },
      { field: 'stage', oldValue: null, newValue: 'subscriber', at: at.sql, source: 'api', refused: false },
    ];
    cleared.stage = 'subscriber';
    const element = await timeline((el) => (el.lifecycle = cleared));
    expect(stays(element)).to.deep.equal([
      ['Lead', 'Jan 5, 2026', 'Jan 12, 2026', '7 days'],
      // Jan 15 21:00 to Feb 11 09:00: 26.5 days.
      ['Subscriber', 'Jan 15, 2026', '—', '26.5 days so far'],
    ]);
    expect(text(shadow(element).querySelector('[part=stay] [data-fact=source]'))).to.equal('Source import; cleared Jan 12, 2026 (manual)');
  });

  it('renders a stage label, a source and a record id from record data as text, never as HTML', async () => {
    const attack = '<img src=x onerror="window.__xss = 1">';
    const hostile = view();
    hostile.recordId = attack;
    hostile.stages = hostile.stages.map((stage) => (stage.id === 'lead' ? { ...stage, label: attack } : stage));
    hostile.history = hostile.history.map((entry) => (entry.refused ? { ...entry, source: attack } : entry));
    const element = await timeline((el) => (el.lifecycle = hostile));
    expect(shadow(element).querySelector('img')).to.equal(null);
    expect((window as unknown as { __xss?: number }).__xss).to.equal(undefined);
    expect(stays(element)[0]![0]).to.equal(attack);
    expect(text(shadow(element).querySelector('[part=tooltip]'))).to.contain(`by ${attack} was refused`);
    expect(shadow(element).querySelector('[part=base]')!.getAttribute('aria-label')).to.equal(`Lifecycle of ${attack}`);
  });
});



describe('<lead-lifecycle-timeline> accessibility', () => {
  afterEach(() => document.querySelectorAll('main').forEach((element) => element.remove()));

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe-core violations in ${theme}, with a tooltip open`, async () => {
      const main = document.createElement('main');
      main.className = theme;
      main.style.cssText = `width: 760px; padding: 16px; background: ${theme === 'dark' ? '#010409' : '#f6f8fa'}`;
      const element = document.createElement('lead-lifecycle-timeline');
      element.setAttribute('theme', theme);
      element.lifecycle = view();
      element.leadStatuses = statuses;
      main.append(element);
      document.body.append(main);
      await element.updateComplete;
      shadow(element).querySelector<HTMLButtonElement>('[part=marker]')!.focus();
      expect(await axeViolations(main)).to.deep.equal([]);
      // Kept to be looked at: artifacts/screenshots/lifecycle-timeline-<theme>.png.
      await executeServerCommand('leadscore-screenshot', { name: `lifecycle-timeline-${theme}` });
    });
  }
});

describe('<lead-lifecycle-timeline> live', () => {
  afterEach(async () => {
    document.querySelectorAll('lead-lifecycle-timeline, lead-provider').forEach((element) => element.remove());
    await cleanUp();
  });

  async function withContact(label: string): Promise<LeadscoreClient> {
    const client = open(freshDbName(`timeline-${label}`));
    await client.upsertRecords([{ id: 'c1', objectType: 'contact' }]);
    return client;
  }

  const current = (element: HTMLElement) => text(shadow(element).querySelector('[part=current-stage]'));

  it('shows the stage, follows setLifecycle, and shows a refused import with its source', async () => {
    const client = await withContact('follows');
    const element = await timeline((el) => {
      el.client = client;
      el.recordId = 'c1';
    });
    await until(() => text(shadow(element).querySelector('[part=state]')) === 'No lifecycle stage yet');

    await client.setLifecycle([{ recordId: 'c1', stage: 'lead', source: 'form', leadStatus: 'NEW' }]);
    await until(() => current(element) === 'Lead');
    expect(text(shadow(element).querySelector('[part=lead-status]'))).to.equal('New');
    expect(stays(element).map((stay) => stay[0])).to.deep.equal(['Lead']);

    await client.setLifecycle([{ recordId: 'c1', stage: 'salesqualifiedlead', source: 'manual' }]);
    await until(() => current(element) === 'Sales qualified lead');
    expect(stays(element).map((stay) => stay[0])).to.deep.equal(['Lead', 'Sales qualified lead']);

    const receipt = await client.setLifecycle([{ recordId: 'c1', stage: 'lead', source: 'import' }]);
    expect(receipt.refused.map((refusal) => refusal.reason)).to.deep.equal(['backward']);
    await until(() => shadow(element).querySelector('[part=marker]') !== null);
    expect(current(element)).to.equal('Sales qualified lead');
    expect(text(shadow(element).querySelector('[part=tooltip]'))).to.contain('from Sales qualified lead to Lead by import was refused: automatic sources only move forward');
  });

  it('takes the client from an ancestor <lead-provider>', async () => {
    const client = await withContact('provider');
    await client.setLifecycle([{ recordId: 'c1', stage: 'customer', source: 'manual' }]);
    const provider = document.createElement('lead-provider');
    provider.client = client;
    const element = document.createElement('lead-lifecycle-timeline');
    element.setAttribute('record-id', 'c1');
    provider.append(element);
    document.body.append(provider);
    await until(() => current(element) === 'Customer');
  });

  it('shows the client\'s error for an unknown record and for a deal', async () => {
    const client = await withContact('errors');
    await client.upsertRecords([{ id: 'd1', objectType: 'deal' }]);
    for (const id of ['nobody', 'd1']) {
      const { message } = await rejection(client.getLifecycle(id));
      const element = await timeline((el) => {
        el.client = client;
        el.recordId = id;
      });
      await until(() => shadow(element).querySelector('[role=alert]') !== null);
      expect(text(shadow(element).querySelector('[role=alert]'))).to.equal(`Could not load: ${message}`);
      element.remove();
    }
  });

  it('the hand-written view agrees with the service on the same changes (§3)', async () => {
    const client = await withContact('agrees');
    const expected = view();
    const receipt = await client.setLifecycle(expected.history.map((entry) => ({
      recordId: 'c1',
      ...(entry.field === 'stage' ? { stage: entry.newValue } : { leadStatus: entry.newValue }),
      source: entry.source as 'manual',
      at: entry.at,
    })));
    expect(receipt.refused.map((refusal) => [refusal.newValue, refusal.source, refusal.reason])).to.deep.equal([['lead', 'import', 'backward']]);
    const served = await client.getLifecycle('c1', at.asOf);
    const instant = (value?: string) => (value === undefined ? undefined : Date.parse(value));
    const normalise = (stages: StageFigures[]) => stages.map((stage) => ({ ...stage, dateEntered: instant(stage.dateEntered), dateExited: instant(stage.dateExited), becameADate: instant(stage.becameADate) }));
    expect(normalise(served.stages)).to.deep.equal(normalise(expected.stages));
    expect(served.history.map((entry) => [entry.field, entry.newValue, Date.parse(entry.at), entry.source, entry.refused]))
      .to.deep.equal(expected.history.map((entry) => [entry.field, entry.newValue, Date.parse(entry.at), entry.source, entry.refused]));
  });
});
