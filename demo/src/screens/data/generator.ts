// The seeded synthetic CRM: contacts, their companies and deals, a year of events, lifecycle
// histories and conversions that follow fit and engagement. Pure and deterministic: the same size,
// seed and anchor give the same data on every machine. generator.worker.ts runs it off the page.
import type { CrmEvent, CrmList, CrmRecord, Dataset, Properties, PropertyChange, PropertyTypes } from '@leadscore/sdk';
import { OUTCOME_PROPERTY } from '../../app/outcome.ts';
import { mulberry32, Rng } from './prng.ts';

export interface GenerateOptions {
  /** Contacts to make, 1,000 to 100,000. */
  contacts: number;
  seed: number;
  /** Epoch ms: every event and change happens before it; "the last 12 months" end here. */
  anchor: number;
  /** Contacts per chunk (with their companies, deals, events and histories). */
  chunkContacts?: number;
}

export interface GenerationCounts {
  contacts: number;
  companies: number;
  deals: number;
  wonDeals: number;
  events: number;
  converted: number;
  stageChanges: number;
}

export interface GeneratedChunk {
  dataset: Dataset;
  /** Contacts generated so far, this chunk included. */
  done: number;
  total: number;
}

export const MIN_CONTACTS = 1_000;
export const MAX_CONTACTS = 100_000;

const DAY = 86_400_000;
const YEAR = 365 * DAY;

/** The contact stages the generator moves people through, in order (lifecycle.md's defaults). */
const STAGES = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer'] as const;
type Stage = (typeof STAGES)[number];
const stageRank = (stage: Stage) => STAGES.indexOf(stage);

export const propertyTypes: PropertyTypes = {
  contact: {
    firstname: 'string', lastname: 'string', email: 'string', phone: 'string', company: 'string',
    jobtitle: 'string', seniority: 'enum', department: 'enum', country: 'enum', lead_source: 'enum',
    newsletter: 'boolean', lifecyclestage: 'enum', owner: 'enum', [OUTCOME_PROPERTY]: 'boolean',
  },
  company: { name: 'string', domain: 'string', industry: 'enum', employees: 'number', annualrevenue: 'number', country: 'enum', owner: 'enum' },
  deal: { dealname: 'string', amount: 'number', dealstage: 'enum', pipeline: 'enum', closedate: 'date', owner: 'enum' },
};

// ── Vocabularies ─────────────────────────────────────────────────────────────────────────────────

// People's names, Danish and English: a person's first and last name come from the same one.
const DANISH_FIRST = ['Mette', 'Søren', 'Anders', 'Lars', 'Kirsten', 'Jens', 'Hanne', 'Rasmus', 'Mads', 'Freja', 'Ida', 'Line', 'Sofie', 'Mikkel', 'Camilla', 'Jesper', 'Louise', 'Morten', 'Frederik', 'Astrid', 'Emil', 'Signe', 'Nikolaj', 'Maja'];
const ENGLISH_FIRST = ['Emma', 'Oliver', 'James', 'Charlotte', 'Harry', 'Amelia', 'George', 'Olivia', 'Jack', 'Sophie', 'Thomas', 'Grace', 'William', 'Lucy', 'Daniel', 'Hannah', 'Samuel', 'Chloe', 'Benjamin', 'Ella', 'Henry', 'Alice', 'Jacob', 'Isabel'];
const FIRST = [...DANISH_FIRST, ...ENGLISH_FIRST];
const DANISH_NAMES = new Set(DANISH_FIRST);
const DANISH_LAST = ['Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen', 'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Poulsen', 'Johansen', 'Møller', 'Mortensen', 'Kjær', 'Dalgaard', 'Holm', 'Lund', 'Bach'];
const ENGLISH_LAST = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Clarke', 'Hughes', "O'Brien", 'Cooper', 'Ward', 'Turner'];
/** The sales reps who own the records: a company's owner owns its contacts and deals too. */
export const OWNERS = ['Mette Kjær', 'Jonas Holm', 'Sarah Collins', 'Anders Lund', 'Emily Turner', 'Rasmus Bach', 'Katrine Dalgaard', 'Oliver Hughes'];
const NAME_START = ['Nord', 'Blue', 'Bright', 'North', 'Silver', 'Green', 'Clear', 'Swift', 'Iron', 'Red', 'Sun', 'Oak', 'Stone', 'Cloud', 'Pine', 'Star', 'Deep', 'High', 'True', 'Polar', 'Amber', 'Falcon', 'Harbor', 'Maple'];
const NAME_END = ['peak', 'field', 'wave', 'light', 'stack', 'bridge', 'works', 'line', 'point', 'gate', 'path', 'forge', 'leaf', 'mark', 'shore', 'port'];
const NAME_SUFFIX = ['Systems', 'Labs', 'Group', 'Solutions', 'Technologies', 'Partners', 'Industries', 'Analytics', 'Health', 'Logistics', 'Media', 'Capital'];

