import { html, LitElement } from 'lit';
import { registerScreen } from '../../app/router.ts';
import './lifecycle-reports.ts';
import { reportsText } from './reports-messages.ts';
import { reportStyles } from './report-styles.ts';
import './score-reports.ts';

/**
 * Reports (`#/reports`): the lifecycle funnel and time in stage (lifecycle-reports.ts), then the
 * score reports (score-reports.ts). Every figure is computed in the worker: the page reads no
 * records. The heading and each part's progress show at once, each part filling in as its answer
 * arrives, so the screen never sits blank.
 */
export class DemoReportsScreen extends LitElement {
  static override styles = reportStyles;
  static override properties = { params: { attribute: false } };
  declare params: string[];

  constructor() {
    super();
    this.params = [];
  }

  override render() {
    const t = reportsText(this);
    return html`
      <h1>${t('title')}</h1>
      <p class="lead">${t('lead')}</p>
      <demo-lifecycle-reports></demo-lifecycle-reports>
      <demo-score-reports></demo-score-reports>
    `;
  }
}

customElements.define('demo-reports', DemoReportsScreen);
registerScreen({ screen: 'reports', tag: 'demo-reports', label: 'nav.reports' });
