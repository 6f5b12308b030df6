// What the README and docs/widgets.md tell a user, held to what the consumer projects do and to
// the files the tarballs ship: the sizes their tables state, and the framework set-up they show.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSize } from './tarballs.mjs';

/** A stated size may drift this much before the document must be updated. */
const SIZE_TOLERANCE = 0.05;

/** The documents, and the packages whose `dist/browser/` files their size tables name. */
const documents = { 'README.md': ['sdk', 'widgets'], 'docs/widgets.md': ['widgets'] };

/**
 * The framework set-up the docs show, as the consumer project writes it. docs/widgets.md must show
 * each; any line of a document naming a note's `keyword` must show it exactly so.
 */
const frameworkNotes = [
  { keyword: 'isCustomElement:', snippet: "isCustomElement: (tag) => tag.startsWith('lead-')", project: 'vue/vite.config.ts' },
  { snippet: "import '@leadscore/widgets/react';", project: 'react/src/App.tsx' },
];

export function checkDocs(root, shipped) {
  const problems = [];
  for (const { snippet, project } of frameworkNotes) {
    if (!readFileSync(join(root, 'test', 'consumers', project), 'utf8').includes(snippet)) {
      problems.push(`test/consumers/${project} no longer has \`${snippet}\`, which the docs show`);
    }
  }
  for (const [document, packages] of Object.entries(documents)) {
    const text = readFileSync(join(root, document), 'utf8');
    const report = (message) => problems.push(`${document}: ${message}`);
    checkSizes(text, packages.map((name) => shipped[name]), report);
    checkFrameworkNotes(document, text, report);
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

/**
 * Each table row naming a file (`name.js`, or `name-*.js` for a hashed chunk) with a size
 * `N kB (M kB)`, raw and gzipped, is within 5% of that file in the tarballs.
 */
function checkSizes(text, packages, report) {
  const rows = text.matchAll(/^\|\s*`([\w.*-]+\.js)`\s*\|.*\|\s*([\d.]+) kB \(([\d.]+) kB\)\s*\|\s*$/gm);
  for (const [, name, raw, gzip] of rows) {
    const pattern = new RegExp(`^dist/browser/${name.replace(/\./g, '\\.').replace(/\*/g, '[^/]+')}$`);
    const path = packages.flatMap(({ dir, files }) => files.filter((file) => pattern.test(file)).map((file) => join(dir, file)))[0];
    if (!path) {
      report(`states the size of ${name}, which is not shipped in dist/browser/`);
      continue;
    }
    const actual = { raw: statSync(path).size / 1000, gzip: gzipSize(path) / 1000 };
    for (const [kind, stated] of [['raw', Number(raw)], ['gzip', Number(gzip)]]) {
      // Half the 0.1 kB the docs print sizes to, so a small file's rounding is no failure.
      if (Math.abs(actual[kind] - stated) > Math.max(stated * SIZE_TOLERANCE, 0.05)) report(`states ${name} is ${stated} kB (${kind}); it is ${actual[kind].toFixed(1)} kB`);
    }
  }
}

function checkFrameworkNotes(document, text, report) {
  for (const { keyword, snippet, project } of frameworkNotes) {
    if (document === 'docs/widgets.md' && !text.includes(snippet)) report(`does not show \`${snippet}\` (as test/consumers/${project} does)`);
    for (const line of keyword ? text.split('\n').filter((candidate) => candidate.includes(keyword)) : []) {
      if (!line.includes(snippet)) report(`shows "${line.trim()}"; the tested set-up is \`${snippet}\` (test/consumers/${project})`);
    }
  }
}

