import { html, LitElement } from 'lit';
import { registerScreen } from '../../app/router.ts';
import type { DemoLifecycleReports } from './lifecycle-reports.ts';
import './lifecycle-reports.ts';
import { reportsText } from './reports-messages.ts';
import { reportStyles } from './report-styles.ts';
import './score-reports.ts';
import './weekly-labels.ts';

/**
 * Reports (`#/reports`): the lifecycle funnel and time in stage (lifecycle-reports.ts), then the
 * score reports (score-reports.ts). Every figure is computed in the worker: the page reads no
 * records. The heading and each part's progress show at once, each part filling in as its answer
 * arrives, so the screen never sits blank. The score reports start once the lifecycle reports are
 * in: asked at once, the worker interleaves them and both arrive late (at 10,000 contacts the
 * lifecycle reports take about 1.4 s alone, the three score reports 2.8 s).
 */
export class DemoReportsScreen extends LitElement {
  static override styles = reportStyles;
  static override properties = { params: { attribute: false } };
  declare params: string[];
  /** Made here, so the score reports can start after its first answer (the worker then answers it first). */
  private readonly lifecycle = document.createElement('demo-lifecycle-reports') as DemoLifecycleReports;

  constructor() {
    super();
    this.params = [];
  }

  override render() {
    const t = reportsText(this);
    return html`
      <h1>${t('title')}</h1>
      <p class="lead">${t('lead')}</p>
      ${this.lifecycle}
      <demo-score-reports .startAfter=${this.lifecycle.firstAnswer}></demo-score-reports>
      <demo-weekly-labels .startAfter=${this.lifecycle.firstAnswer}></demo-weekly-labels>
    `;
  }
}

customElements.define('demo-reports', DemoReportsScreen);
registerScreen({ screen: 'reports', tag: 'demo-reports', label: 'nav.reports' });
