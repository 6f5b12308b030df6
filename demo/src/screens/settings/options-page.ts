// Settings › Stages and lead statuses: a pipeline's stages (contacts or companies) and the lead
// statuses, each edited by an option editor; the page holds the settings they save.
import { html, LitElement } from 'lit';
import type { LifecycleSettings } from '@leadscore/sdk';
import { demoClient } from '../../app/client.ts';
import './option-editor.ts';
import { messageOf } from './option-editor.ts';
import { settingsText } from './settings-messages.ts';
import { settingsStyles } from './settings-styles.ts';

export class DemoSettingsOptions extends LitElement {
  static override styles = settingsStyles;
  static override properties = { settings: { state: true }, objectType: { state: true }, error: { state: true } };
  declare settings: LifecycleSettings | undefined;
  declare objectType: 'contact' | 'company';
  declare error: string | undefined;

  constructor() {
    super();
    this.settings = undefined;
    this.objectType = 'contact';
    this.error = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    demoClient().getLifecycleSettings().then((settings) => (this.settings = settings), (error) => (this.error = messageOf(error)));
  }

  override render() {
    const t = settingsText(this);
    if (this.error) return html`<p class="message error" role="alert">${t('readFailed', { message: this.error })}</p>`;
    const settings = this.settings;
    if (!settings) return html`<p role="status">${t('loading')}</p>`;
    const saved = (event: CustomEvent<LifecycleSettings>) => (this.settings = event.detail);
    return html`
      <section data-testid="settings-stages" @settings-saved=${saved}>
        <h2>${t('stagesTitle')}</h2>
        <p class="hint">${t('stagesIntro')}</p>
        <label class="inline">${t('pipeline')}
          <select data-testid="pipeline" @change=${(e: Event) => (this.objectType = (e.target as HTMLSelectElement).value as 'contact' | 'company')}>
            ${(['contact', 'company'] as const).map((type) => html`<option value=${type} ?selected=${type === this.objectType}>${t(`pipeline.${type}`)}</option>`)}
          </select></label>
        <demo-option-editor field="stage" .objectType=${this.objectType} .options=${settings.stages[this.objectType]}></demo-option-editor>
      </section>
      <section data-testid="settings-statuses" @settings-saved=${saved}>
        <h2>${t('statusesTitle')}</h2>
        <demo-option-editor field="leadStatus" .options=${settings.leadStatuses}></demo-option-editor>
      </section>`;
  }
}

customElements.define('demo-settings-options', DemoSettingsOptions);
