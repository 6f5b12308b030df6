// The dashboard's message catalogs as the languages test reads them: every demo `*-messages.ts` and
// `*-text.ts` file, and the widgets' locales, parsed with the TypeScript compiler (their tables are
// module-private `const en` / `const da`, so they are read, not imported: a new catalog is found
// without anyone exporting anything).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { repoRoot } from './harness.ts';

export interface Catalog {
  file: string;
  en: Record<string, string>;
  da: Record<string, string>;
}

/** The catalog files under demo/src, and the widgets' English and Danish tables. */
export function readCatalogs(): Catalog[] {
  const demoFiles = filesUnder(join(repoRoot, 'demo/src')).filter((file) => /-(messages|text)\.ts$/.test(file));
  const catalogs = demoFiles.map((file) => ({ file: file.slice(repoRoot.length + 1), ...tablesOf(readFileSync(file, 'utf8')) }));
  const locales = join(repoRoot, 'packages/widgets/src/internal/locales');
  catalogs.push({
    file: 'packages/widgets/src/internal/locales',
    en: tablesOf(readFileSync(join(locales, 'en.ts'), 'utf8')).en,
    da: tablesOf(readFileSync(join(locales, 'da.ts'), 'utf8')).da,
  });
  return catalogs.filter((catalog) => Object.keys(catalog.en).length + Object.keys(catalog.da).length > 0);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/** The string properties of the file's top-level `en` and `da` object literals. */
function tablesOf(source: string): { en: Record<string, string>; da: Record<string, string> } {
  const file = ts.createSourceFile('catalog.ts', source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const tables = { en: {} as Record<string, string>, da: {} as Record<string, string> };
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const name = declaration.name.getText(file);
      if ((name !== 'en' && name !== 'da') || !declaration.initializer) continue;
      let literal: ts.Expression = declaration.initializer;
      while (ts.isAsExpression(literal) || ts.isSatisfiesExpression(literal) || ts.isParenthesizedExpression(literal)) literal = literal.expression;
      if (!ts.isObjectLiteralExpression(literal)) continue;
      for (const property of literal.properties) {
        if (!ts.isPropertyAssignment(property)) continue;
        const value = stringOf(property.initializer);
        const key = ts.isStringLiteral(property.name) || ts.isIdentifier(property.name) ? property.name.text : property.name.getText(file);
        if (value !== undefined) tables[name][key] = value;
      }
    }
  }
  return tables;
}

function stringOf(node: ts.Expression): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const [left, right] = [stringOf(node.left), stringOf(node.right)];
    return left !== undefined && right !== undefined ? left + right : undefined;
  }
  return undefined;
}

/**
 * A message's literal text between its arguments: "Storing {done} of {total} records…" gives
 * "Storing", "of", "records…"; a plural's or select's branches give their own literal text.
 */
export function fragmentsOf(message: string): string[] {
  const fragments: string[] = [];
  // What each open brace opened: an argument ("{count, plural, one "), whose name and keywords are
  // not text, or a branch of one ("{# change}"), which is.
  const open: ('argument' | 'branch')[] = [];
  let current = '';
  for (const char of message) {
    if (char === '{' || char === '}') {
      fragments.push(current);
      current = '';
      if (char === '{') open.push(open.at(-1) === 'argument' ? 'branch' : 'argument');
      else open.pop();
      continue;
    }
    if (open.at(-1) === 'argument') continue;
    current += char === '#' && open.length > 0 ? ' ' : char;
  }
  fragments.push(current);
  return fragments.map((fragment) => fragment.replace(/\s+/g, ' ').trim()).filter((fragment) => /\p{L}/u.test(fragment));
}
