// The SDK for a plain `<script type="module">`: `dist/browser/leadscore.js` and the scoring worker
// it starts, `leadscore-worker.js` (scripts/browser-bundle.ts has the shared build); the embed
// snippet's loader, `leadscore-embed.js`, and the snippet itself, `leadscore-snippet.html`
// (docs/embed.md). The module build (`dist/*.js`) starts the same worker file.
// Build: `npm run build:browser` (from the repository root) or `vite build -c vite.browser.config.ts`.
import { browserBundle } from '../../scripts/browser-bundle.ts';
import { embedSnippet } from '../../scripts/embed-snippet.ts';

export default browserBundle(new URL('.', import.meta.url), 'src/client-api.ts', 'leadscore.js', {
  entries: { 'leadscore-embed': 'src/browser/leadscore-embed.ts' },
  plugins: [embedSnippet(new URL('src/browser/snippet.js', import.meta.url))],
});
