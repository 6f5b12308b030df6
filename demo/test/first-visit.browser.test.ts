// The first visit's welcome (in Chromium): shown until dismissed, remembered; and the generation's
// phases as the welcome and the data screen word them, from the run's numbers.
import { expect } from '@esm-bundle/chai';
import '../src/app/app-shell.ts';
import type { RunState } from '../src/screens/data/generation-run.ts';
import { phaseText, runPhase } from '../src/screens/data/run-phase.ts';

type App = HTMLElement & { updateComplete: Promise<boolean> };

async function mountApp(): Promise<App> {
  const app = document.createElement('demo-app') as App;
  document.body.append(app);
  await app.updateComplete;
  return app;
}

const welcomeIn = (app: App) => app.shadowRoot!.querySelector('demo-first-visit') as (HTMLElement & { updateComplete: Promise<boolean> }) | null;

describe('demo: first visit', () => {
  const running = (done: number, total: number): RunState => ({ running: true, done, total });

  afterEach(() => {
    document.querySelectorAll('demo-app').forEach((app) => app.remove());
    localStorage.removeItem('leadscore-demo:welcome-dismissed');
    document.documentElement.lang = 'en';
  });

  it('shows the welcome until "Got it", and not again after', async () => {
    localStorage.removeItem('leadscore-demo:welcome-dismissed');
    const app = await mountApp();
    const welcome = welcomeIn(app)!;
    await welcome.updateComplete;
    expect(welcome.shadowRoot!.querySelector('h2')!.textContent).to.equal('Welcome to the Leadscore demo');
    expect(welcome.shadowRoot!.querySelector('[role="status"]')).to.not.equal(null);
    (welcome.shadowRoot!.querySelector('[data-testid="welcome-dismiss"]') as HTMLButtonElement).click();
    await app.updateComplete;
    expect(welcomeIn(app)).to.equal(null);
    expect(localStorage.getItem('leadscore-demo:welcome-dismissed')).to.equal('1');
    app.remove();
    expect(welcomeIn(await mountApp())).to.equal(null);
  });

  it('tells the phase from the numbers: clearing, storing, saving, scoring, ready, failed', () => {
    expect(runPhase(running(0, 0), false)).to.deep.equal({ kind: 'clearing' });
    expect(runPhase(running(0, 1000), false)).to.deep.equal({ kind: 'storing', done: 0, total: 1000 });
    // The import reached its total: the definitions are saved (the activations start at 0 of 1).
    expect(runPhase(running(1000, 1000), true)).to.deep.equal({ kind: 'saving' });
    expect(runPhase(running(0, 1), true)).to.deep.equal({ kind: 'saving' });
    expect(runPhase(running(1200, 3540), true)).to.deep.equal({ kind: 'scoring', done: 1200, total: 3540 });
    const counts = { contacts: 1000, companies: 100, deals: 79, wonDeals: 20, events: 9939, converted: 150, stageChanges: 3000 };
    const result = { contacts: 1000, seed: 42, counts, seconds: 12, activated: [] };
    expect(runPhase({ running: false, done: 1, total: 1, result }, true)).to.deep.equal({ kind: 'ready', counts });
    expect(runPhase({ running: false, done: 0, total: 0, error: 'disk full' }, false)).to.deep.equal({ kind: 'failed', message: 'disk full' });
  });

  it('words a phase in the page language, numbers as the language writes them', () => {
    const element = document.createElement('div');
    document.body.append(element);
    document.documentElement.lang = 'en';
    expect(phaseText(element, { kind: 'scoring', done: 1200, total: 3540 })).to.equal('Scoring the records: 1,200 of 3,540');
    document.documentElement.lang = 'da';
    expect(phaseText(element, { kind: 'scoring', done: 1200, total: 3540 })).to.equal('Scorer posterne: 1.200 af 3.540');
    element.remove();
  });
});
