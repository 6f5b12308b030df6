import { html, LitElement, nothing } from 'lit';
import { baseStyles } from '../internal/base-styles.ts';
import { engineName } from '../internal/engine-name.ts';
import { labelText, localeOf, translate } from '../internal/locale.ts';
import { sourceText } from '../internal/source-text.ts';
import { thresholdBadgeStyles } from './threshold-badge.styles.ts';
import { tierOf } from './tier.ts';

/**
 * @summary A threshold label (high/medium/low or A1..C3) with its colour, a shape and its text —
 * never colour alone. Static: set `label`. Inside a score card it shows the card's label. With
 * `engine` (and `as-of`) it marks a score computed elsewhere and imported (`importScores`): the
 * engine's name after the label, "Computed in DuckDB as of …" in its accessible name and tooltip.
 *
 * @csspart base - The pill.
 * @csspart icon - The shape before the text (circle high, triangle medium, bar low).
 * @csspart source - The engine's name of an imported score.
 * @cssproperty --lead-color-high - Colour of high labels (and A1, A2, B1).
 * @cssproperty --lead-color-medium - Colour of medium labels (and A3, B2, C1).
 * @cssproperty --lead-color-low - Colour of low labels (and B3, C2, C3).
 */
export class LeadThresholdBadge extends LitElement {
  static override styles = [baseStyles, thresholdBadgeStyles];
  static override properties = {
    label: { type: String, reflect: true },
    engine: { type: String, reflect: true },
    asOf: { type: String, attribute: 'as-of', reflect: true },
    theme: { type: String, reflect: true },
  };

  /** The threshold label to show; nothing renders without one. */
  declare label: string | null;
  /** The engine that computed an imported score (`duckdb`, `spark`, …; a row's or a result's `source.engine`); none for the worker's own. */
  declare engine: string | null;
  /** The instant an imported score was scored as of (ISO-8601, `source.asOf`). */
  declare asOf: string | null;
  /** `light` (default), `dark` or `auto`. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;

  constructor() {
    super();
    // Reactive properties are declared, not class fields: a field would shadow Lit's accessor.
    this.label = null;
    this.engine = null;
    this.asOf = null;
  }

  override render() {
    if (!this.label) return nothing;
    const locale = localeOf(this);
    const text = labelText(locale, this.label);
    const computed = this.engine ? computedText(locale, this.engine, this.asOf) : undefined;
    const name = computed ? translate(locale, 'labelAriaComputed', { label: text, computed }) : translate(locale, 'labelAria', { label: text });
    return html`<span part="base" role="img" aria-label=${name} title=${computed ?? nothing} data-tier=${tierOf(this.label)}
      ><span part="icon" aria-hidden="true"></span><span aria-hidden="true">${text}</span>${this.engine
        ? html`<span part="source" class="source" aria-hidden="true">${engineName(this.engine)}</span>`
        : nothing}</span
    >`;
  }
}

/** The mark's sentence; without an instant (a static badge given only an engine), the engine's name alone. */
function computedText(locale: string, engine: string, asOf: string | null): string {
  return asOf && !Number.isNaN(Date.parse(asOf)) ? sourceText(locale, { engine, asOf }) : engineName(engine);
}
