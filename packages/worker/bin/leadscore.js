#!/usr/bin/env node
// The `leadscore` launcher (formats.md §4). In a repository checkout the TypeScript source is
// here, so it runs through tsx and needs no build; a published package ships only the compiled
// dist/bin/cli.js, so it imports that and never needs tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('./cli.ts', import.meta.url);

try {
  if (existsSync(fileURLToPath(source))) {
    const { register } = await import('tsx/esm/api');
    // The package's own tsconfig, not whatever tsconfig the caller's working directory holds.
    register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
    await import(source.href);
  } else {
    await import('../dist/bin/cli.js');
  }
} catch (error) {
  // The program itself failed to load (a broken checkout or build): ours, not the user's input.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`internal error: leadscore could not start: ${oneLine(message)}\n`);
  process.exitCode = 2;
}

function oneLine(text) {
  return text.split('\n').map((line) => line.trim()).filter(Boolean).join(' ');
}
