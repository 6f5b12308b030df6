// The first visit's welcome, above every screen until dismissed (remembered in localStorage): what
// the sample data is, where to look first, and how far its generation is, phase by phase.
import { css, html, LitElement, nothing } from 'lit';
import type { RunState } from '../screens/data/generation-run.ts';
import { phaseText, watchRunPhase, type RunPhase } from '../screens/data/run-phase.ts';
import { SAMPLE_CONTACTS } from '../screens/data/sample-data.ts';
import { firstVisitText } from './first-visit-messages.ts';
import { hrefOf } from './router.ts';

const DISMISSED_KEY = 'leadscore-demo:welcome-dismissed';

/** The page's look for stored data (main.ts: ensureSampleData), until which the welcome says it is looking. */
let lookingForData: Promise<unknown> | undefined;

export function showLookingForData(looking: Promise<unknown>): void {
  lookingForData = looking;
}

export function welcomeDismissed(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) !== null;
  } catch {
    return false;
  }
}

export class DemoFirstVisit extends LitElement {
  static override styles = css`
    :host { display: block; margin-bottom: 20px; }
    section { position: relative; background: var(--demo-surface); color: var(--demo-text); border: 1px solid var(--demo-border); border-left: 4px solid var(--demo-accent); border-radius: 8px; padding: 14px 18px; }
    h2 { margin: 0 40px 6px 0; font-size: 18px; }
    h3 { margin: 12px 0 4px; font-size: 15px; }
    p { margin: 0 0 8px; }
    ol { margin: 0 0 8px; padding-left: 22px; }
    li { margin: 2px 0; }
    a { color: var(--demo-accent); font-weight: 600; }
    .muted { color: var(--demo-muted); font-size: 14px; }
    .status { display: grid; gap: 4px; margin: 10px 0 4px; font-size: 14px; font-variant-numeric: tabular-nums; }
    .status.failed { color: var(--demo-danger); }
    .status:empty { margin: 0; }
    progress { width: 100%; height: 10px; accent-color: var(--demo-accent); }
    button { position: absolute; top: 10px; right: 10px; font: inherit; font-size: 14px; padding: 4px 12px; border-radius: 6px; border: 1px solid var(--demo-border); background: var(--demo-surface-2); color: var(--demo-text); cursor: pointer; }
    a:focus-visible, button:focus-visible { outline: 2px solid var(--demo-focus); outline-offset: 2px; }
    @media (max-width: 600px) { section { padding: 12px; } h2 { font-size: 16px; } button { position: static; margin-top: 4px; } h2 { margin-right: 0; } }
  `;

  static override properties = { run: { state: true }, phase: { state: true }, looking: { state: true } };

  declare run: RunState | undefined;
  declare phase: RunPhase;
  /** Before a generation starts, the page first opens the database and counts what it holds. */
  declare looking: boolean;
  private stop?: () => void;

  constructor() {
    super();
    this.phase = { kind: 'idle' };
    this.looking = lookingForData !== undefined;
    void lookingForData?.finally(() => { this.looking = false; });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.stop = watchRunPhase((run, phase) => {
      this.run = run;
      this.phase = phase;
    });
  }

  override disconnectedCallback(): void {
    this.stop?.();
    super.disconnectedCallback();
  }

  override render() {
    const t = firstVisitText(this);
    const contacts = this.run?.result?.contacts ?? SAMPLE_CONTACTS;
    return html`
      <section aria-labelledby="welcome-title" data-testid="welcome">
        <h2 id="welcome-title">${t('title')}</h2>
        <p>${t('what', { contacts })}</p>
        ${this.renderProgress()}
        <h3>${t('whereTitle')}</h3>
        <ol>
          <li><a href=${hrefOf('definitions')}>${t('definitions')}</a>: ${t('definitionsWhy')}</li>
          <li><a href=${hrefOf('records')}>${t('record')}</a>: ${t('recordWhy')}</li>
          <li><a href=${hrefOf('reports')}>${t('reports')}</a>: ${t('reportsWhy')}</li>
        </ol>
        <p class="muted">${t('dataHint')}</p>
        <button data-testid="welcome-dismiss" aria-label=${t('dismissLabel')} @click=${this.dismiss}>${t('dismiss')}</button>
      </section>
    `;
  }

  /** The generation's phase with its counts, in a status region (while it runs, and how it ended). */
  private renderProgress() {
    const phase = this.phase;
    const bar = phase.kind === 'storing' || phase.kind === 'scoring' ? html`<progress aria-hidden="true" max=${phase.total} .value=${phase.done}></progress>`
      : ['clearing', 'saving'].includes(phase.kind) ? html`<progress aria-hidden="true"></progress>` : nothing;
    const content = phase.kind !== 'idle' ? html`<span>${phaseText(this, phase)}</span>${bar}`
      : this.looking ? html`<span>${firstVisitText(this)('looking')}</span><progress aria-hidden="true"></progress>` : nothing;
    // No white space inside: an idle region is :empty and takes no room.
    return html`<div role="status" class="status ${phase.kind === 'failed' ? 'failed' : ''}" data-testid="welcome-progress" data-phase=${phase.kind}>${content}</div>`;
  }

  private dismiss(): void {
    try {
      localStorage.setItem(DISMISSED_KEY, '1');
    } catch {
      // Not remembered (storage refused): it is closed for this visit still.
    }
    this.dispatchEvent(new Event('welcome-dismissed', { bubbles: true, composed: true }));
  }
}

customElements.define('demo-first-visit', DemoFirstVisit);