/** Industry and how well it fits the (imaginary) product: B2B software for marketing teams. */
const INDUSTRIES: readonly (readonly [string, number, number])[] = [
  // name, weight, fit
  ['Software', 0.2, 1], ['Financial Services', 0.12, 0.9], ['Manufacturing', 0.12, 0.8], ['Healthcare', 0.1, 0.6],
  ['Retail', 0.1, 0.5], ['Logistics', 0.07, 0.6], ['Media', 0.08, 0.4], ['Energy', 0.06, 0.5],
  ['Education', 0.07, 0.2], ['Government', 0.04, 0.3], ['Nonprofit', 0.04, 0.1],
];

/** Company sizes: employee range, weight, fit. */
const SIZES: readonly (readonly [[number, number], number, number])[] = [
  [[1, 10], 0.18, 0.1], [[11, 50], 0.24, 0.3], [[51, 200], 0.22, 0.6], [[201, 1000], 0.19, 1],
  [[1001, 5000], 0.11, 0.9], [[5001, 50000], 0.06, 0.7],
];

/** Country, weight, whether it is a target market, top-level domain, phone prefix. */
const COUNTRIES: readonly (readonly [string, number, boolean, string, string])[] = [
  ['United States', 0.3, true, 'com', '+1'], ['United Kingdom', 0.1, true, 'co.uk', '+44'], ['Germany', 0.09, true, 'de', '+49'],
  ['Denmark', 0.06, true, 'dk', '+45'], ['Netherlands', 0.05, true, 'nl', '+31'], ['Sweden', 0.05, true, 'se', '+46'],
  ['Canada', 0.06, true, 'ca', '+1'], ['France', 0.06, false, 'fr', '+33'], ['Spain', 0.04, false, 'es', '+34'],
  ['Australia', 0.05, false, 'com.au', '+61'], ['India', 0.08, false, 'in', '+91'], ['Brazil', 0.06, false, 'com.br', '+55'],
];

const SENIORITIES: readonly (readonly [string, number, number])[] = [
  ['C-level', 0.05, 1], ['VP', 0.08, 0.9], ['Director', 0.14, 0.8], ['Manager', 0.25, 0.6],
  ['Individual contributor', 0.38, 0.3], ['Intern', 0.04, 0.05], ['Student', 0.06, 0],
];

const DEPARTMENTS: readonly (readonly [string, number, number])[] = [
  ['Marketing', 0.26, 1], ['Sales', 0.2, 0.8], ['IT', 0.12, 0.6], ['Operations', 0.12, 0.5],
  ['Engineering', 0.14, 0.4], ['Finance', 0.09, 0.3], ['HR', 0.07, 0.2],
];

const CHIEF: Record<string, string> = {
  Marketing: 'Chief Marketing Officer', Sales: 'Chief Revenue Officer', IT: 'Chief Information Officer',
  Engineering: 'Chief Technology Officer', Operations: 'Chief Operating Officer', Finance: 'Chief Financial Officer', HR: 'Chief People Officer',
};
const SPECIALIST: Record<string, string> = {
  Marketing: 'Marketing Specialist', Sales: 'Account Executive', IT: 'IT Administrator', Engineering: 'Software Engineer',
  Operations: 'Operations Analyst', Finance: 'Financial Analyst', HR: 'HR Generalist',
};

