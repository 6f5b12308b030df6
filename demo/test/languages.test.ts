// Every screen in English and in Danish (tour.ts), and no English left in Danish: each visible text
// of a screen in Danish (shadow roots, aria-label, title, placeholder and alt included) is checked
// against the same screen in English and against the catalogs (catalogs.ts). Record data (names,
// ids, property values, definitions' names) is taken out first, as are numbers and dates. A Danish
// text is reported with its screen when
//   - the screen shows it identically in English and it has a word no Danish catalog message has,
//   - it holds a multi-word English catalog message that no Danish one has, or
//   - it has an English function word ("the", "of", "with"…) that no Danish message has, or
//   - it is a number written the English way (94.5, 1,001).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fragmentsOf, readCatalogs } from './catalogs.ts';
import { byTestId, freshPage, repoRoot, SLOW, startDemo, type Demo } from './harness.ts';
import { chooseLanguage, hubspotContactsCsv, sayingPageErrors, startTour, tourStops, visibleText, visit, type TourStop } from './tour.ts';

/** Words that are the same in both languages and name things, not sentences. */
const NAMES = new Set(['leadscore', 'hubspot', 'salesforce', 'zoho', 'csv', 'json', 'utf', 'id', 'ids', 'iso', 'url', 'ok']);

const FUNCTION_WORDS = ['the', 'of', 'and', 'with', 'from', 'this', 'that', 'is', 'are', 'was', 'were', 'not', 'your', 'you', 'has', 'have', 'will', 'be', 'or', 'an', 'it', 'on', 'in', 'no', 'yet', 'which', 'there', 'its', 'these', 'those', 'than', 'when', 'what', 'how', 'why', 'each', 'every', 'any', 'into'];

let demo: Demo;
let context: BrowserContext | undefined;
let page: Page;
let errors: string[] = [];

const words = (text: string) => text.match(/\p{L}+/gu) ?? [];

/** `text` with each whole-word occurrence of `value` blanked ("Evan" is a name, but not in "Evangelist"). */
function withoutValue(text: string, value: string): string {
  const letter = /[\p{L}\p{N}]/u;
  let rest = text;
  for (let at = rest.indexOf(value); at !== -1; at = rest.indexOf(value, at + 1)) {
    const before = rest[at - 1];
    const after = rest[at + value.length];
    const bounded = (before === undefined || !letter.test(before) || !letter.test(value[0]!)) && (after === undefined || !letter.test(after) || !letter.test(value.at(-1)!));
    if (bounded) rest = `${rest.slice(0, at)} ${rest.slice(at + value.length)}`;
  }
  return rest;
}

/** The page's visible texts at each stop, and on the data screen with a CSV's merge prompt open. */
async function tour(stops: TourStop[]): Promise<Map<string, Set<string>>> {
  const seen = new Map<string, Set<string>>();
  for (const stop of stops) {
    await visit(page, stop);
    seen.set(stop.name, new Set(await visibleText(page)));
  }
  // The first visit's welcome, over the definitions.
  await page.evaluate(() => localStorage.removeItem('leadscore-demo:welcome-dismissed'));
  await page.reload();
  await byTestId(page, 'welcome').waitFor();
  await visit(page, stops[0]!);
  seen.set('welcome', new Set(await visibleText(page)));
  await byTestId(page, 'welcome-dismiss').click();
  // The CSV import: the mapping step, then the merge prompt (the file's five contacts are stored by the first language's pass).
  await visit(page, stops.find((stop) => stop.name === 'data')!);
  await byTestId(page, 'csv-input').setInputFiles(hubspotContactsCsv);
  await byTestId(page, 'csv-detected').waitFor();
  await byTestId(page, 'import').click();
  const merge = byTestId(page, 'import-merge');
  const report = byTestId(page, 'import-report');
  await Promise.race([merge.waitFor(), report.waitFor()]);
  if (await report.count()) await byTestId(page, 'import').click();
  await merge.waitFor();
  seen.set('data-import', new Set(await visibleText(page)));
  await byTestId(page, 'import-merge-cancel').click();
  return seen;
}

/**
 * Every string of the stored data: ids, property names and values, event types, definitions' texts.
 * Read through the page's own client (its module, served by the dev server); given as text, since
 * vitest would rewrite a dynamic import in a function.
 */
