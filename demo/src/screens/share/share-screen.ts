// `#/share/<payload>`: a definition from a link, read-only, for stakeholders: what it scores, its
// groups and rules in words, the preview on this browser's data when it has some, and two ways to
// keep it: saved as a draft (after a confirmation that says what, if anything, it would replace;
// nothing is ever activated from here), or copied into the builder unsaved. A link that does not
// hold a definition (share-codec.ts says why) is a message, never a frozen or blank screen.
import { css, html, LitElement, nothing } from 'lit';
import type { Definition, DefinitionInfo, DefinitionVersion, ValidationIssue } from '@leadscore/sdk';
import type { Distribution } from '@leadscore/sdk';
import { localeOf } from '@leadscore/widgets';
import '@leadscore/widgets/score-histogram.js';
import '@leadscore/widgets/score-matrix.js';
import { demoClient } from '../../app/client.ts';
import { hrefOf, navigate, registerScreen } from '../../app/router.ts';
import { builderStyles } from '../definitions/builder-styles.ts';
import { errorText } from '../definitions/error-text.ts';
import { handOffDraft } from '../definitions/handoff.ts';
import { decodeShareLink, shareLimits, type ShareDecoding } from './share-codec.ts';
import { shareText, sizeText } from './share-messages.ts';
import { decayWords, kindWords, orderedLabels, ruleWords, scopeWords, thresholdWords } from './definition-words.ts';

/** What saving the shared definition would do, shown for the user to confirm before anything is stored. */
export type SavePlan =
  | { kind: 'new' }
  | { kind: 'conflict'; stored: DefinitionInfo; latest: DefinitionVersion | undefined; copyId: string };

export class DemoShareScreen extends LitElement {
  static override styles = [builderStyles, css`
    .readonly { max-width: 900px; }
    .lead { font-size: 16px; }
    ol { padding-left: 20px; }
    ol li { margin: 4px 0; }
    .group h3 { margin-bottom: 4px; }
    .meta { color: #59636e; font-size: 13px; }
    details pre { background: #f6f8fa; padding: 12px; border-radius: 6px; overflow: auto; font-size: 12px; }
    .confirm { margin-top: 12px; padding: 12px; border: 1px solid #d4a72c; background: #fff8c5; border-radius: 6px; }
    .confirm .choices { display: flex; flex-direction: column; align-items: flex-start; gap: 8px; margin-top: 8px; }
  `];

  static override properties = {
    params: { attribute: false },
    decoded: { state: true },
    distribution: { state: true },
    plan: { state: true },
    notice: { state: true },
    busy: { state: true },
  };

  declare params: string[];
  /** The link read, or undefined while it is read. */
  declare decoded: ShareDecoding | undefined;
  declare distribution: Distribution | undefined;
  /** The save waiting for the user's choice; 'checking' while the stored definitions are read. */
  declare plan: SavePlan | 'checking' | undefined;
  declare notice: { kind: 'ok' | 'error'; text: string; saved?: DefinitionInfo } | undefined;
  declare busy: boolean;

  private decodedFrom: string | undefined;

  constructor() {
    super();
    this.params = [];
    this.decoded = undefined;
    this.distribution = undefined;
    this.plan = undefined;
    this.notice = undefined;
    this.busy = false;
  }

  override willUpdate(): void {
    const payload = this.params[0] ?? '';
    if (payload !== this.decodedFrom) {
      this.decodedFrom = payload;
      this.decoded = undefined;
      this.distribution = undefined;
      this.plan = undefined;
      this.notice = undefined;
      void this.open(payload);
    }
  }

  private async open(payload: string): Promise<void> {
    const decoded = await decodeShareLink(payload);
    if (payload !== this.decodedFrom) return;
    this.decoded = decoded;
    if (!decoded.ok) return;
    try {
      const distribution = await demoClient().previewDistribution(decoded.definition, { buckets: 20 });
      if (distribution.scored > 0 && payload === this.decodedFrom) this.distribution = distribution;
    } catch {
      // No data here, or data without the lists the definition names: the summary stands alone.
    }
  }

