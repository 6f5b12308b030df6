// What a site's server (or build) does with the SDK's embed snippet (docs/embed.md): takes the
// shipped `leadscore-snippet.html`, points it at its own copy of the loader and renders it into the
// page's <head>. Writes site/snippet.html from snippet-page.html.
import { readFileSync, writeFileSync } from 'node:fs';

const snippet = readFileSync('node_modules/@leadscore/sdk/dist/browser/leadscore-snippet.html', 'utf8');
const documented = '/vendor/leadscore/leadscore-embed.js';
if (!snippet.includes(documented)) throw new Error(`the snippet no longer loads ${documented}, the URL docs/embed.md says to replace`);
const page = readFileSync('snippet-page.html', 'utf8').replace(
  /^\s*<!-- leadscore snippet:.*-->$/m,
  snippet.trim().replace(documented, '/vendor/leadscore-sdk/leadscore-embed.js'),
);
writeFileSync('site/snippet.html', page);
