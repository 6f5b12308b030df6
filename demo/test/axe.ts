// axe-core in a dashboard page (WCAG 2.1 A and AA), through the screens' shadow roots: one
// helper for the end-to-end tests instead of the same evaluate block in each file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from './harness.ts';

/** The violations inside `include` (selectors through shadow roots, e.g. [['demo-app', 'demo-definitions']]), one line each. */
export async function axeViolations(page: Page, include: string[][]): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8') });
  return page.evaluate(async (selectors) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const result = await axe.run({ include: selectors }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`);
  }, include);
}
