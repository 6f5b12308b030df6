// The practical limit: bench/definitions.ts's `fullDefinition` written out by hand as plain loops over
// typed arrays, events grouped per contact. It computes the same value, engagement, fit and label as
// the engine (scoring.md §2–§6, decisions D1–D13) for this one definition and nothing else: no
// explanations, no nextChangeAt. The benchmark checks that it agrees with scoreDataset on every record.
import type { Dataset, PropertyValue } from '../packages/worker/src/index.ts';
import { COMPETITORS_LIST } from './synthetic-dataset.ts';

const DAY = 86_400_000;
const MONTH_OF_DECAY = 30 * DAY; // §5.1: a decay month is exactly 30 days

// Event type codes
const T_OTHER = 0, T_PAGE_VIEW = 1, T_EMAIL_OPEN = 2, T_EMAIL_CLICK = 3, T_CTA = 4, T_FORM = 5,
  T_BOOKED = 6, T_COMPLETED = 7, T_CALL = 8, T_UNSUB = 9;
const typeCodes = new Map<string, number>([
  ['page_view', T_PAGE_VIEW], ['marketing_email_open', T_EMAIL_OPEN], ['marketing_email_click', T_EMAIL_CLICK],
  ['cta_click', T_CTA], ['form_submission', T_FORM], ['meeting_booked', T_BOOKED], ['meeting_completed', T_COMPLETED],
  ['call_started', T_CALL], ['newsletter_unsubscribe', T_UNSUB],
]);

// Event flags (conditions on event properties, evaluated once per event)
const F_CONTACT_US = 1, F_DEMO = 2, F_NEWSLETTER = 4, F_PRICING_URL = 8;

export interface HandPrepared {
  n: number;
  ids: string[];
  excluded: Uint8Array;
  /** Events of contact i are [offsets[i], offsets[i+1]) in the arrays below. */
  offsets: Int32Array;
  time: Float64Array;
  type: Uint8Array;
  flags: Uint8Array;
  contactProps: ({ [k: string]: PropertyValue } | undefined)[];
  companyProps: ({ [k: string]: PropertyValue } | undefined)[];
}

export interface HandScores {
  ids: string[];
  inScope: Uint8Array;
  value: Float64Array;
  engagement: Float64Array;
  fit: Float64Array;
  label: string[];
}

function toMs(v: string | number): number {
  if (typeof v === 'number') return v;
  return Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
}

/** Groups the events per contact into typed arrays; contacts in dataset order. */
export function prepareHand(dataset: Dataset): HandPrepared {
  const contactIndex = new Map<string, number>();
  const ids: string[] = [];
  const contactProps: HandPrepared['contactProps'] = [];
  const primaryIds: (string | undefined)[] = [];
  const companies = new Map<string, { [k: string]: PropertyValue } | undefined>();
  for (const record of dataset.records) {
    if (record.objectType === 'contact') {
      contactIndex.set(record.id, ids.length);
      ids.push(record.id);
      contactProps.push(record.properties);
      primaryIds.push(record.associations?.primaryCompany);
    } else if (record.objectType === 'company') {
      companies.set(record.id, record.properties ?? {});
    }
  }
  const n = ids.length;
  const companyProps = primaryIds.map((id) => (id === undefined ? undefined : companies.get(id)));

  const excluded = new Uint8Array(n);
  for (const list of dataset.lists ?? []) {
    if (list.id !== COMPETITORS_LIST) continue;
    for (const id of list.recordIds ?? []) {
      const i = contactIndex.get(id);
      if (i !== undefined) excluded[i] = 1;
    }
  }

  const events = dataset.events ?? [];
  const m = events.length;
  const owner = new Int32Array(m);
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) {
    const i = contactIndex.get(events[k]!.recordId) ?? -1;
    owner[k] = i;
    if (i >= 0) offsets[i + 1]!++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const cursor = offsets.slice(0, n);
  const time = new Float64Array(m);
  const type = new Uint8Array(m);
  const flags = new Uint8Array(m);
  for (let k = 0; k < m; k++) {
    const i = owner[k]!;
    if (i < 0) continue;
    const e = events[k]!;
    const at = cursor[i]!++;
    time[at] = toMs(e.occurredAt);
    const code = typeCodes.get(e.type) ?? T_OTHER;
    type[at] = code;
    let f = 0;
    const props = e.properties;
    if (props && (code === T_FORM || code === T_PAGE_VIEW)) {
      const url = props.url;
      if (typeof url === 'string' && url.toLowerCase().includes('/pricing')) f |= F_PRICING_URL;
      const form = props.formName;
      if (code === T_FORM && typeof form === 'string') {
        const lower = form.toLowerCase();
        if (lower === 'contact us') f |= F_CONTACT_US;
        else if (lower === 'demo request') f |= F_DEMO;
        else if (lower === 'newsletter') f |= F_NEWSLETTER;
      }
    }
    flags[at] = f;
  }
  return { n, ids, excluded, offsets, time, type, flags, contactProps, companyProps };
}

