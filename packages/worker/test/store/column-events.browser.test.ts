// Events that cross from the page as columns (contract/event-columns.ts): stored exactly as the
// same events given as objects, refused with the same words and items, and a refused batch leaves
// the store as it was.
import { expect } from '@esm-bundle/chai';
import { eventColumnsOf, idsOf, type EventColumns } from '../../src/contract/event-columns.ts';
import type { CrmEvent } from '../../src/model/dataset.ts';
import type { AppendResult } from '../../src/store/events.ts';
import type { Store } from '../../src/store/store.ts';
import { cleanUp, event, freshStore, storeErrorOf } from './helpers.ts';

const counted = ({ added, replaced, unchanged, contacts }: AppendResult) => ({ added, replaced, unchanged, contacts });

function columnsOf(events: unknown[]): EventColumns {
  const columns = eventColumnsOf(events);
  if (!columns) throw new Error('expected the batch to go as columns');
  return columns;
}

/** A refusal as a caller sees it: code, message and the items it names. */
async function refusalOf(write: Promise<unknown>) {
  const error = await storeErrorOf(write);
  return { code: error.code, message: error.message, items: (error as { items?: unknown }).items };
}

describe('store: events appended as columns', () => {
  let store: Store;
  beforeEach(async () => {
    store = await freshStore('column-events');
  });
  afterEach(cleanUp);

  it('stores the events a batch of columns holds, read back as the objects they were', async () => {
    const batch = [
      event('c2', 'x1', 'page_view', '2026-03-01T10:00:00Z'),
      event('c1', 'e3', 'page_view', '2026-03-03T10:00:00+02:00', { url: '/pricing', tags: ['a', 2] }),
      event('c1', 'e1', 'form_submission', Date.UTC(2026, 2, 1, 9), { formName: 'Contact us', done: true, score: null }),
      event('c1', 'e2', 'cta_click', '2026-03-02'),
      // The same id again in one batch: the last one wins.
      event('c2', 'x1', 'email_open', '2026-03-01T11:00:00Z', {}),
    ];
    const result = await store.events.append(columnsOf(batch));
    expect(counted(result)).to.deep.equal({ added: 4, replaced: 0, unchanged: 0, contacts: ['c2', 'c1'] });
    expect(await store.events.forContact('c1')).to.deep.equal([
      event('c1', 'e1', 'form_submission', '2026-03-01T09:00:00Z', { formName: 'Contact us', done: true, score: null }),
      event('c1', 'e2', 'cta_click', '2026-03-02T00:00:00Z'),
      event('c1', 'e3', 'page_view', '2026-03-03T08:00:00Z', { url: '/pricing', tags: ['a', 2] }),
    ]);
    expect(await store.events.forContact('c2')).to.deep.equal([event('c2', 'x1', 'email_open', '2026-03-01T11:00:00Z', {})]);
    // Tracked again as objects, nothing differs: the two forms store the same.
    expect(counted(await store.events.append(batch.slice(1, 4)))).to.deep.equal({ added: 0, replaced: 0, unchanged: 3, contacts: [] });
    expect(counted(await store.events.append(columnsOf([event('c1', 'e2', 'cta_click', '2026-03-05')])))).to.deep.equal({ added: 0, replaced: 1, unchanged: 0, contacts: ['c1'] });
  });

  it('refuses a bad batch of columns in the words, and naming the items, of the same batch as objects', async () => {
    const good = (i: number): CrmEvent => event(`c${i}`, `e${i}`, 'page_view', '2026-03-01T10:00:00Z');
    const bad: unknown[][] = [
      [good(1), { ...good(2), occurredAt: 'yesterday' }],
      [good(1), { ...good(2), occurredAt: 1.5 }],
      [{ ...good(1), id: '' }, { ...good(2), recordId: '' }, { ...good(3), type: '' }],
      [good(1), { ...good(2), occurredAt: '2026-13-01' }],
    ];
    for (const batch of bad) {
      const other = await freshStore('column-events-objects');
      const asObjects = await refusalOf(other.events.append(batch));
      const asColumns = await refusalOf(store.events.append(columnsOf(batch)));
      expect(asColumns).to.deep.equal(asObjects);
      expect(asColumns.code).to.equal('invalid_input');
    }
    expect((await refusalOf(store.events.append(columnsOf(bad[0]!)))).message.startsWith(
      'events.append of 2 events was refused, nothing was stored: 1 of 2 events is not valid:\n'
      + '  events[1].occurredAt must be a date (2026-03-01), a date-time with a time zone (2026-03-01T10:00:00Z) or epoch milliseconds',
    )).to.equal(true);
  });

  it('sends as objects what columns would not keep exactly', () => {
    const good = event('c1', 'e1', 'page_view', '2026-03-01T10:00:00Z');
    expect(eventColumnsOf([{ ...good, extra: 1 }])).to.equal(undefined);
    expect(eventColumnsOf([{ ...good, occurredAt: new Date() }])).to.equal(undefined);
    expect(eventColumnsOf([{ ...good, properties: { n: Number.NaN } }])).to.equal(undefined);
    expect(eventColumnsOf([{ ...good, properties: { at: new Date() } }])).to.equal(undefined);
    expect(eventColumnsOf([{ ...good, id: 7 }])).to.equal(undefined);
    expect(eventColumnsOf([null])).to.equal(undefined);
    expect(eventColumnsOf('not a list')).to.equal(undefined);
    expect(idsOf(eventColumnsOf([good])!)).to.deep.equal(['e1']);
  });

  it('leaves the store as it was when a batch of columns is refused, whatever came before the bad event', async () => {
    await store.events.append(columnsOf([event('c0', 'e0', 'page_view', '2026-03-01T10:00:00Z')]));
    const batch = Array.from({ length: 5_000 }, (_, i) => event(`c${i % 500}`, `n${i}`, 'page_view', Date.UTC(2026, 2, 2) + i));
    batch.push({ ...event('c9', 'bad', 'page_view', '2026-03-02T10:00:00Z'), occurredAt: 'soon' });
    const refused = await refusalOf(store.events.append(columnsOf(batch)));
    expect(refused.items).to.deep.equal([{ index: 5_000, id: 'bad', message: refused.message.split('\n')[1]!.trim() }]);
    expect(await store.events.forContact('c0')).to.deep.equal([event('c0', 'e0', 'page_view', '2026-03-01T10:00:00Z')]);
    expect(await store.events.forContact('c1')).to.deep.equal([]);
  });

  it('refuses columns whose indexes do not fit their dictionaries, storing nothing', async () => {
    const columns = columnsOf([event('c1', 'e1', 'page_view', '2026-03-01T10:00:00Z')]);
    columns.contactIndex[0] = 3;
    expect((await refusalOf(store.events.append(columns))).message).to.equal('events.append of 1 event was refused, nothing was stored: the event columns are malformed');
    // Packed texts whose ends do not fit them: an id running past its text, or ends going back.
    const two = () => columnsOf([event('c1', 'e1', 'page_view', '2026-03-01T10:00:00Z'), event('c1', 'e2', 'page_view', '2026-03-01T11:00:00Z')]);
    const tampered = [two(), two(), two(), two()];
    tampered[0]!.idEnds[1] = 9;
    tampered[1]!.idEnds.set([3, 2]);
    tampered[2]!.timeEnds[1] = 41;
    tampered[3]!.times = new Float64Array(1);
    for (const batch of tampered) {
      expect((await refusalOf(store.events.append(batch))).message).to.equal('events.append of 2 events was refused, nothing was stored: the event columns are malformed');
    }
    // Without the ends of its ids it is no batch of columns: refused as not a list of events.
    const { idEnds: _ends, ...endless } = two();
    expect((await refusalOf(store.events.append(endless as never))).message).to.equal('events.append was refused: events must be a list');
    const text = columnsOf([event('c1', 'e1', 'page_view', '2026-03-01T10:00:00Z', { a: 1 })]);
    text.propertyTexts[1] = '{"a":1,}';
    expect((await refusalOf(store.events.append(text))).message).to.match(/^events\.append of 1 event was refused, nothing was stored: 1 of 1 events is not valid:\n {2}events\[0\]\.properties /);
    expect(await store.events.forContact('c1')).to.deep.equal([]);
  });
});
