// Every catalog the dashboard defines through the widgets' locale mechanism (`defineMessages` in
// demo/src): each Danish message has the English one's arguments, and both format as the reference
// ICU implementation formats them. Runs with the Node tests: it reads the catalogs, not the screens.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { argumentsOf, expectSameAsReference } from './message-format.test.ts';

interface Catalog {
  english: Record<string, string>;
  translations: Record<string, Record<string, string>>;
}

const defined: Catalog[] = [];

// The catalogs' only import: the real function would give each element its text; this one keeps
// the tables, so the test reads them without a DOM.
vi.mock('@leadscore/widgets', () => ({
  defineMessages: (english: Record<string, string>, translations: Record<string, Record<string, string>>) => {
    defined.push({ english, translations });
    return () => () => '';
  },
}));

const demoSource = fileURLToPath(new URL('../../../demo/src', import.meta.url));

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : []);
}

const catalogFiles = sourceFiles(demoSource).filter((file) => /\bdefineMessages\(/.test(readFileSync(file, 'utf8')));

describe('the dashboard\'s catalogs', () => {
  it('are found', () => {
    expect(catalogFiles.length).toBeGreaterThan(3);
  });

  for (const file of catalogFiles) {
    it(`${relative(demoSource, file)}: Danish has every message with the same arguments, and both format as intl-messageformat`, async () => {
      const before = defined.length;
      await import(file);
      const catalogs = defined.slice(before);
      expect(catalogs.length, 'a catalog module defines its catalog when imported').toBeGreaterThan(0);
      for (const { english, translations } of catalogs) {
        const danish = translations.da;
        expect(danish, 'a Danish table').toBeDefined();
        expect(Object.keys(danish!).sort()).toEqual(Object.keys(english).sort());
        for (const [key, pattern] of Object.entries(english)) {
          const arguments_ = [...argumentsOf(pattern).keys()].sort();
          expect([...argumentsOf(danish![key]!).keys()].sort(), `${key}: "${danish![key]}" has the arguments of "${pattern}"`).toEqual(arguments_);
          expectSameAsReference('en', pattern);
          expectSameAsReference('da', danish![key]!);
        }
      }
    });
  }
});