/** Lead source, weight, a nudge to conversion. */
const LEAD_SOURCES: readonly (readonly [string, number, number])[] = [
  ['Organic Search', 0.24, 0], ['Paid Search', 0.12, -0.2], ['Social Media', 0.12, -0.4], ['Referral', 0.08, 0.6],
  ['Email Marketing', 0.1, 0], ['Direct Traffic', 0.13, 0.1], ['Events', 0.07, 0.4], ['Webinar', 0.07, 0.3], ['Partner', 0.07, 0.5],
];

const PAGES = ['/', '/product', '/features', '/integrations', '/blog/lead-scoring-101', '/blog/crm-hygiene', '/customers', '/careers', '/about'];
const INTENT_PAGES = ['/pricing', '/demo', '/pricing/enterprise', '/security'];
const CAMPAIGNS = ['Monthly newsletter', 'Product update', 'Webinar invite', 'Case study', 'Spring promotion', 'Year in review'];
const FORMS_LOW = ['Newsletter', 'Download ebook', 'Webinar registration'] as const;
const FORMS_HIGH = ['Contact us', 'Request a demo'] as const;
const CTAS = ['Start free trial', 'Book a demo', 'Download guide', 'Watch video'];
const DOCUMENTS = ['Pricing sheet', 'Security whitepaper', 'ROI calculator', 'Implementation guide'];
const AD_CHANNELS = ['LinkedIn', 'Google', 'Facebook'];
const PERSONAL_DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'hotmail.com'];
const UNIVERSITIES = ['state.edu', 'tech.edu', 'college.edu', 'university.edu'];
const OPEN_DEAL_STAGES = ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent'];

/** Marketing activity a contact shows over time, by weight (formats.md §2's standard types). */
const MARKETING_EVENTS: readonly (readonly [string, number])[] = [
  ['page_view', 0.38], ['marketing_email_open', 0.22], ['marketing_email_click', 0.08], ['form_submission', 0.06],
  ['cta_click', 0.06], ['document_view', 0.05], ['ad_interaction', 0.07], ['chat_started', 0.02],
];

// ── Generation ───────────────────────────────────────────────────────────────────────────────────

interface Company {
  record: CrmRecord;
  fit: number;
  country: string;
  domain: string;
  employees: number;
  name: string;
  /** The sales rep who owns the company, its contacts and its deals. */
  owner: string;
}

interface ContactPlan {
  id: string;
  stage: Stage;
  converted: boolean;
  /** When each stage reached was entered. */
  entered: Partial<Record<Stage, number>>;
}

/**
 * The dataset in chunks of about `chunkContacts` contacts, each with its companies (all of a
 * company's contacts are in the same chunk as it, with its deals), events and stage histories, so
 * every chunk imports on its own. Returns the totals.
 */
