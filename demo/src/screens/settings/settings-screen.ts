// `#/settings/<section>`: lists, lifecycle stages and lead statuses, and the lifecycle automations,
// which the SDK could otherwise set only from code. Each section is its own element; every change
// says what it will do before it is saved.
import { html, LitElement } from 'lit';
import { hrefOf, registerScreen } from '../../app/router.ts';
import './lists-page.ts';
import './options-page.ts';
import './automations-page.ts';
import { settingsText, type SettingsMessage } from './settings-messages.ts';
import { settingsStyles } from './settings-styles.ts';

const sections = ['lists', 'stages', 'automations'] as const;
type Section = (typeof sections)[number];

export class DemoSettings extends LitElement {
  static override styles = settingsStyles;
  static override properties = { params: { attribute: false } };
  declare params: string[];

  constructor() {
    super();
    this.params = [];
  }

  private get section(): Section {
    const wanted = this.params[0];
    return (sections as readonly string[]).includes(wanted ?? '') ? wanted as Section : 'lists';
  }

  override render() {
    const t = settingsText(this);
    const section = this.section;
    return html`
      <h1>${t('title')}</h1>
      <nav aria-label=${t('sections')}>
        <ul>${sections.map((name) => html`<li><a href=${hrefOf('settings', name)} data-testid="settings-nav-${name}"
          aria-current=${section === name ? 'page' : 'false'}>${t(`section.${name}` as SettingsMessage)}</a></li>`)}</ul>
      </nav>
      ${section === 'lists' ? html`<demo-settings-lists></demo-settings-lists>`
        : section === 'stages' ? html`<demo-settings-options></demo-settings-options>`
        : html`<demo-settings-automations></demo-settings-automations>`}`;
  }
}

customElements.define('demo-settings', DemoSettings);
registerScreen({ screen: 'settings', tag: 'demo-settings', label: 'nav.settings' });
