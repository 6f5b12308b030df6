import { html, LitElement } from 'lit';
import { registerScreen } from '../../app/router.ts';

/** Placeholder until the screen lands. */
export class DemoRecordsScreen extends LitElement {
  static override properties = { params: { attribute: false } };
  declare params: string[];

  override render() {
    return html`<h1>Records</h1>`;
  }
}

customElements.define('demo-records', DemoRecordsScreen);
registerScreen({ screen: 'records', tag: 'demo-records', label: 'Records' });
