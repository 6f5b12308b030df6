// Runs the real `leadscore` command in a child process, as a user runs it; shared by the CLI tests.
// It is the compiled `dist/bin/cli.js` that the published package runs (built by the global setup,
// test/build/build-worker.ts); the launcher `bin/leadscore.js` has tests of its own.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ExpectStatic } from 'vitest';

export const builtCli = fileURLToPath(new URL('../../dist/bin/cli.js', import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `leadscore ...args` with `cwd` as the working directory, so messages name files as typed. */
export function runLeadscore(cwd: string, ...args: string[]): Promise<Run> {
  return runFile(cwd, process.execPath, [builtCli, ...args]);
}

export function runFile(cwd: string, file: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/** Bad input is reported in sentences, never with a stack trace. */
export function expectNoStackTrace(expect: ExpectStatic, run: Run): void {
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toMatch(/\w*Error\b/);
}