export function* generateDataset(options: GenerateOptions): Generator<GeneratedChunk, GenerationCounts> {
  const total = Math.round(Math.min(MAX_CONTACTS, Math.max(1, options.contacts)));
  const chunkContacts = options.chunkContacts ?? 2_000;
  const anchor = options.anchor;
  const rng = new Rng(mulberry32(options.seed));
  // Owners come from a stream of their own, so the rest of a seed's data is as it was before they were added.
  const owners = new Rng(mulberry32(options.seed ^ 0x0a11ce));
  const counts: GenerationCounts = { contacts: 0, companies: 0, deals: 0, wonDeals: 0, events: 0, converted: 0, stageChanges: 0 };

  const perCompany = contactsPerCompany(rng, total);
  const competitors: string[] = [];
  let records: CrmRecord[] = [];
  let events: CrmEvent[] = [];
  let history: PropertyChange[] = [];
  let inChunk = 0;
  let first = true;

  const flush = (last: boolean): GeneratedChunk => {
    const dataset: Dataset = { records, events, propertyHistory: history };
    if (first) dataset.propertyTypes = propertyTypes;
    if (last) dataset.lists = sampleLists(competitors);
    first = false;
    records = [];
    events = [];
    history = [];
    inChunk = 0;
    return { dataset, done: counts.contacts, total };
  };

  for (let c = 0; c < perCompany.length; c++) {
    const company = makeCompany(rng, c + 1, anchor, owners.pick(OWNERS));
    counts.companies += 1;
    const plans: ContactPlan[] = [];
    let companyCreated = Number(Date.parse(company.record.createdAt as string));
    for (let k = 0; k < perCompany[c]!; k++) {
      counts.contacts += 1;
      const made = makeContact(rng, `c-${counts.contacts}`, company, anchor, counts);
      records.push(made.record);
      events.push(...made.events);
      history.push(...made.history);
      plans.push(made.plan);
      if (made.competitor) competitors.push(made.plan.id);
      companyCreated = Math.min(companyCreated, Date.parse(made.record.createdAt as string));
      inChunk += 1;
    }
    company.record.createdAt = iso(companyCreated - rng.int(0, 60) * DAY);
    records.push(company.record);
    for (const deal of makeDeals(rng, company, plans, anchor, counts)) records.push(deal);
    if (inChunk >= chunkContacts && c < perCompany.length - 1) yield flush(false);
  }
  yield flush(true);
  return counts;
}

/** About one company per ten contacts, their sizes skewed (a few large accounts, many small). */
function contactsPerCompany(rng: Rng, total: number): number[] {
  const companies = Math.max(1, Math.round(total / 10));
  const weights = Array.from({ length: companies }, () => Math.pow(-Math.log(1 - rng.next() * 0.999), 1.4));
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((w / sum) * total));
  let left = total - counts.reduce((a, b) => a + b, 0);
  while (left > 0) {
    counts[rng.int(0, companies - 1)]! += 1;
    left -= 1;
  }
  return counts;
}

function makeCompany(rng: Rng, n: number, anchor: number, owner: string): Company {
  const [industry, , industryFit] = rng.weighted(INDUSTRIES.map((item) => [item, item[1]] as const));
  const [[low, high], , sizeFit] = rng.weighted(SIZES.map((item) => [item, item[1]] as const));
  const employees = Math.round(Math.exp(Math.log(low) + rng.next() * (Math.log(high) - Math.log(low))));
  const [country, , , tld] = rng.weighted(COUNTRIES.map((item) => [item, item[1]] as const));
  const stem = `${rng.pick(NAME_START)}${rng.pick(NAME_END)}`;
  const name = `${stem} ${rng.pick(NAME_SUFFIX)}`;
  const domain = `${stem.toLowerCase()}${n}.${tld}`;
  const record: CrmRecord = {
    id: `co-${n}`,
    objectType: 'company',
    createdAt: iso(anchor - rng.int(30, 3 * 365) * DAY),
    properties: {
      name, domain, industry, employees, country,
      annualrevenue: Math.round((employees * rng.int(60, 260)) / 10) * 10_000,
      owner,
    },
  };
  return { record, fit: 0.5 * industryFit + 0.5 * sizeFit, country, domain, employees, name, owner };
}

