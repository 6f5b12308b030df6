import { html, LitElement } from 'lit';
import { registerScreen } from '../../app/router.ts';

/** Placeholder until the screen lands. */
export class DemoDefinitionsScreen extends LitElement {
  static override properties = { params: { attribute: false } };
  declare params: string[];

  override render() {
    return html`<h1>Definitions</h1>`;
  }
}

customElements.define('demo-definitions', DemoDefinitionsScreen);
registerScreen({ screen: 'definitions', tag: 'demo-definitions', label: 'Definitions' });
