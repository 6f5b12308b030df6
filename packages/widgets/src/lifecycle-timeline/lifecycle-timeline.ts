import { LeadLifecycleTimeline } from './lifecycle-timeline.component.ts';

export { LeadLifecycleTimeline };
export type { LifecycleOptionLabel } from './lifecycle-timeline.component.ts';

customElements.get('lead-lifecycle-timeline') ?? customElements.define('lead-lifecycle-timeline', LeadLifecycleTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'lead-lifecycle-timeline': LeadLifecycleTimeline;
  }
}
