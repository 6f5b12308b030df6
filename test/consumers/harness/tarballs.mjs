// The packed tarballs as a registry would serve them: what each holds, its metadata, its source
// maps, the widgets' custom elements manifest and the size budgets (size-budget.json). Every
// problem is listed, not only the first.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { referencesOf } from '../../../packages/widgets/custom-elements-references.mjs';

const packageNames = ['worker', 'sdk', 'widgets'];

/** Unpacks and checks the tarballs; returns each package's folder and files (`{ worker: { dir, files }, … }`). */
export function checkTarballs(root, packs, into) {
  const problems = [];
  const shipped = {};
  for (const name of packageNames) {
    const dir = join(into, name);
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['xzf', join(packs, `leadscore-${name}.tgz`), '-C', dir, '--strip-components=1']);
    shipped[name] = { dir, files: filesOf(dir) };
    const report = (message) => problems.push(`@leadscore/${name}: ${message}`);
    checkContents(root, name, shipped[name], report);
    checkSourceMaps(shipped[name], report);
  }
  checkManifest(shipped.widgets, (message) => problems.push(`@leadscore/widgets custom-elements.json: ${message}`));
  checkBudgets(root, shipped, (message) => problems.push(`size budget: ${message}`));
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return shipped;
}

/** README, LICENSE, metadata, every entry point present, no build leftovers. */
function checkContents(root, name, { dir, files }, report) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (!files.includes('README.md')) report('no README.md');
  if (!files.includes('LICENSE')) report('no LICENSE');
  else if (readFileSync(join(dir, 'LICENSE'), 'utf8') !== readFileSync(join(root, 'LICENSE'), 'utf8')) report("LICENSE differs from the repository's");
  for (const field of ['license', 'repository', 'homepage', 'description']) if (!manifest[field]) report(`package.json has no "${field}"`);
  if (manifest.repository && manifest.repository.directory !== `packages/${name}`) report(`package.json "repository.directory" is not packages/${name}`);
  for (const file of files) if (file.endsWith('.tsbuildinfo')) report(`ships the build cache ${file}`);
  const targets = [manifest.main, manifest.types, ...Object.values(manifest.bin ?? {}), ...exportTargets(manifest.exports)];
  for (const target of targets.filter(Boolean)) if (!files.includes(posix.normalize(target))) report(`package.json names ${target}, which the tarball lacks`);
  // `./src/…` entries are for the repository's own builds, which read the sources.
  for (const pattern of (manifest.sideEffects || []).filter((entry) => !entry.startsWith('./src/'))) {
    if (!files.some((file) => matches(pattern, file))) report(`"sideEffects" names ${pattern}, which matches no shipped file`);
  }
}

/** Every `sourceMappingURL` names a shipped map, and every map's sources are embedded or shipped. */
function checkSourceMaps({ dir, files }, report) {
  for (const file of files.filter((file) => /\.(m?js|d\.ts)$/.test(file))) {
    const found = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(dir, file), 'utf8'));
    if (!found) continue;
    const map = posix.join(posix.dirname(file), found[1]);
    if (!files.includes(map)) report(`${file} points at the source map ${map}, which the tarball lacks`);
  }
  for (const file of files.filter((file) => file.endsWith('.map'))) {
    const map = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const missing = map.sources.filter((source, i) => typeof map.sourcesContent?.[i] !== 'string' && !files.includes(posix.join(posix.dirname(file), map.sourceRoot ?? '', source)));
    if (missing.length > 0) report(`${file} maps to ${missing.length} source(s) neither embedded nor shipped, e.g. ${missing[0]}`);
  }
}

/**
 * For editors and frameworks: every module the manifest names is shipped, every element's
 * attributes are public fields, and every event says its type (a CustomEvent with its detail).
 */
function checkManifest({ dir, files }, report) {
  const manifest = JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8'));
  const tags = [];
  for (const module of manifest.modules) {
    if (!files.includes(module.path)) report(`module ${module.path} is not in the tarball`);
    for (const reference of referencesOf(module)) {
      if (reference.module && !files.includes(reference.module.replace(/^\//, ''))) report(`${module.path} refers to ${reference.module}, which is not in the tarball`);
    }
    for (const declaration of module.declarations ?? []) {
      if (!declaration.tagName) continue;
      tags.push(declaration.tagName);
      const members = new Map((declaration.members ?? []).map((member) => [member.name, member]));
      for (const attribute of declaration.attributes ?? []) {
        const field = members.get(attribute.fieldName);
        if (!field || field.privacy === 'private' || field.privacy === 'protected') report(`<${declaration.tagName}> lists the attribute "${attribute.name}" of a field that is not public`);
      }
      for (const event of declaration.events ?? []) {
        if (!/^CustomEvent<\w+>$/.test(event.type?.text ?? '')) report(`<${declaration.tagName}>'s event ${event.name} has no CustomEvent<Detail> type`);
      }
    }
  }
  const expected = ['lead-lifecycle-timeline', 'lead-provider', 'lead-score-card', 'lead-score-compare', 'lead-score-histogram', 'lead-score-history', 'lead-score-matrix', 'lead-threshold-badge'];
  if (tags.sort().join() !== expected.join()) report(`declares the elements ${tags.join(', ')}; expected ${expected.join(', ')}`);
}

/** The shipped files against size-budget.json: gzip sizes in kB (1000 bytes). */
function checkBudgets(root, shipped, report) {
  const { budgets } = JSON.parse(readFileSync(join(root, 'test', 'consumers', 'size-budget.json'), 'utf8'));
  for (const budget of budgets) {
    const [, name, pattern] = /^@leadscore\/(\w+)\/(.+)$/.exec(budget.file);
    const { dir, files } = shipped[name];
    const found = files.filter((file) => matches(pattern, file));
    if (found.length !== 1) {
      report(`${budget.file} matches ${found.length} files (${found.join(', ') || 'none'}); a budget is for exactly one`);
      continue;
    }
    const kB = gzipSize(join(dir, found[0])) / 1000;
    if (kB > budget.gzipKB) report(`${budget.file} is ${kB.toFixed(1)} kB gzipped, over its budget of ${budget.gzipKB} kB (${budget.why})`);
    else console.log(`[consumers] size: @leadscore/${name}/${found[0]} ${kB.toFixed(1)} kB gzipped (budget ${budget.gzipKB} kB)`);
  }
}

export function gzipSize(path) {
  return gzipSync(readFileSync(path)).length;
}

/** The files under `dir`, as paths relative to it with `/`. */
function filesOf(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

/** The files an `exports` map names (patterns with `*` aside). */
function exportTargets(exports) {
  if (typeof exports === 'string') return exports.includes('*') ? [] : [exports];
  if (!exports || typeof exports !== 'object') return [];
  return Object.values(exports).flatMap(exportTargets);
}

/** `pattern` (`./dist/x.js`, `dist/browser/*.js`) matches `file`: `*` stands for one path segment's characters. */
function matches(pattern, file) {
  const source = posix.normalize(pattern).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${source}$`).test(file);
}

