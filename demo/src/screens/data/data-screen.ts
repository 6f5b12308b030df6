import { html, LitElement } from 'lit';
import { registerScreen } from '../../app/router.ts';

/** Placeholder until the screen lands. */
export class DemoDataScreen extends LitElement {
  static override properties = { params: { attribute: false } };
  declare params: string[];

  override render() {
    return html`<h1>Data</h1>`;
  }
}

customElements.define('demo-data', DemoDataScreen);
registerScreen({ screen: 'data', tag: 'demo-data', label: 'Data' });
