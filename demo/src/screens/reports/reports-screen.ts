import { html, LitElement } from 'lit';
import { registerScreen } from '../../app/router.ts';

/** Placeholder until the screen lands. */
export class DemoReportsScreen extends LitElement {
  static override properties = { params: { attribute: false } };
  declare params: string[];

  override render() {
    return html`<h1>Reports</h1>`;
  }
}

customElements.define('demo-reports', DemoReportsScreen);
registerScreen({ screen: 'reports', tag: 'demo-reports', label: 'Reports' });
