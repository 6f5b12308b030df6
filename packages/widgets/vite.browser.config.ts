// The widgets for a page that can only add a <script> tag: `dist/browser/leadscore-widgets.js`
// registers every element; ECharts stays a separate chunk loaded only when a chart is shown, and the
// scoring worker a file of its own (scripts/browser-bundle.ts has the shared build).
// Build: `npm run build:browser` from the repository root.
import { browserBundle } from '../../scripts/browser-bundle.ts';

export default browserBundle(new URL('.', import.meta.url), 'src/leadscore-widgets.ts', 'leadscore-widgets.js');