function makeContact(rng: Rng, id: string, company: Company, anchor: number, counts: GenerationCounts) {
  const firstname = rng.pick(FIRST);
  const lastname = rng.pick(DANISH_NAMES.has(firstname) ? DANISH_LAST : ENGLISH_LAST);
  const [seniority, , seniorityFit] = rng.weighted(SENIORITIES.map((item) => [item, item[1]] as const));
  const [department, , departmentFit] = rng.weighted(DEPARTMENTS.map((item) => [item, item[1]] as const));
  const jobtitle = seniority === 'C-level' ? CHIEF[department]!
    : seniority === 'VP' ? `VP of ${department}`
      : seniority === 'Director' ? `Director of ${department}`
        : seniority === 'Manager' ? `${department} Manager`
          : seniority === 'Intern' ? `${department} Intern`
            : seniority === 'Student' ? 'Student' : SPECIALIST[department]!;
  const countryRow = rng.chance(0.8) ? COUNTRIES.find((row) => row[0] === company.country)! : rng.weighted(COUNTRIES.map((item) => [item, item[1]] as const));
  const [country, , target, , prefix] = countryRow;
  const local = emailLocal(`${firstname}.${lastname}`);
  const emailKind = seniority === 'Student' ? 'edu' : rng.chance(0.14) ? 'personal' : 'work';
  const email = emailKind === 'edu' ? `${local}@${rng.pick(UNIVERSITIES)}`
    : emailKind === 'personal' ? `${local}${rng.int(1, 99)}@${rng.pick(PERSONAL_DOMAINS)}` : `${local}@${company.domain}`;
  const [leadSource, , sourceNudge] = rng.weighted(LEAD_SOURCES.map((item) => [item, item[1]] as const));

  // Latent fit and engagement drive stages, events and conversion.
  const emailFit = emailKind === 'work' ? 1 : emailKind === 'personal' ? 0.3 : 0;
  const fit = 0.35 * company.fit + 0.25 * seniorityFit + 0.15 * departmentFit + 0.1 * (target ? 1 : 0.4) + 0.15 * emailFit;
  const engagement = Math.min(1, 0.75 * Math.pow(rng.next(), 1.6) + 0.35 * fit * rng.next());
  const createdAt = rng.chance(0.75) ? anchor - rng.int(3, 364) * DAY - rng.int(0, DAY - 1) : anchor - rng.int(365, 3 * 365) * DAY - rng.int(0, DAY - 1);
  const logit = -9.6 + 6.5 * fit + 6 * engagement + sourceNudge;
  const converted = anchor - createdAt > 10 * DAY && rng.chance(1 / (1 + Math.exp(-logit)));
  const competitor = !converted && rng.chance(0.005);
  const newsletter = rng.chance(0.3 + 0.35 * engagement);

  const plan = planStages(rng, id, createdAt, anchor, fit, engagement, converted, leadSource, newsletter);
  if (converted) counts.converted += 1;
  const history: PropertyChange[] = [];
  for (const stage of STAGES) {
    const at = plan.entered[stage];
    if (at === undefined) continue;
    history.push({ recordId: id, property: 'lifecyclestage', value: stage, at: iso(at), source: stageSource(stage, leadSource) });
  }
  counts.stageChanges += history.length;

  const properties: Properties = {
    firstname, lastname, email, jobtitle, seniority, department, country,
    company: company.name, owner: company.owner, lead_source: leadSource, newsletter,
    lifecyclestage: plan.stage, [OUTCOME_PROPERTY]: converted,
  };
  if (rng.chance(0.6)) properties.phone = `${prefix} ${rng.int(200, 999)} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`;
  const record: CrmRecord = {
    id, objectType: 'contact', createdAt: iso(createdAt), properties,
    associations: { companies: [company.record.id], primaryCompany: company.record.id },
  };
  const events = makeEvents(rng, plan, createdAt, anchor, engagement, newsletter, counts);
  return { record, events, history, plan, competitor };
}

/** The stages a contact went through and when: converted ones become customers. */
function planStages(rng: Rng, id: string, createdAt: number, anchor: number, fit: number, engagement: number, converted: boolean, leadSource: string, newsletter: boolean): ContactPlan {
  const startsAsSubscriber = (leadSource === 'Email Marketing' || leadSource === 'Social Media' || newsletter) && rng.chance(0.55);
  const start: Stage = startsAsSubscriber ? 'subscriber' : 'lead';
  let last: Stage;
  if (converted) last = 'customer';
  else {
    const reach = 0.5 * fit + 0.5 * engagement + 0.25 * (rng.next() - 0.5);
    last = reach > 0.72 ? 'opportunity' : reach > 0.6 ? 'salesqualifiedlead' : reach > 0.45 ? 'marketingqualifiedlead' : start;
  }
  const path: Stage[] = STAGES.slice(stageRank(start), stageRank(last) + 1);
  // Some skip a stage on the way (a person may move a record straight to SQL).
  const steps = path.filter((stage, i) => i === 0 || i === path.length - 1 || !rng.chance(0.12));
  const gaps = steps.map((_, i) => (i === 0 ? 0 : rng.int(2, 50) * DAY + rng.int(0, DAY - 1)));
  const span = gaps.reduce((a, b) => a + b, 0);
  const room = Math.max(0, anchor - DAY - createdAt);
  const scale = span > room ? room / span : 1;
  const entered: ContactPlan['entered'] = {};
  let at = createdAt;
  steps.forEach((stage, i) => {
    at += Math.floor(gaps[i]! * scale);
    entered[stage] = at;
  });
  return { id, stage: last, converted, entered };
}