  override render() {
    const t = shareText(this);
    const decoded = this.decoded;
    if (decoded === undefined) return html`<p data-testid="share-opening">${t('opening')}</p>`;
    if (!decoded.ok && decoded.reason !== 'invalid') {
      const text = t(`refused.${decoded.reason}`, {
        length: (this.params[0] ?? '').length.toLocaleString(),
        max: decoded.reason === 'too-long' ? shareLimits.maxPayloadChars.toLocaleString() : decoded.reason === 'too-large' ? sizeText(shareLimits.maxInflatedBytes) : shareLimits.maxNesting,
      });
      return html`<section data-testid="share-readonly">
        <p class="crumbs"><a href=${hrefOf('definitions')}>${t('back')}</a></p>
        <p class="message error" data-testid="share-refused" data-reason=${decoded.reason} role="alert">${text}</p>
      </section>`;
    }
    const definition = decoded.ok ? decoded.definition : decoded.value;
    return html`<div class="readonly" data-testid="share-readonly">
      <p class="crumbs"><a href=${hrefOf('definitions')}>${t('back')}</a></p>
      ${decoded.ok ? this.renderSummary(decoded.definition) : this.renderInvalid(decoded.issues)}
      <section>
        ${decoded.ok ? html`<button class="primary" data-testid="share-save" ?disabled=${this.busy || this.plan !== undefined} @click=${() => this.planSave(decoded.definition)}>${t('save')}</button>` : nothing}
        <button data-testid="copy-to-builder" ?disabled=${this.busy} @click=${() => this.copyToBuilder(definition)}>${t('copyToBuilder')}</button>
        ${this.renderPlan(definition as Definition)}
        ${this.notice ? html`<p class="message ${this.notice.kind}" data-testid="share-notice" role="status">${this.notice.text}
          ${this.notice.saved ? html` <a data-testid="share-open-saved" href=${hrefOf('definitions', this.notice.saved.id)}>${t('open')}</a>` : nothing}</p>` : nothing}
        <details><summary>${t('json')}</summary><pre data-testid="share-json">${JSON.stringify(definition, null, 2)}</pre></details>
      </section>
    </div>`;
  }

  /** The confirmation: what the save would replace, and the choices; cancel is first and focused. */
  private renderPlan(definition: Definition) {
    const t = shareText(this);
    const plan = this.plan;
    if (plan === undefined) return nothing;
    if (plan === 'checking') return html`<p class="meta">${t('checking')}</p>`;
    const cancel = html`<button data-testid="share-cancel" autofocus ?disabled=${this.busy} @click=${this.cancel}>${t('cancel')}</button>`;
    if (plan.kind === 'new') {
      return html`<div class="confirm" role="alertdialog" aria-labelledby="share-question" data-testid="share-confirm">
        <strong id="share-question">${t('confirmNew', { name: definition.name, id: definition.id })}</strong>
        <div class="choices">
          <button class="primary" data-testid="share-save-new" ?disabled=${this.busy} @click=${() => this.save(definition, plan)}>${t('confirmSave')}</button>
          ${cancel}
        </div>
      </div>`;
    }
    const { stored, latest, copyId } = plan;
    const latestIsDraft = latest?.status === 'draft';
    const nextVersion = latestIsDraft ? latest!.version : (latest?.version ?? stored.version) + 1;
    return html`<div class="confirm" role="alertdialog" aria-labelledby="share-question" data-testid="share-conflict">
      <strong id="share-question">${t('conflictTitle', { id: stored.id })}</strong>
      <p data-testid="share-conflict-stored">${t('conflictStored', { name: stored.name, version: stored.version, status: t(`status.${stored.status}`) })}
        ${latestIsDraft && latest!.version !== stored.version ? t('conflictDraft', { version: latest!.version, name: latest!.definition.name }) : nothing}</p>
      <p class="meta">${t('conflictSafe')}</p>
      <div class="choices">
        ${cancel}
        <button data-testid="share-keep-both" ?disabled=${this.busy} @click=${() => this.save(definition, plan, copyId)}>${t('keepBoth', { copyId })}</button>
        <button data-testid="share-new-version" ?disabled=${this.busy} @click=${() => this.save(definition, plan)}>${t(latestIsDraft ? 'replaceDraft' : 'newVersion', { version: nextVersion, id: stored.id })}</button>
      </div>
    </div>`;
  }

  /** Reads what is stored under the definition's id; nothing is written until a choice is made. */
  private async planSave(definition: Definition): Promise<void> {
    this.notice = undefined;
    this.plan = 'checking';
    try {
      this.plan = await savePlan(definition);
    } catch (error) {
      this.plan = undefined;
      this.notice = { kind: 'error', text: shareText(this)('failed', { message: errorText(error) }) };
    }
  }

  private readonly cancel = () => {
    this.plan = undefined;
    this.notice = { kind: 'ok', text: shareText(this)('cancelled') };
  };

  /**
   * Saves as the user chose (under `asId` for a copy), after checking that what is stored is still what the choice was shown
   * against (another tab may have saved meanwhile): if not, the new state is shown to choose again.
   */
  private async save(definition: Definition, chosen: SavePlan, asId = definition.id): Promise<void> {
    const t = shareText(this);
    this.busy = true;
    try {
      const now = await savePlan(definition);
      const changed = now.kind !== chosen.kind || (now.kind === 'conflict' && chosen.kind === 'conflict'
        && (now.stored.version !== chosen.stored.version || now.latest?.version !== chosen.latest?.version || now.latest?.status !== chosen.latest?.status || now.copyId !== chosen.copyId));
      if (changed) {
        this.plan = now;
        return;
      }
      const saved = await demoClient().saveDraft(asId === definition.id ? definition : { ...definition, id: asId });
      this.plan = undefined;
      this.notice = { kind: 'ok', text: t('saved', { name: saved.name, version: saved.version, id: saved.id }), saved };
    } catch (error) {
      this.notice = { kind: 'error', text: t('failed', { message: errorText(error) }) };
    } finally {
      this.busy = false;
    }
  }

