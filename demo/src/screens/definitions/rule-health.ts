// Rule health under each rule line of the builder (docs/rule-health.md): "fires for 34% · mean +4.2 ·
// capped 12%", and the flags as words (never fires, fires for everyone, capped away). The group
// cards follow the valid draft with a RuleHealthController: once the edits pause, the worker
// computes the health of the whole draft over the stored records (getRuleHealth); a newer draft's
// answer replaces an older one's, and until it comes the old figures stay, marked as updating.
import { css, html, LitElement, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Definition, Group, Rule, RuleHealth, RuleHealthReport } from '@leadscore/sdk';
import { localeOf } from '@leadscore/widgets';
import { demoClient } from '../../app/client.ts';
import { errorText } from './error-text.ts';
import { ruleHealthText } from './rule-health-messages.ts';

/** The pause after the last edit before the health is asked for: longer than the preview's, as it is a second pass over every record. */
export const HEALTH_DELAY_MS = 800;

export class RuleHealthController implements ReactiveController {
  /** The latest answer, for the draft asked for or an older one (`pending`). */
  private report: RuleHealthReport | undefined;
  private pending = false;
  private error = '';
  /** What of the draft the health reads, as JSON: an edit of its name, thresholds or score limit asks nothing. */
  private followed = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest = 0;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly delayMs = HEALTH_DELAY_MS) {
    host.addController(this);
  }

  /** Follows a draft: a valid definition, or undefined (an invalid draft: nothing is shown). Call before rendering. */
  follow(definition: Definition | undefined): void {
    const key = definition ? JSON.stringify([definition.objectType, definition.scope ?? null, definition.groups]) : '';
    if (key === this.followed) return;
    this.followed = key;
    clearTimeout(this.timer);
    const run = ++this.latest;
    this.error = '';
    if (!definition) {
      this.report = undefined;
      this.pending = false;
      return;
    }
    this.pending = true;
    this.timer = setTimeout(() => void this.ask(definition, run), this.delayMs);
  }

  private async ask(definition: Definition, run: number): Promise<void> {
    try {
      const report = await demoClient().getRuleHealth(definition);
      if (run !== this.latest) return;
      this.report = report;
    } catch (error) {
      if (run !== this.latest) return;
      this.report = undefined;
      this.error = errorText(error, this.host);
    }
    this.pending = false;
    this.host.requestUpdate();
  }

  /** The health line of a rule of `group`, for the group card to place under the rule's line. */
  line(group: Group, rule: Rule) {
    if (!this.followed) return nothing;
    const health = this.report?.rules.find((candidate) => candidate.groupId === group?.id && candidate.ruleId === rule?.id);
    return html`<demo-rule-health .health=${health} .inScope=${this.report?.inScope ?? 0} .limited=${group?.limit !== undefined}
      .pending=${this.pending} .error=${this.error}></demo-rule-health>`;
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.latest++;
    this.followed = '';
  }
}

export class DemoRuleHealth extends LitElement {
  static override styles = css`
    :host { display: block; }
    p { margin: 2px 0 0 10px; font-size: 13px; color: var(--demo-muted); overflow-wrap: anywhere; }
    .flag { color: var(--demo-warning); font-weight: 600; margin-left: 6px; }
    .updating { font-style: italic; margin-left: 6px; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  `;

  static override properties = {
    health: { attribute: false },
    inScope: { attribute: false },
    limited: { attribute: false },
    pending: { attribute: false },
    error: { attribute: false },
  };

  /** The rule's health; undefined before the first answer, or for a rule added since it. */
  declare health: RuleHealth | undefined;
  /** Records in the definition's scope. */
  declare inScope: number;
  /** Its group has a limit: only then can its points be capped. */
  declare limited: boolean;
  /** A newer draft's health is on its way. */
  declare pending: boolean;
  declare error: string;

  constructor() {
    super();
    this.health = undefined;
    this.inScope = 0;
    this.limited = false;
    this.pending = false;
    this.error = '';
  }

  override render() {
    const t = ruleHealthText(this);
    if (this.error) return html`<p data-testid="rule-health" role="status">${t('failed', { error: this.error })}</p>`;
    const updating = this.pending ? html`<span class="updating" data-testid="rule-health-updating">${t('updating')}</span>` : nothing;
    if (!this.health) return this.pending ? html`<p data-testid="rule-health">${updating}</p>` : nothing;
    return html`<p data-testid="rule-health"><span class="visually-hidden">${t('label')}: </span><span data-testid="rule-health-figures">${this.figures()}</span>${this.health.flags.map((flag) => html`<span class="flag" data-testid="rule-health-flag" data-flag=${flag}>⚠ ${t(flag)}</span>`)}${updating}</p>`;
  }

  /** "fires for 34% · mean +4.2 · capped 12%" in the element's language. */
  private figures(): string {
    const t = ruleHealthText(this);
    const health = this.health!;
    if (this.inScope === 0 || health.share === null) return t('noneInScope');
    const locale = localeOf(this);
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
    const parts = [t('fires', { share: percent.format(health.share) }), t('mean', { mean: signed.format(health.meanInScope ?? 0) })];
    if (this.limited && health.swallowedShare !== null) parts.push(t('capped', { share: percent.format(health.swallowedShare) }));
    return parts.join(' · ');
  }
}

customElements.define('demo-rule-health', DemoRuleHealth);
