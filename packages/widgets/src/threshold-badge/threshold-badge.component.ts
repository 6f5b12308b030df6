import { html, LitElement, nothing } from 'lit';
import { baseStyles } from '../internal/base-styles.ts';
import { labelText, localeOf, translate } from '../internal/locale.ts';
import { thresholdBadgeStyles } from './threshold-badge.styles.ts';
import { tierOf } from './tier.ts';

/**
 * @summary A threshold label (high/medium/low or A1..C3) with its colour, a shape and its text —
 * never colour alone. Static: set `label`. Inside a score card it shows the card's label.
 *
 * @csspart base - The pill.
 * @csspart icon - The shape before the text (circle high, triangle medium, bar low).
 * @cssproperty --lead-color-high - Colour of high labels (and A1, A2, B1).
 * @cssproperty --lead-color-medium - Colour of medium labels (and A3, B2, C1).
 * @cssproperty --lead-color-low - Colour of low labels (and B3, C2, C3).
 */
export class LeadThresholdBadge extends LitElement {
  static override styles = [baseStyles, thresholdBadgeStyles];
  static override properties = {
    label: { type: String, reflect: true },
    theme: { type: String, reflect: true },
  };

  /** The threshold label to show; nothing renders without one. */
  declare label: string | null;
  /** `light` (default), `dark` or `auto`. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;

  constructor() {
    super();
    // Reactive properties are declared, not class fields: a field would shadow Lit's accessor.
    this.label = null;
  }

  override render() {
    if (!this.label) return nothing;
    const locale = localeOf(this);
    const text = labelText(locale, this.label);
    return html`<span part="base" role="img" aria-label=${translate(locale, 'labelAria', { label: text })} data-tier=${tierOf(this.label)}
      ><span part="icon" aria-hidden="true"></span><span aria-hidden="true">${text}</span></span
    >`;
  }
}