function stageSource(stage: Stage, leadSource: string): string {
  switch (stage) {
    case 'subscriber': return 'form';
    case 'lead': return leadSource === 'Events' || leadSource === 'Partner' ? 'import' : 'form';
    case 'marketingqualifiedlead': return 'workflow';
    case 'salesqualifiedlead': return 'manual';
    case 'opportunity': return 'integration';
    case 'customer': return 'integration';
  }
}

/** A year of activity: more of it, and more intent, for engaged contacts and those who bought. */
function makeEvents(rng: Rng, plan: ContactPlan, createdAt: number, anchor: number, engagement: number, newsletter: boolean, counts: GenerationCounts): CrmEvent[] {
  const from = Math.max(createdAt, anchor - YEAR);
  const window = anchor - from;
  const events: CrmEvent[] = [];
  const add = (type: string, at: number, properties?: Properties) => {
    if (at < from || at >= anchor) return;
    counts.events += 1;
    const event: CrmEvent = { id: `e-${counts.events}`, recordId: plan.id, type, occurredAt: iso(at) };
    if (properties) event.properties = properties;
    events.push(event);
  };
  const rank = stageRank(plan.stage);
  const mean = (1 + 20 * Math.pow(engagement, 1.3)) * Math.pow(window / YEAR, 0.6) + (plan.converted ? 8 : 0) + Math.max(0, rank - 1) * 1.5;
  const n = rng.poisson(mean);
  const customerAt = plan.entered.customer;
  for (let i = 0; i < n; i++) {
    // Engaged contacts lean recent; buyers cluster before their purchase.
    const at = customerAt !== undefined && rng.chance(0.5)
      ? createdAt + rng.next() * (customerAt - createdAt)
      : from + Math.pow(rng.next(), 1 / (1 + 1.5 * engagement)) * window;
    const type = rng.weighted(MARKETING_EVENTS);
    add(type, at, eventProperties(rng, type, engagement, plan.converted));
  }
  if (newsletter) add('newsletter_subscribe', createdAt + rng.int(0, 3) * DAY, { list: 'Monthly newsletter' });
  if (newsletter && engagement < 0.15 && rng.chance(0.3)) add('newsletter_unsubscribe', from + rng.next() * window, { list: 'Monthly newsletter' });
  // Sales touches around the sales stages.
  const sql = plan.entered.salesqualifiedlead ?? plan.entered.opportunity ?? customerAt;
  if (sql !== undefined) {
    const mql = plan.entered.marketingqualifiedlead;
    if (mql !== undefined) add('form_submission', mql - rng.int(0, 2) * DAY, { formName: 'Request a demo' });
    for (let i = rng.int(1, 3); i > 0; i--) add('call_started', sql + rng.int(0, 20) * DAY, { outcome: rng.pick(['Connected', 'Voicemail', 'No answer']) });
    const meetings = rng.int(plan.converted ? 1 : 0, plan.converted ? 3 : 2);
    for (let i = 0; i < meetings; i++) {
      const booked = sql + rng.int(1, 30) * DAY;
      const meetingType = i === 0 ? 'Discovery' : 'Demo';
      add('meeting_booked', booked, { meetingType });
      if (rng.chance(plan.converted ? 0.9 : 0.6)) add('meeting_completed', booked + rng.int(1, 7) * DAY, { meetingType });
    }
  }
  // Customers keep in touch.
  if (customerAt !== undefined && rng.chance(0.7)) add('meeting_completed', customerAt + rng.int(20, 120) * DAY, { meetingType: 'Check-in' });
  return events;
}