/** D2: the same day and time N calendar months earlier in UTC, or the 1st of the next month. */
export function monthsBefore(asOfMs: number, months: number): number {
  const d = new Date(asOfMs);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth() - months;
  y += Math.floor(m / 12);
  m = ((m % 12) + 12) % 12;
  const day = d.getUTCDate();
  const daysInMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  if (day > daysInMonth) return Date.UTC(y, m + 1, 1);
  return Date.UTC(y, m, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

function missing(v: PropertyValue | undefined): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

function text(v: PropertyValue | undefined): string | undefined {
  return typeof v === 'string' && v !== '' ? v.toLowerCase() : undefined;
}

function num(v: PropertyValue | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const x = Number(v);
    return Number.isFinite(x) ? x : undefined;
  }
  return undefined;
}

function multi(v: PropertyValue | undefined): (string | number)[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string' && v !== '') return v.split(';');
  return [];
}

const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);
const round9 = (x: number) => Math.round(x * 1e9) / 1e9;

/** The two property groups of the definition: [contact-fit, company-fit]. */
export function handFit(
  p: { [k: string]: PropertyValue } | undefined,
  c: { [k: string]: PropertyValue } | undefined,
  asOfMs: number,
  sixMonthsAgo: number,
): [number, number] {
  let g1 = 0;
  if (p) {
    const country = text(p.country);
    if (country === 'united states' || country === 'canada' || country === 'united kingdom' || country === 'germany') g1 += 10;
    const title = text(p.jobtitle);
    if (title !== undefined) {
      if (title.includes('chief') || title.includes('director') || title.startsWith('vp') ||
        title.startsWith('vice president') || title.startsWith('head of')) g1 += 15;
      if (title === 'student') g1 -= 15;
    }
    let analytics = false, automation = false, crm = false;
    for (const value of multi(p.interests)) {
      const v = String(value).toLowerCase();
      if (v === 'analytics') analytics = true;
      else if (v === 'automation') automation = true;
      else if (v === 'crm') crm = true;
    }
    if (analytics) g1 += 5;
    if (automation) g1 += 4;
    if (crm) g1 += 3;
    const stage = text(p.lifecyclestage);
    if (stage === 'marketingqualifiedlead') g1 += 5;
    else if (stage === 'salesqualifiedlead') g1 += 10;
    else if (stage === 'opportunity') g1 += 15;
    const revenue = num(p.annualrevenue);
    if (revenue !== undefined && revenue >= 1_000_000) g1 += 5;
    const created = p.createdate;
    if (!missing(created) && (typeof created === 'string' || typeof created === 'number')) {
      const t = toMs(created);
      if (t >= sixMonthsAgo && t <= asOfMs) g1 += 5;
    }
    const email = text(p.email);
    if (email !== undefined && (email.endsWith('@gmail.com') || email.endsWith('@yahoo.com') || email.endsWith('@hotmail.com'))) g1 -= 10;
    const optout = p.hs_email_optout;
    if (optout === true || (typeof optout === 'string' && ['true', 'yes', '1'].includes(optout.toLowerCase())) || optout === 1) g1 -= 5;
  }
  g1 = clamp(g1, -50, 50);

  let g2 = 0;
  const employees = c ? num(c.employees) : undefined;
  if (employees !== undefined && employees >= 200 && employees <= 10_000) g2 += 10;
  if (c === undefined || missing(c.employees)) g2 -= 3;
  if (c) {
    const industry = text(c.industry);
    if (industry === 'software') g2 += 10;
    else if (industry === 'financial services') g2 += 8;
    else if (industry === 'healthcare') g2 += 6;
    for (const value of multi(c.regions)) {
      const v = String(value).toLowerCase();
      if (v === 'northeast' || v === 'midwest' || v === 'emea') { g2 += 5; break; }
    }
  }
  g2 = clamp(g2, -30, 30);
  return [g1, g2];
}

const fitLetter = (fit: number) => (fit >= 40 ? 'A' : fit >= 20 ? 'B' : 'C');
const engagementDigit = (engagement: number) => (engagement >= 30 ? '1' : engagement >= 10 ? '2' : '3');

