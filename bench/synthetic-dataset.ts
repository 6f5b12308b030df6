// A seeded synthetic CRM dataset for the benchmark: contacts associated to companies, realistic
// property values and a chronological log of standard events (formats.md §2) spread over the two
// years before `asOf`. The same seed and scale always give the same dataset, bit for bit.
import type { ColumnarDataset, CrmEvent, CrmRecord, Dataset, EventTable, Properties } from '../packages/worker/src/index.ts';

export interface SyntheticOptions {
  seed: number;
  /** 1 = 100,000 contacts, 10,000 companies, 2,000,000 events. */
  scale: number;
  /** The instant the events lead up to (ISO-8601, UTC). */
  asOf: string;
  /**
   * Added to the numbers in the ids (c<n>, co<n>, e<n>), so that parts generated with other seeds
   * add up to one larger dataset without clashes (the browser part's scale 10, written part by part).
   */
  idOffsets?: SyntheticSizes;
}

export interface SyntheticSizes {
  contacts: number;
  companies: number;
  events: number;
}

export const FULL_SIZES: SyntheticSizes = { contacts: 100_000, companies: 10_000, events: 2_000_000 };

export function sizesFor(scale: number): SyntheticSizes {
  return {
    contacts: Math.max(1, Math.round(FULL_SIZES.contacts * scale)),
    companies: Math.max(1, Math.round(FULL_SIZES.companies * scale)),
    events: Math.max(0, Math.round(FULL_SIZES.events * scale)),
  };
}

/** The static list the definitions exclude (scope), holding about 0.2 % of the contacts. */
export const COMPETITORS_LIST = 'competitors';

// ---------------------------------------------------------------------------------------------
// PRNG: mulberry32, a tiny 32-bit generator that is plenty for synthetic data.

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;

/** Picks from weighted choices with a precomputed cumulative table. */
function weighted<T>(choices: readonly (readonly [T, number])[]): (rng: Rng) => T {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  const cumulative = new Float64Array(choices.length);
  let acc = 0;
  choices.forEach(([, w], i) => { acc += w / total; cumulative[i] = acc; });
  const values = choices.map(([v]) => v);
  const last = values.length - 1;
  return (rng) => {
    const u = rng();
    for (let i = 0; i < last; i++) if (u < cumulative[i]!) return values[i]!;
    return values[last]!;
  };
}

function pick<T>(rng: Rng, values: readonly T[]): T {
  return values[Math.floor(rng() * values.length)]!;
}

