// The SDK for a plain `<script type="module">`: `dist/browser/leadscore.js` and the scoring worker
// it starts, `leadscore-worker.js` (scripts/browser-bundle.ts has the shared build).
// Build: `npm run build:browser` (from the repository root) or `vite build -c vite.browser.config.ts`.
import { browserBundle } from '../../scripts/browser-bundle.ts';

export default browserBundle(new URL('.', import.meta.url), 'src/index.ts', 'leadscore.js');