export function scoreHand(prep: HandPrepared, asOf: string | number): HandScores {
  const A = toMs(asOf);
  const last30Days = A - 30 * DAY;
  const last2Weeks = A - 14 * DAY;
  const last3Months = monthsBefore(A, 3);
  const last6Months = monthsBefore(A, 6);
  const lastYear = monthsBefore(A, 12);
  const q1From = Date.UTC(2026, 0, 1);
  const q1To = Date.UTC(2026, 2, 31) + DAY - 1; // D3: a calendar date as `to` includes the whole day

  const { n, offsets, time, type, flags } = prep;
  const inScope = new Uint8Array(n);
  const value = new Float64Array(n);
  const engagement = new Float64Array(n);
  const fit = new Float64Array(n);
  const label: string[] = new Array(n);

  for (let i = 0; i < n; i++) {
    if (prep.excluded[i]) { value[i] = NaN; engagement[i] = NaN; fit[i] = NaN; label[i] = ''; continue; }
    inScope[i] = 1;
    const [g1, g2] = handFit(prep.contactProps[i], prep.companyProps[i], A, last6Months);

    // engagement (decay 25 % every 30 days) and intent
    let forms = 0, clicks = 0, ctas = 0, booked = 0, pricing = 0;
    let opens = 0, newestOpen = -Infinity;
    let views30 = 0, opens3m = 0, opens6m = 0, meetings = 0, demos = 0, calls = 0, unsubs = 0;
    for (let k = offsets[i]!, end = offsets[i + 1]!; k < end; k++) {
      const t = time[k]!;
      if (t > A) continue; // D1: not happened yet
      const steps = Math.floor((A - t) / MONTH_OF_DECAY);
      const decay = steps >= 4 ? 0 : 1 - 0.25 * steps;
      const f = flags[k]!;
      switch (type[k]) {
        case T_PAGE_VIEW:
          if (f & F_PRICING_URL) pricing += 2 * decay;
          if (t >= last30Days) views30++;
          break;
        case T_EMAIL_OPEN:
          opens++;
          if (t > newestOpen) newestOpen = t;
          if (t >= last6Months) { opens6m++; if (t >= last3Months) opens3m++; }
          break;
        case T_EMAIL_CLICK: clicks += 3 * decay; break;
        case T_CTA: ctas += 2 * decay; break;
        case T_FORM:
          if (f & F_CONTACT_US) forms += 10 * decay;
          else if (f & F_DEMO) {
            forms += 15 * decay;
            if ((f & F_PRICING_URL) && t >= last2Weeks) demos++;
          } else if (f & F_NEWSLETTER) forms += 2 * decay;
          break;
        case T_BOOKED: booked += 10 * decay; break;
        case T_COMPLETED: if (t >= lastYear) meetings++; break;
        case T_CALL: if (t >= q1From && t <= q1To) calls++; break;
        case T_UNSUB: if (t >= last6Months) unsubs++; break;
        default: break;
      }
    }
    let g3 = forms + Math.min(clicks, 15) + ctas + booked + Math.min(pricing, 10);
    if (opens >= 5) {
      const steps = Math.floor((A - newestOpen) / MONTH_OF_DECAY);
      g3 += 5 * (steps >= 4 ? 0 : 1 - 0.25 * steps);
    }
    g3 = clamp(g3, -40, 40);

    let g4 = 0;
    if (views30 >= 10) g4 += 10;
    if (opens3m >= 1 && opens3m <= 3) g4 += 2;
    if (opens3m >= 4) g4 += 5;
    g4 += Math.min(20 * meetings, 30);
    g4 += 10 * demos;
    g4 += Math.min(5 * calls, 10);
    g4 += Math.max(-10 * unsubs, -10);
    if (opens6m === 0) g4 -= 5;
    g4 = clamp(g4, -30, 30);

    const e = round9(clamp(g3 + g4, -100, 100));
    const ft = round9(clamp(g1 + g2, -100, 100));
    value[i] = round9(clamp(g1 + g2 + g3 + g4, -100, 100));
    engagement[i] = e;
    fit[i] = ft;
    label[i] = fitLetter(ft) + engagementDigit(e);
  }
  return { ids: prep.ids, inScope, value, engagement, fit, label };
}

/** The fit definition's property rules alone, by hand: value per contact (NaN when out of scope). */
export function scoreHandFit(dataset: Dataset, asOf: string | number): { ids: string[]; value: Float64Array } {
  const A = toMs(asOf);
  const sixMonthsAgo = monthsBefore(A, 6);
  const companies = new Map<string, { [k: string]: PropertyValue } | undefined>();
  for (const record of dataset.records) if (record.objectType === 'company') companies.set(record.id, record.properties ?? {});
  const excluded = new Set(dataset.lists?.find((l) => l.id === COMPETITORS_LIST)?.recordIds ?? []);
  const ids: string[] = [];
  const values: number[] = [];
  for (const record of dataset.records) {
    if (record.objectType !== 'contact') continue;
    ids.push(record.id);
    if (excluded.has(record.id)) { values.push(NaN); continue; }
    const primary = record.associations?.primaryCompany;
    const [g1, g2] = handFit(record.properties, primary === undefined ? undefined : companies.get(primary), A, sixMonthsAgo);
    values.push(round9(clamp(g1 + g2, -100, 100)));
  }
  return { ids, value: Float64Array.from(values) };
}