function eventProperties(rng: Rng, type: string, engagement: number, converted: boolean): Properties | undefined {
  const intent = converted ? 0.45 : 0.08 + 0.3 * engagement;
  switch (type) {
    case 'page_view': return { pageUrl: rng.chance(intent) ? rng.pick(INTENT_PAGES) : rng.pick(PAGES) };
    case 'marketing_email_open':
    case 'marketing_email_click': return { campaign: rng.pick(CAMPAIGNS) };
    case 'form_submission': return { formName: rng.chance(intent) ? rng.pick(FORMS_HIGH) : rng.pick(FORMS_LOW) };
    case 'cta_click': return { cta: rng.pick(CTAS) };
    case 'document_view': return { document: rng.pick(DOCUMENTS) };
    case 'ad_interaction': return { channel: rng.pick(AD_CHANNELS) };
    default: return undefined;
  }
}

/** A won deal for a company's customers, an open or lost one for its opportunities. */
function makeDeals(rng: Rng, company: Company, plans: ContactPlan[], anchor: number, counts: GenerationCounts): CrmRecord[] {
  const deals: CrmRecord[] = [];
  const deal = (contacts: ContactPlan[], dealstage: string, createdAt: number, closedate: number | undefined) => {
    counts.deals += 1;
    if (dealstage === 'closedwon') counts.wonDeals += 1;
    const size = 1 + Math.log10(Math.max(1, company.employees)) / 2;
    const properties: Properties = {
      dealname: `${company.name} — ${dealstage === 'closedwon' ? 'subscription' : rng.pick(['new business', 'pilot', 'expansion'])}`,
      amount: Math.round((rng.int(50, 600) * size)) * 100,
      dealstage,
      pipeline: 'default',
      owner: company.owner,
    };
    if (closedate !== undefined) properties.closedate = iso(closedate).slice(0, 10);
    deals.push({
      id: `d-${counts.deals}`, objectType: 'deal', createdAt: iso(createdAt), properties,
      associations: { companies: [company.record.id], primaryCompany: company.record.id, contacts: contacts.map((plan) => plan.id) },
    });
  };
  const customers = plans.filter((plan) => plan.converted);
  if (customers.length > 0) {
    const won = Math.min(...customers.map((plan) => plan.entered.customer!));
    const opened = Math.min(...customers.map((plan) => plan.entered.opportunity ?? plan.entered.customer!));
    deal(customers, 'closedwon', Math.min(opened, won), won);
  }
  const opportunities = plans.filter((plan) => plan.stage === 'opportunity');
  if (opportunities.length > 0) {
    const opened = Math.min(...opportunities.map((plan) => plan.entered.opportunity!));
    const lost = rng.chance(0.4);
    deal(opportunities, lost ? 'closedlost' : rng.pick(OPEN_DEAL_STAGES), opened, lost ? Math.min(anchor - DAY, opened + rng.int(10, 60) * DAY) : undefined);
  }
  return deals;
}

/** A few competitors to leave out of scores, and the target accounts (a dynamic list). */
function sampleLists(competitors: string[]): CrmList[] {
  return [
    { id: 'competitors', name: 'Competitors', objectType: 'contact', recordIds: competitors },
    { id: 'target-accounts', name: 'Target accounts', objectType: 'company', condition: { all: [{ property: 'employees', operator: 'gte', value: 200 }] } },
  ];
}

/** An email address's local part: "Søren.Møller" → "soeren.moeller", "O'Brien" → "obrien". */
function emailLocal(name: string): string {
  return name.toLowerCase().replace(/[æøå]/g, (letter) => DANISH_LETTERS[letter]!).replace(/[^a-z.]/g, '');
}
const DANISH_LETTERS: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa' };

function iso(ms: number): string {
  return new Date(Math.floor(ms)).toISOString();
}
