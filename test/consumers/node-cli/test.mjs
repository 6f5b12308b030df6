// A Node project using @leadscore/worker as its README says: the `leadscore` command through npx,
// and the engine imported as an ES module. scoring.md §2.5, the seed's worked example: a contact
// who books one meeting (10), opens two marketing emails (2 × 2) and clicks three email links
// (3 × 5) scores sales 10 + marketing 19 = 29.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { scoreDataset, validateDefinition } from '@leadscore/worker';

const asOf = '2026-04-01T00:00:00Z';
const expected = { value: 29, groups: [['sales', 10], ['marketing', 19]] };
const summary = (result) => ({ value: result.value, groups: result.groups.map((group) => [group.id, group.value]) });

// The command line, as `npx leadscore` finds it in node_modules/.bin.
const printed = execFileSync('npx', ['--no-install', 'leadscore', 'score', '--definition', 'definition.json', '--data', 'data.json', '--as-of', asOf], { encoding: 'utf8' });
const lines = printed.trim().split('\n');
assert.equal(lines.length, 1, `one result line, got:\n${printed}`);
assert.deepEqual(summary(JSON.parse(lines[0])), expected);

assert.equal(execFileSync('npx', ['--no-install', 'leadscore', 'validate', '--definition', 'definition.json'], { encoding: 'utf8' }).trim(), 'ok');

// A user's mistake: one line naming the file and the path, exit code 1, no stack trace.
const broken = spawnSync('npx', ['--no-install', 'leadscore', 'score', '--definition', 'data.json', '--data', 'data.json'], { encoding: 'utf8' });
assert.equal(broken.status, 1);
assert.match(broken.stderr, /^data\.json: /m);
assert.doesNotMatch(broken.stderr, /\n\s+at /);

// The engine from code (README "The engine from code").
const definition = JSON.parse(readFileSync('definition.json', 'utf8'));
const checked = validateDefinition(definition);
assert.equal(checked.ok, true);
const [result] = scoreDataset(checked.value, JSON.parse(readFileSync('data.json', 'utf8')), { asOf });
assert.deepEqual(summary(result), expected);

console.log('leadscore scores the worked example 29 (sales 10, marketing 19), from npx and from code');