  private renderInvalid(issues: ValidationIssue[]) {
    return html`<section>
      <h1>${shareText(this)('invalidTitle')}</h1>
      <ul data-testid="validation">${issues.map((issue) => html`<li>${issue.message}</li>`)}</ul>
    </section>`;
  }

  private renderSummary(definition: Definition) {
    const t = shareText(this);
    return html`
      <section>
        <p class="meta">${shareText(this)('readonly')}</p>
        <h1>${definition.name}</h1>
        ${definition.description ? html`<p>${definition.description}</p>` : nothing}
        <p class="lead">${t('summary', { name: definition.name, kind: kindWords(definition, this), objectType: definition.objectType, min: definition.limit?.min ?? -(definition.limit?.max ?? 100), max: definition.limit?.max ?? 100 })}</p>
        <p>${scopeWords(definition, this)}</p>
        ${thresholdWords(definition, this).map((line) => html`<p>${line}</p>`)}
      </section>
      ${definition.groups.map((group) => html`<section class="group" data-testid="share-group">
        <h3>${group.name || group.id}</h3>
        <p class="meta">${group.limit !== undefined ? t('groupLimit', { limit: group.limit }) : t('noGroupLimit')}
          ${group.decay ? t('groupDecay', { decay: decayWords(group.decay, this) }) : ''}</p>
        <ol>${group.rules.map((rule) => html`<li data-testid="share-rule">${rule.name ? html`<strong>${rule.name}:</strong> ` : nothing}${ruleWords(rule, this)}</li>`)}</ol>
      </section>`)}
      ${this.distribution ? html`<section>
        <h2>${shareText(this)('onData')}</h2>
        <p class="meta">${t('scored', { count: this.distribution.scored, objectType: definition.objectType })};
          ${orderedLabels(this.distribution.labels).map(([label, count]) => `${label}: ${count.toLocaleString(localeOf(this))}`).join(', ')}</p>
        <lead-score-histogram data-testid="share-histogram" .distribution=${this.distribution} .definition=${definition}></lead-score-histogram>
        ${definition.kind === 'combined' ? html`<lead-score-matrix .counts=${this.distribution.labels}></lead-score-matrix>` : nothing}
      </section>` : nothing}`;
  }

  /** Into the builder unsaved; a definition whose id is stored gets a fresh id, so no save there can replace it. */
  private async copyToBuilder(definition: unknown): Promise<void> {
    const t = shareText(this);
    const copy = structuredClone(definition) as Record<string, unknown> | null;
    let note = t('copied');
    try {
      const ids = new Set((await demoClient().listDefinitions()).map((info) => info.id));
      if (copy !== null && typeof copy === 'object' && typeof copy.id === 'string' && ids.has(copy.id)) {
        const copyId = freshId(copy.id, ids);
        note = t('copiedRenamed', { id: copy.id, copyId });
        copy.id = copyId;
      }
    } catch (error) {
      this.notice = { kind: 'error', text: t('failed', { message: errorText(error) }) };
      return;
    }
    handOffDraft(copy, note);
    navigate('definitions', 'new');
  }
}

/** What saving `definition` would replace: nothing (`new`), or the stored definition with its id. */
export async function savePlan(definition: Definition): Promise<SavePlan> {
  const client = demoClient();
  const infos = await client.listDefinitions();
  const stored = infos.find((info) => info.id === definition.id);
  if (!stored) return { kind: 'new' };
  const versions = await client.listVersions(definition.id).catch(() => [] as DefinitionVersion[]);
  const latest = versions.reduce<DefinitionVersion | undefined>((last, version) => (last === undefined || version.version > last.version ? version : last), undefined);
  return { kind: 'conflict', stored, latest, copyId: freshId(definition.id, new Set(infos.map((info) => info.id))) };
}

/** `<id>-copy`, or `<id>-copy-2`, `-3`… : the first that no stored definition has. */
export function freshId(id: string, taken: ReadonlySet<string>): string {
  let candidate = `${id}-copy`;
  for (let n = 2; taken.has(candidate); n++) candidate = `${id}-copy-${n}`;
  return candidate;
}

customElements.define('demo-share', DemoShareScreen);
registerScreen({ screen: 'share', tag: 'demo-share' });
