// The self-registering bundle for pages that can only add a <script> tag: importing this file (built
// into dist/browser/leadscore-widgets.js, with the scoring worker and the lazy ECharts chunk beside
// it) registers every lead- element. It also exports createClient, so such a page can make the
// client a <lead-provider> hands down, or let the provider make one from its db-name attribute.
import './internal/all-elements.ts';

export { createClient, LeadscoreError } from '@leadscore/sdk';
export * from './index.ts';
