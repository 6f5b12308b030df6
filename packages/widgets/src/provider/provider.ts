import { LeadProvider } from './provider.component.ts';

export { LeadProvider };

customElements.get('lead-provider') ?? customElements.define('lead-provider', LeadProvider);

declare global {
  interface HTMLElementTagNameMap {
    'lead-provider': LeadProvider;
  }
}
