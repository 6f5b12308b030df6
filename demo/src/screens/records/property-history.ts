import { css, html, LitElement } from 'lit';
import type { PropertyView, RecordLifecycleView, RecordView } from '@leadscore/sdk';
import { localeOf, optionLabel } from '@leadscore/widgets';
import { recordsText } from './records-messages.ts';

/** Where the worker puts a value held "since always", before any recorded change (decision D20). */
const SINCE_ALWAYS_YEAR = 1;

/**
 * A record's properties as `getRecord` gives them: each one's value now, then every recorded change
 * (value, when, source), oldest first. Stages and lead statuses are named by their labels.
 */
export class DemoPropertyHistory extends LitElement {
  static override styles = css`
    :host { display: block; }
    .box { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font-size: 14px; }
    th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--demo-border); }
    thead th { color: var(--demo-muted); font-weight: 600; font-size: 13px; white-space: nowrap; }
    tbody th { font-weight: 600; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; white-space: nowrap; }
    td { overflow-wrap: anywhere; }
    ol { margin: 0; padding-left: 18px; }
    li { margin: 0 0 2px; }
    .muted { color: var(--demo-muted); }
    /* Narrow screens: each property a block of its own, its changes under its value. */
    @media (max-width: 600px) {
      table, tbody, tr, th, td { display: block; }
      thead { display: none; }
      tr { padding: 8px 0; border-bottom: 1px solid var(--demo-border); }
      th, td { border: none; padding: 2px 0; }
    }
  `;

  static override properties = {
    view: { attribute: false },
    lifecycle: { attribute: false },
  };

  declare view: RecordView | undefined;
  /** The record's lifecycle, for its pipeline's stage and lead-status labels. */
  declare lifecycle: RecordLifecycleView | undefined;

  private valueText(property: string, value: PropertyView['value']): string {
    const t = recordsText(this);
    const locale = localeOf(this);
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return t('noValue');
    if (typeof value === 'boolean') return value ? t('yes') : t('no');
    if (typeof value === 'number') return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
    if (Array.isArray(value)) return value.join(', ');
    if (property === 'lifecyclestage') {
      const stage = this.lifecycle?.stages.find((option) => option.id === value);
      return stage ? optionLabel(locale, 'stage', stage.id, stage.label) : value;
    }
    if (property === 'hs_lead_status') {
      const status = this.lifecycle?.leadStatuses.find((option) => option.id === value);
      return status ? optionLabel(locale, 'leadStatus', status.id, status.label) : value;
    }
    return value;
  }

  private whenText(at: string): string {
    if (new Date(at).getUTCFullYear() === SINCE_ALWAYS_YEAR) return recordsText(this)('sinceAlways');
    return new Intl.DateTimeFormat(localeOf(this), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
  }

  override render() {
    const t = recordsText(this);
    const properties = this.view?.properties ?? [];
    return html`<div class="box" tabindex="0" role="group" aria-label=${t('properties')}>
      <table data-testid="property-history">
        <thead><tr><th scope="col">${t('colProperty')}</th><th scope="col">${t('colValue')}</th><th scope="col">${t('colChanges')}</th></tr></thead>
        <tbody>
          ${properties.map((property) => html`<tr data-testid="property" data-property=${property.name}>
            <th scope="row">${property.name}</th>
            <td data-testid="property-value">${this.valueText(property.name, property.value)}</td>
            <td>${property.history.length === 0 ? html`<span class="muted">${t('noChanges')}</span>` : html`<ol data-testid="property-changes">
              ${property.history.map((change) => html`<li data-testid="property-change" data-at=${change.at}>${t('change', {
                value: this.valueText(property.name, change.value),
                when: this.whenText(change.at),
                source: t('source', { source: change.source ?? 'none' }),
              })}</li>`)}
            </ol>`}</td>
          </tr>`)}
        </tbody>
      </table>
    </div>`;
  }
}

customElements.define('demo-property-history', DemoPropertyHistory);

declare global {
  interface HTMLElementTagNameMap {
    'demo-property-history': DemoPropertyHistory;
  }
}
