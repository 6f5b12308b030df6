// The embed page's one module script. A customer's page loads the built bundle instead
// (<script type="module" src="…/leadscore-widgets.js">); here Vite serves and bundles the same
// bundle from its sources. Importing it registers every lead- element.
import { createClient } from '../../packages/widgets/src/leadscore-widgets.ts';

/** The dashboard's database (demo/src/app/client.ts): the embed shows the dashboard's data. */
const DB_NAME = 'leadscore-demo';

/** Where a customer's page would load the bundle from: its own copy of dist/browser/. */
const BUNDLE_URL = '/vendor/leadscore/leadscore-widgets.js';

interface Shown {
  recordId: string;
  definitionId: string;
  definitionName: string;
  label: string | null;
}

/**
 * Stands in for the CRM's server, which knows which record the page shows: the highest-scored
 * contact of the first active contact definition that has scores. A short-lived client of its own,
 * closed before the widgets' provider opens the database with its `db-name`.
 */
async function pickRecord(): Promise<Shown | undefined> {
  const client = createClient({ dbName: DB_NAME });
  try {
    const definitions = (await client.listDefinitions()).filter((info) => info.status === 'active' && info.objectType === 'contact');
    for (const info of definitions) {
      const page = await client.queryRecords({ definitionId: info.id, order: 'desc', limit: 1 });
      const top = page.items[0];
      if (top) return { recordId: top.recordId, definitionId: info.id, definitionName: info.name, label: top.label ?? null };
    }
    return undefined;
  } finally {
    await client.close();
  }
}

function element<T extends Element = HTMLElement>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`The embed page lacks ${selector}`);
  return found;
}

/** The HTML a customer pastes: the script tag and the provider with its elements, attribute by attribute. */
function snippetOf(provider: Element): string {
  const widgets = [...provider.querySelectorAll('*')].filter((node) => node.localName.startsWith('lead-'));
  const tagOf = (node: Element, indent: string) => {
    const attributes = [...node.attributes]
      .filter((attribute) => !attribute.name.startsWith('data-'))
      .map((attribute) => ` ${attribute.name}="${attribute.value}"`)
      .join('');
    return `${indent}<${node.localName}${attributes}></${node.localName}>`;
  };
  const providerOpen = tagOf(provider, '').replace(/<\/lead-provider>$/, '');
  return [
    `<script type="module" src="${BUNDLE_URL}"></script>`,
    providerOpen,
    ...widgets.map((node) => tagOf(node, '  ')),
    '</lead-provider>',
  ].join('\n');
}

/** Sets the ids (and the badge's label) on the elements inside `provider`. */
function applyIds(provider: Element, shown: Shown): void {
  for (const node of provider.querySelectorAll('lead-score-card, lead-score-history')) {
    node.setAttribute('record-id', shown.recordId);
    node.setAttribute('definition-id', shown.definitionId);
  }
  provider.querySelector('lead-lifecycle-timeline')?.setAttribute('record-id', shown.recordId);
  if (shown.label) provider.querySelector('lead-threshold-badge')?.setAttribute('label', shown.label);
}

async function copySnippet(text: string): Promise<void> {
  const status = element('#copy-status');
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = 'Copied to the clipboard.';
  } catch {
    // No clipboard permission (an insecure origin, a strict browser): select it for Ctrl+C instead.
    const range = document.createRange();
    range.selectNodeContents(element('#snippet'));
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
    status.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
  }
}

async function main(): Promise<void> {
  const provider = element('lead-provider');
  const shown = await pickRecord().catch((error: unknown) => {
    console.error('Leadscore embed: could not read the demo database', error);
    return undefined;
  });
  let snippet: string;
  if (shown) {
    element('#record-title').textContent = shown.recordId;
    element('#definition-title').textContent = shown.definitionName;
    applyIds(provider, shown);
    if (!shown.label) element('.badge-box').hidden = true;
    snippet = snippetOf(provider);
  } else {
    element('#no-data').hidden = false;
    element('#record-title').textContent = '(no scored contact yet)';
    element('.columns').hidden = true;
    // The snippet shows placeholders; a detached copy, so no element starts loading.
    const example = provider.cloneNode(true) as Element;
    applyIds(example, { recordId: 'CONTACT_ID', definitionId: 'DEFINITION_ID', definitionName: '', label: 'high' });
    snippet = snippetOf(example);
  }
  element('#snippet').textContent = snippet;
  element('#copy-snippet').addEventListener('click', () => void copySnippet(snippet));
  document.body.dataset.embedReady = shown ? 'scored' : 'empty';
}

void main();
