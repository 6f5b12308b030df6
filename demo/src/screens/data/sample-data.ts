// Built-in data: a fresh machine (an empty demo database) gets 1,000 generated contacts with seed 42
// and the sample definitions, so `npm start` shows scores at once. A banner shows the progress on
// every screen (the data screen shows it too).
import { demoClient } from '../../app/client.ts';
import { welcomeDismissed } from '../../app/first-visit.ts';
import { EMPTY_KEY, generateIntoDemo, restartInterrupted, takePendingGeneration } from './generation-run.ts';
import { phaseText, watchRunPhase } from './run-phase.ts';
import { sampleDataText } from './sample-data-messages.ts';
import { countRecords } from './stored-summary.ts';

export const SAMPLE_CONTACTS = 1_000;
export const SAMPLE_SEED = 42;

let ensuring: Promise<void> | undefined;

/** Generates the built-in sample data when the database holds no records (or finishes a regeneration asked for before a reset). */
export function ensureSampleData(): Promise<void> {
  ensuring ??= ensure().catch((error: unknown) => console.error('Sample data could not be generated:', error));
  return ensuring;
}

async function ensure(): Promise<void> {
  const pending = takePendingGeneration();
  if (pending) return withBanner(() => generateIntoDemo(pending.contacts, pending.seed, pending.definitions, pending.lifecycleSettings, pending.attempts));
  if (await restartInterrupted()) return;
  if (localStorage.getItem(EMPTY_KEY) !== null) return;
  // Opening the client creates and migrates the database before it is counted.
  await demoClient().listDefinitions();
  const stored = await countRecords();
  if (stored.contacts + stored.companies + stored.deals > 0) return;
  return withBanner(() => generateIntoDemo(SAMPLE_CONTACTS, SAMPLE_SEED));
}

async function withBanner(work: () => Promise<void>): Promise<void> {
  // The page's language and colours (the document's theme tokens), as the screens have them.
  const page = document.documentElement;
  const t = sampleDataText(page);
  const banner = document.createElement('div');
  banner.setAttribute('role', 'status');
  banner.dataset.testid = 'sample-data-banner';
  Object.assign(banner.style, {
    position: 'fixed', right: '16px', bottom: '16px', zIndex: '1000', width: 'min(340px, calc(100vw - 32px))', boxSizing: 'border-box', padding: '12px 14px',
    background: 'var(--demo-surface)', color: 'var(--demo-text)', border: '1px solid var(--demo-border)', borderRadius: '8px',
    boxShadow: '0 4px 16px rgba(0,0,0,.2)', font: '14px/1.4 system-ui, sans-serif',
  } satisfies Partial<CSSStyleDeclaration>);
  const title = document.createElement('strong');
  title.textContent = t('preparing');
  const bar = document.createElement('progress');
  Object.assign(bar.style, { display: 'block', width: '100%', margin: '8px 0 4px', accentColor: 'var(--demo-accent)' });
  const text = document.createElement('div');
  banner.append(title, bar, text);
  const stopRun = watchRunPhase((run, phase) => {
    if (run.total > 0) {
      bar.max = run.total;
      bar.value = run.done;
    } else bar.removeAttribute('value');
    text.textContent = phaseText(page, phase);
  });
  // The data screen and the first visit's welcome show the same progress themselves.
  const place = () => { banner.hidden = location.hash.startsWith('#/data') || !welcomeDismissed(); };
  place();
  window.addEventListener('hashchange', place);
  window.addEventListener('welcome-dismissed', place);
  const stop = () => {
    stopRun();
    window.removeEventListener('hashchange', place);
    window.removeEventListener('welcome-dismissed', place);
  };
  document.body.append(banner);
  try {
    await work();
    title.textContent = t('ready');
    setTimeout(() => banner.remove(), 4000);
  } catch (error) {
    title.textContent = t('failed');
    text.textContent = error instanceof Error ? error.message : String(error);
    throw error;
  } finally {
    stop();
  }
}