/** Standard normal by Box-Muller. */
function normal(rng: Rng): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** A bijection of [0, n) so that "skewed" indices (popular companies, busy contacts) are spread out. */
function scatter(i: number, n: number): number {
  // multiplicative step coprime with n
  let step = 7919;
  while (gcd(step, n) !== 1) step += 2;
  return (i * step + 12345) % n;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const DAY = 86_400_000;

const countries = weighted([
  ['United States', 34], ['United Kingdom', 10], ['Germany', 8], ['India', 8], ['Canada', 6],
  ['France', 5], ['Australia', 4], ['Brazil', 4], ['Netherlands', 3], ['Spain', 3], ['Japan', 3],
  ['Sweden', 2], ['Denmark', 2], ['Mexico', 2], ['Singapore', 2], ['Poland', 2], ['South Africa', 2],
] as const);

const industries = weighted([
  ['Software', 18], ['Financial Services', 10], ['Healthcare', 9], ['Retail', 9], ['Manufacturing', 10],
  ['Education', 7], ['Media', 6], ['Logistics', 6], ['Energy', 4], ['Government', 4],
  ['Non-profit', 5], ['Consulting', 8], ['Telecommunications', 4],
] as const);

const regionsAll = ['Northeast', 'Midwest', 'Southeast', 'Southwest', 'West', 'EMEA', 'APAC', 'LATAM'] as const;

const lifecycleStages = weighted([
  ['subscriber', 28], ['lead', 35], ['marketingqualifiedlead', 15], ['salesqualifiedlead', 8],
  ['opportunity', 5], ['customer', 6], ['evangelist', 1], ['other', 2],
] as const);

const leadSources = weighted([
  ['Organic Search', 25], ['Paid Search', 12], ['Email Marketing', 10], ['Social Media', 12],
  ['Referrals', 8], ['Direct Traffic', 20], ['Offline Sources', 8], ['Paid Social', 5],
] as const);

const interestsAll = ['analytics', 'automation', 'crm', 'email', 'seo', 'social', 'ads', 'ecommerce'] as const;

const seniorities = weighted([
  ['Chief', 3], ['VP', 5], ['Head', 5], ['Director', 10], ['Manager', 22], ['Senior', 15], ['Staff', 25],
  ['Intern', 4], ['Student', 4], ['Founder', 3], ['Owner', 4],
] as const);
const functions = ['Marketing', 'Sales', 'Engineering', 'Operations', 'Finance', 'IT', 'Product', 'Customer Success', 'HR', 'Data'] as const;
const cxo: Record<string, string> = {
  Marketing: 'CMO', Sales: 'Chief Revenue Officer', Engineering: 'CTO', Operations: 'COO', Finance: 'CFO',
  IT: 'CIO', Product: 'Chief Product Officer', 'Customer Success': 'Chief Customer Officer', HR: 'Chief People Officer',
  Data: 'Chief Data Officer',
};

function jobTitle(rng: Rng): string {
  const level = seniorities(rng);
  const fn = pick(rng, functions);
  const lower = rng() < 0.06; // CRM data is typed by hand: some titles arrive in lower case
  let title: string;
  switch (level) {
    case 'Chief': title = rng() < 0.5 ? cxo[fn]! : `Chief ${fn} Officer`; break;
    case 'VP': title = rng() < 0.5 ? `VP of ${fn}` : `Vice President, ${fn}`; break;
    case 'Head': title = `Head of ${fn}`; break;
    case 'Director': title = rng() < 0.5 ? `Director of ${fn}` : `${fn} Director`; break;
    case 'Manager': title = `${fn} Manager`; break;
    case 'Senior': title = `Senior ${fn} Specialist`; break;
    case 'Staff': title = `${fn} ${pick(rng, ['Specialist', 'Associate', 'Analyst', 'Coordinator', 'Engineer'])}`; break;
    case 'Intern': title = `${fn} Intern`; break;
    case 'Student': title = 'Student'; break;
    case 'Founder': title = rng() < 0.5 ? 'Founder' : 'Co-founder & CEO'; break;
    default: title = 'Owner'; break;
  }
  return lower ? title.toLowerCase() : title;
}

const firstNames = ['Anna', 'Ben', 'Chloe', 'David', 'Emma', 'Finn', 'Grace', 'Hugo', 'Ida', 'Jonas', 'Kara', 'Liam',
  'Maja', 'Noah', 'Olivia', 'Peter', 'Quinn', 'Rosa', 'Sam', 'Tara', 'Umar', 'Vera', 'Will', 'Xenia', 'Yusuf', 'Zoe'];
const lastNames = ['Andersen', 'Brown', 'Chen', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Hansen', 'Ito', 'Jensen', 'Khan',
  'Larsen', 'Müller', 'Nielsen', 'Okafor', 'Patel', 'Quist', 'Rossi', 'Smith', 'Tanaka', 'Usman', 'Virtanen', 'Wang'];
const freeMail = weighted([['gmail.com', 60], ['yahoo.com', 15], ['hotmail.com', 15], ['outlook.com', 10]] as const);
const companyWords = ['Acme', 'Blue', 'Nordic', 'Summit', 'Vertex', 'Pioneer', 'Harbor', 'Quantum', 'Crescent', 'Atlas',
  'Granite', 'Maple', 'Orbit', 'Redwood', 'Silver', 'Delta', 'Everest', 'Falcon', 'Lumen', 'Nimbus'];
const companySuffix = ['Labs', 'Group', 'Systems', 'Solutions', 'Industries', 'Partners', 'Health', 'Logistics', 'Media', 'Bank'];

const SITE = 'https://www.example.com';
const pagePaths = weighted([
  ['/', 18], ['/pricing', 7], ['/pricing/enterprise', 2], ['/product/analytics', 6], ['/product/automation', 5],
  ['/product/crm', 5], ['/blog', 25], ['/docs', 10], ['/careers', 3], ['/about', 4], ['/contact', 3],
  ['/customers', 4], ['/webinars', 3], ['/Pricing', 1],
] as const);

const formNames = weighted([
  ['Contact us', 18], ['Demo request', 12], ['Newsletter', 30], ['Webinar registration', 15],
  ['Ebook download', 20], ['Contact Us', 3], ['Job application', 2],
] as const);
const formPages: Record<string, readonly string[]> = {
  'Contact us': ['/contact', '/pricing'], 'Contact Us': ['/contact'], 'Demo request': ['/pricing', '/product/analytics', '/pricing/enterprise'],
  Newsletter: ['/blog', '/'], 'Webinar registration': ['/webinars'], 'Ebook download': ['/blog', '/product/crm'],
  'Job application': ['/careers'],
};

const campaigns = ['Monthly newsletter', 'Product launch', 'Webinar invite', 'Customer story', 'Onboarding 1', 'Onboarding 2', 'Black Friday', 'Renewal reminder'];
const ctas = ['Start free trial', 'Book a demo', 'Download the guide', 'Talk to sales', 'Watch the video'];
const documents = ['Pricing sheet', 'Security whitepaper', 'Case study: Acme', 'Product brochure', 'ROI calculator'];

/** The standard event types (formats.md §2) with their share of the event log. */
const eventTypes = weighted([
  ['page_view', 450], ['marketing_email_open', 220], ['marketing_email_click', 70], ['cta_click', 55],
  ['form_submission', 40], ['ad_interaction', 45], ['document_view', 30], ['chat_started', 12],
  ['call_started', 10], ['meeting_booked', 8], ['meeting_completed', 6], ['newsletter_subscribe', 8],
  ['newsletter_unsubscribe', 4],
] as const);

function eventProperties(rng: Rng, type: string, monthTag: string): Properties | undefined {
  switch (type) {
    case 'page_view': {
      const path = pagePaths(rng);
      return { url: path === '/blog' ? `${SITE}/blog/post-${Math.floor(rng() * 400)}` : SITE + path };
    }
    case 'form_submission': {
      const formName = formNames(rng);
      return { formName, url: SITE + pick(rng, formPages[formName]!) };
    }
    case 'marketing_email_open':
      return { campaign: `${pick(rng, campaigns)} ${monthTag}` };
    case 'marketing_email_click':
      return { campaign: `${pick(rng, campaigns)} ${monthTag}`, url: `${SITE}${pagePaths(rng)}` };
    case 'cta_click':
      return { ctaName: pick(rng, ctas), url: `${SITE}${pagePaths(rng)}` };
    case 'document_view':
      return { documentName: pick(rng, documents) };
    case 'meeting_completed':
      return { outcome: rng() < 0.85 ? 'Completed' : 'No show' };
    case 'call_started':
      return { direction: rng() < 0.3 ? 'inbound' : 'outbound' };
    case 'ad_interaction':
      return { network: pick(rng, ['google', 'linkedin', 'facebook']) };
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------

export interface SyntheticDataset {
  dataset: Dataset;
  sizes: SyntheticSizes;
  /** Ids of the contacts, in dataset order (the records scoreDataset scores). */
  contactIds: string[];
}

export function generateDataset(options: SyntheticOptions): SyntheticDataset {
  let events!: CrmEvent[];
  const { parts, sizes, contactIds } = generate(options, {
    begin: (count) => { events = new Array(count); },
    add: (k, t, contact, type, properties, idNumber) => {
      const event: CrmEvent = { id: `e${idNumber}`, recordId: contact, type, occurredAt: new Date(t).toISOString() };
      if (properties) event.properties = properties;
      events[k] = event;
    },
  });
  return { dataset: { ...parts, events }, sizes, contactIds };
}

export interface SyntheticColumnar {
  dataset: ColumnarDataset;
  sizes: SyntheticSizes;
  contactIds: string[];
}

/**
 * The same dataset as `generateDataset`, bit for bit, its events as an `EventTable` instead of
 * objects: 15 bytes an event, so that 20 million (scale 10) fit in Node's memory with room for the
 * engine. Ids are made when asked for; each distinct set of properties is kept once.
 */
export function generateColumnar(options: SyntheticOptions): SyntheticColumnar {
  let times!: Float64Array;
  let contactOf!: Int32Array;
  let typeOf!: Uint8Array;
  let propertySet!: Uint16Array;
  const typeNumbers = new Map<string, number>();
  const setNumbers = new Map<string, number>();
  const sets: (Properties | undefined)[] = [undefined];
  let contactNumbers!: Map<string, number>;
  const { parts, sizes, contactIds } = generate(options, {
    begin: (count, ids, eventTimes) => {
      times = eventTimes;
      contactOf = new Int32Array(count);
      typeOf = new Uint8Array(count);
      propertySet = new Uint16Array(count);
      contactNumbers = new Map(ids.map((id, i) => [id, i]));
    },
    add: (k, _, contact, type, properties) => {
      contactOf[k] = contactNumbers.get(contact)!;
      let typeNumber = typeNumbers.get(type);
      if (typeNumber === undefined) typeNumbers.set(type, (typeNumber = typeNumbers.size));
      typeOf[k] = typeNumber;
      if (properties) {
        // Each type always has the same keys in the same order (eventProperties): its values name the set.
        const key = `${type}\u0001${Object.values(properties).join('\u0001')}`;
        let set = setNumbers.get(key);
        if (set === undefined) {
          // A few thousand sets at any scale (eventProperties): their numbers fit in 16 bits.
          if (sets.length > 0xffff) throw new Error('the synthetic events have more distinct property sets than a Uint16Array numbers');
          setNumbers.set(key, (set = sets.length));
          sets.push(properties);
        }
        propertySet[k] = set;
      }
    },
  });
  const eventOffset = options.idOffsets?.events ?? 0;
  const eventTable: EventTable = {
    times, contactOf, contacts: contactIds, typeOf, types: [...typeNumbers.keys()],
    id: (i) => `e${i + eventOffset}`,
    properties: (i) => sets[propertySet[i]!],
    propertySets: { of: propertySet, count: sets.length, properties: (set) => sets[set] },
  };
  return { dataset: { ...parts, eventTable }, sizes, contactIds };
}

/** Where the generator puts each event, in log order; `contact` is the contact's id, `idNumber` the number in its id. */
interface EventSink {
  /** `times` are the events' times, sorted: what `add` is given one by one. */
  begin(count: number, contactIds: readonly string[], times: Float64Array): void;
  add(k: number, t: number, contact: string, type: string, properties: Properties | undefined, idNumber: number): void;
}

function generate(options: SyntheticOptions, sink: EventSink): { parts: Omit<Dataset, 'events'>; sizes: SyntheticSizes; contactIds: string[] } {
  const sizes = sizesFor(options.scale);
  const asOfMs = Date.parse(options.asOf);
  const rng = mulberry32(options.seed);
  const offsets = options.idOffsets ?? { contacts: 0, companies: 0, events: 0 };

  // Companies
  const companies: CrmRecord[] = new Array(sizes.companies);
  const domains: string[] = new Array(sizes.companies);
  for (let j = 0; j < sizes.companies; j++) {
    const name = `${pick(rng, companyWords)} ${pick(rng, companySuffix)}`;
    const domain = `${name.toLowerCase().replace(/[^a-z]+/g, '')}${j + offsets.companies}.com`;
    domains[j] = domain;
    const properties: Properties = {
      name,
      domain,
      industry: rng() < 0.93 ? industries(rng) : null,
      country: countries(rng),
      createdate: new Date(asOfMs - Math.floor(rng() * 4 * 365) * DAY - Math.floor(rng() * DAY)).toISOString(),
    };
    if (rng() < 0.94) properties.employees = Math.max(1, Math.min(250_000, Math.round(Math.exp(3.6 + 1.7 * normal(rng)))));
    if (rng() < 0.7) properties.annualrevenue = Math.round(Math.exp(14 + 2 * normal(rng)));
    if (rng() < 0.9) {
      const count = 1 + Math.floor(rng() * 3);
      const set = new Set<string>();
      while (set.size < count) set.add(pick(rng, regionsAll));
      properties.regions = [...set];
    }
    companies[j] = { id: `co${j + offsets.companies}`, objectType: 'company', properties };
  }

  // Contacts
  const contacts: CrmRecord[] = new Array(sizes.contacts);
  const contactIds: string[] = new Array(sizes.contacts);
  const competitors: string[] = [];
  for (let i = 0; i < sizes.contacts; i++) {
    const id = `c${i + offsets.contacts}`;
    contactIds[i] = id;
    const hasCompany = rng() < 0.85;
    const company = hasCompany ? scatter(Math.floor(sizes.companies * rng() ** 1.4), sizes.companies) : -1;
    const first = pick(rng, firstNames);
    const last = pick(rng, lastNames);
    const workMail = hasCompany && rng() < 0.75;
    const properties: Properties = {
      firstname: first,
      lastname: last,
      email: `${first}.${last}${i + offsets.contacts}@${workMail ? domains[company] : freeMail(rng)}`.toLowerCase(),
      jobtitle: rng() < 0.9 ? jobTitle(rng) : null,
      country: rng() < 0.95 ? countries(rng) : '',
      lifecyclestage: lifecycleStages(rng),
      leadsource: leadSources(rng),
      createdate: new Date(asOfMs - Math.floor(rng() ** 1.3 * 3 * 365 * DAY)).toISOString(),
      hs_email_optout: rng() < 0.07,
    };
    if (rng() < 0.6) properties.annualrevenue = Math.round(Math.exp(13.5 + 2 * normal(rng)));
    const interestCount = Math.floor(rng() * 5) - 1; // -1..3: a quarter have none
    if (interestCount > 0) {
      const set = new Set<string>();
      while (set.size < interestCount) set.add(pick(rng, interestsAll));
      properties.interests = [...set];
    }
    const record: CrmRecord = { id, objectType: 'contact', createdAt: properties.createdate as string, properties };
    if (hasCompany) {
      const primary = `co${company + offsets.companies}`;
      const extra = rng() < 0.05 ? `co${Math.floor(rng() * sizes.companies) + offsets.companies}` : undefined;
      record.associations = { primaryCompany: primary, companies: extra && extra !== primary ? [primary, extra] : [primary] };
    }
    contacts[i] = record;
    if (rng() < 0.002) competitors.push(id);
  }

  // Events: times first (sorted, so the log is chronological like a CRM export), then who and what.
  // 30 % of the contacts never engaged; the rest follow a skewed activity (a few very busy ones).
  const times = new Float64Array(sizes.events);
  const span = 730 * DAY;
  for (let k = 0; k < sizes.events; k++) {
    const u = rng();
    // 0.3 % of the events lie up to two weeks after asOf (they must count for nothing, D1);
    // the rest thin out towards the past.
    times[k] = u < 0.003 ? asOfMs + Math.floor(rng() * 14 * DAY) : asOfMs - Math.floor(rng() ** 1.6 * span) - 1;
  }
  times.sort();
  const engaged = Math.max(1, Math.round(sizes.contacts * 0.7));
  sink.begin(sizes.events, contactIds, times);
  let monthTagFor = -1;
  let monthTag = '';
  for (let k = 0; k < sizes.events; k++) {
    const t = times[k]!;
    const month = Math.floor(t / (30 * DAY));
    if (month !== monthTagFor) {
      monthTagFor = month;
      monthTag = new Date(t).toISOString().slice(0, 7);
    }
    const contact = scatter(Math.floor(engaged * rng() ** 1.5), sizes.contacts);
    const type = eventTypes(rng);
    const properties = eventProperties(rng, type, monthTag);
    sink.add(k, t, contactIds[contact]!, type, properties, k + offsets.events);
  }

  const parts: Omit<Dataset, 'events'> = {
    records: [...contacts, ...companies],
    lists: [{ id: COMPETITORS_LIST, name: 'Competitors', objectType: 'contact', recordIds: competitors }],
    propertyHistory: [],
    propertyTypes: {
      contact: {
        createdate: 'datetime', annualrevenue: 'number', interests: 'multi', hs_email_optout: 'boolean',
        lifecyclestage: 'enum', leadsource: 'enum', country: 'string', jobtitle: 'string', email: 'string',
      },
      company: { employees: 'number', annualrevenue: 'number', regions: 'multi', industry: 'enum', createdate: 'datetime' },
    },
  };
  return { parts, sizes, contactIds };
}