function dataStrings(): Promise<string[]> {
  return page.evaluate(`(async () => {
    const { demoClient } = await import('/src/app/client.ts');
    const client = demoClient();
    const [dataset, definitions] = await Promise.all([client.exportDataset(), client.listDefinitions()]);
    const found = new Set();
    const add = (value) => {
      if (typeof value === 'string' || typeof value === 'number') found.add(String(value));
      else if (Array.isArray(value)) value.forEach(add);
      else if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) { found.add(key); add(inner); }
    };
    for (const record of dataset.records) add({ id: record.id, properties: record.properties ?? {} });
    for (const event of dataset.events ?? []) add([event.type, event.properties ?? {}]);
    for (const list of dataset.lists ?? []) add([list.id, list.name]);
    for (const info of definitions) add(info.definition);
    // The CSV the import shows: its file name is the file's.
    found.add('hubspot-contacts.csv');
    return [...found].filter((text) => text.length >= 2);
  })()`);
}

describe('every screen in English and Danish', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    demo = await startDemo();
  }, SLOW);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await demo?.close();
  }, SLOW);

  test('no Danish screen shows an English string', async () => {
    ({ context, page, errors } = await freshPage(demo));
    const stops = tourStops(await sayingPageErrors(startTour(page), errors));
    const toured = async (language: 'en' | 'da') => {
      await chooseLanguage(page, language);
      return sayingPageErrors(tour(stops), errors);
    };
    const english = await toured('en');
    const danish = await toured('da');
    // What each screen showed, to read: artifacts/languages/<language>-<screen>.txt.
    const dump = join(repoRoot, 'artifacts', 'languages');
    mkdirSync(dump, { recursive: true });
    for (const [language, seen] of [['en', english], ['da', danish]] as const) {
      for (const [name, texts] of seen) writeFileSync(join(dump, `${language}-${name}.txt`), `${[...texts].join('\n')}\n`);
    }
    // The tour saw Danish, and every stop showed something.
    expect([...danish.get('definitions')!]).toContain('Definitioner');
    for (const [name, texts] of danish) expect(texts.size, name).toBeGreaterThan(3);

    const catalogs = readCatalogs();
    const danishMessages = catalogs.flatMap((catalog) => Object.values(catalog.da));
    const danishWords = new Set(danishMessages.flatMap((message) => words(message.toLowerCase())));
    const danishText = danishMessages.join('\n');
    // Multi-word English fragments that no Danish message has: "Storing", "of", "records…" are too short alone.
    const englishFragments = catalogs.flatMap((catalog) => Object.entries(catalog.en).flatMap(([key, message]) =>
      fragmentsOf(message).filter((fragment) => words(fragment).length >= 2 && !danishText.includes(fragment)).map((fragment) => ({ fragment, where: `${catalog.file} ${key}` }))));
    // Data too: the CSV's header and cells, the time zones the import offers, the addresses visited.
    const csvCells = readFileSync(hubspotContactsCsv, 'utf8').split(/[,\r\n"]+/).map((cell) => cell.trim());
    const addresses = stops.flatMap((stop) => stop.hash.slice(2).split('/').map(decodeURIComponent));
    const data = [...await dataStrings(), ...csvCells, ...Intl.supportedValuesOf('timeZone'), 'UTC', ...addresses]
      .filter((text) => text.length >= 2).sort((a, b) => b.length - a.length);
    const dataSet = new Set(data);

    const found: string[] = [];
    for (const [name, texts] of danish) {
      for (const text of texts) {
        // A number written the English way ("94.5", "1,001"): Danish writes 94,5 and 1.001.
        if (/^[-+−]?\d+\.\d{1,2}$|^\d{1,3}(,\d{3})+$/.test(text) && !csvCells.includes(text)) {
          found.push(`${name}: “${text}” (a number in English format)`);
          continue;
        }
        if (dataSet.has(text)) continue;
        // The data in it taken out (the longest values first), then what is left read as words.
        let rest = text;
        for (const value of data) if (value.length >= 3 && rest.includes(value)) rest = withoutValue(rest, value);
        const left = words(rest).filter((word) => word.length >= 2 && !/^\d/.test(word));
        if (left.length === 0) continue;
        const foreign = left.filter((word) => !danishWords.has(word.toLowerCase()) && !NAMES.has(word.toLowerCase()));
        const reasons: string[] = [];
        if (english.get(name)?.has(text) && foreign.some((word) => word.length >= 3)) reasons.push('the same in English');
        const fragment = englishFragments.find(({ fragment }) => rest.includes(fragment));
        if (fragment) reasons.push(`English message of ${fragment.where}`);
        const functionWord = foreign.find((word) => FUNCTION_WORDS.includes(word.toLowerCase()));
        if (functionWord) reasons.push(`English word “${functionWord}”`);
        if (reasons.length > 0) found.push(`${name}: “${text}” (${reasons.join('; ')})`);
      }
    }
    if (found.length > 0) console.log(`Untranslated in Danish (${found.length}):\n${found.join('\n')}`);
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
  });
});
