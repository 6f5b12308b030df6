// `dist/browser/leadscore-embed.js`, what the embed snippet (snippet.js, docs/embed.md) loads: it
// loads the SDK's one-script bundle from beside itself and serves the calls queued on
// `window.leadscore` (embed-queue.ts). Small on purpose: the page's first request, with nothing of
// the SDK in it.
import { serveEmbed } from './embed-queue.ts';

// Not `new URL('./leadscore.js', import.meta.url)` written out: Vite would take that for an asset
// of this build and copy the SDK's source file.
const bundleFile = './leadscore.js';
serveEmbed(new URL(bundleFile, import.meta.url).href);
