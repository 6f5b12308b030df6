// packages/worker/bin/spark/run_sql.py over a small CSV dataset: once with `--master local[2]` and
// once on the standalone cluster of scripts/spark/cluster.sh (stopped afterwards, even when the
// test fails), both compared with rows worked out by hand. Run by `npm run test:spark`; the root
// vitest config does not include this folder, so `npm test` needs no Python or Java.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutJson } from '../../packages/worker/src/warehouse/tables.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const runSql = join(root, 'packages/worker/bin/spark/run_sql.py');
const clusterSh = join(root, 'scripts/spark/cluster.sh');

// Instants are epoch milliseconds; the window below is [1000, 3000).
const files: Record<string, string> = {
  'records.csv': ['record_id,object_type,created_at_ms,position', 'r1,contact,1000,1', 'r2,contact,2000,2', 'r3,company,,3'].join('\n'),
  // Columns in another order than the layout's: the header names them.
  'events.csv': [
    'event_id,record_id,occurred_at_ms,event_type,position',
    'e1,r1,1500,page_view,1',
    'e2,r1,2500,Page_View,2',
    'e3,r1,9000,page_view,3', // outside the window
    'e4,r1,1600,form_submit,4', // not a page view
    'e5,r2,1200,PAGE_VIEW,5',
    'e6,r2,,page_view,6', // no instant: a page view, in no window
  ].join('\n'),
  'event_properties.csv': [
    'event_id,name,item_index,item_key,item_number,item_bool,item_time',
    'e1,duration,0,,1.5,,',
    'e1,referrer,0,"x, y",,,', // not a duration: the join must filter it out
    'e2,duration,0,,2.25,,',
    'e3,duration,0,,4,,',
    'e5,duration,0,,,,', // NULL number
  ].join('\n'),
  'record_properties.csv': [
    'record_id,name,item_index,item_key,item_number,item_bool,item_time',
    'r1,lifecycle,0,Lead,,,',
    'r1,tags,0,Alpha,,,', // a property with two items
    'r1,tags,1,beta,,,',
    'r2,lifecycle,0,CUSTOMER,,,',
    'r2,score,0,,0.1,true,',
    'r3,lifecycle,0,,,,', // NULL key
  ].join('\n'),
  // associations, list_members and property_history have no file: empty views.
  'layout.json': JSON.stringify(layoutJson()),
};

const sqlText = `
WITH page_views AS (
  SELECT e.record_id,
         count(CASE WHEN e.occurred_at_ms >= 1000 AND e.occurred_at_ms < 3000 THEN 1 END) AS in_window,
         count(*) AS all_views,
         sum(p.item_number) AS duration_sum
  FROM events e
  LEFT JOIN event_properties p ON p.event_id = e.event_id AND p.name = 'duration'
  WHERE lower(e.event_type) = 'page_view'
  GROUP BY e.record_id
),
tags AS (
  SELECT record_id, count(*) AS n, sort_array(collect_list(lower(item_key))) AS keys
  FROM record_properties WHERE name = 'tags' GROUP BY record_id
),
lifecycle AS (SELECT record_id, item_key FROM record_properties WHERE name = 'lifecycle' AND item_index = 0),
score AS (SELECT record_id, item_number FROM record_properties WHERE name = 'score'),
lists AS (SELECT record_id, count(*) AS n FROM list_members GROUP BY record_id)
SELECT r.record_id,
       r.created_at_ms,
       coalesce(v.in_window, 0) AS page_views_in_window,
       coalesce(v.all_views, 0) AS page_views,
       v.duration_sum,
       lower(l.item_key) = 'lead' AS is_lead,
       coalesce(t.n, 0) AS n_tags,
       t.keys AS tags,
       s.item_number AS score,
       s.item_number * 3 AS score_x3,
       coalesce(m.n, 0) AS lists
FROM records r
LEFT JOIN page_views v ON v.record_id = r.record_id
LEFT JOIN tags t ON t.record_id = r.record_id
LEFT JOIN lifecycle l ON l.record_id = r.record_id
LEFT JOIN score s ON s.record_id = r.record_id
LEFT JOIN lists m ON m.record_id = r.record_id
ORDER BY r.record_id;
`;

// By hand. r1: e1, e2 in the window, e3 a page view outside it, e4 no page view; durations
// 1.5 + 2.25 + 4 = 7.75. r2: e5 in the window, e6 without an instant; its one duration is NULL, so
// the sum is NULL. r3: no events; its lifecycle key is NULL, so the compare is NULL. DOUBLEs print
// as Python's repr: 0.1 * 3 is 0.30000000000000004.
const expected = [
  '{"record_id":"r1","created_at_ms":1000,"page_views_in_window":2,"page_views":3,"duration_sum":7.75,"is_lead":true,"n_tags":2,"tags":["alpha","beta"],"score":null,"score_x3":null,"lists":0}',
  '{"record_id":"r2","created_at_ms":2000,"page_views_in_window":1,"page_views":2,"duration_sum":null,"is_lead":false,"n_tags":0,"tags":null,"score":0.1,"score_x3":0.30000000000000004,"lists":0}',
  '{"record_id":"r3","created_at_ms":null,"page_views_in_window":0,"page_views":0,"duration_sum":null,"is_lead":null,"n_tags":0,"tags":null,"score":null,"score_x3":null,"lists":0}',
];

let dir = '';
let data = '';
let sqlFile = '';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const started = performance.now();
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 280_000,
    killSignal: 'SIGKILL',
  });
  return {
    status: result.status,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    seconds: (performance.now() - started) / 1000,
  };
}

function query(master: string, sql = sqlFile, dataDir = data): Run {
  return run('python3', [runSql, '--master', master, '--data', dataDir, '--sql', sql]);
}

function rows(result: Run): string[] {
  expect(result.stderr, 'stderr').not.toMatch(/Traceback/);
  expect(result.status, `exit status; stderr:\n${result.stderr}`).toBe(0);
  return result.stdout.split('\n').filter((line) => line !== '');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadscore-spark-test-'));
  data = join(dir, 'data');
  mkdirSync(data);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(data, name), `${text}\n`);
  sqlFile = join(dir, 'query.sql');
  writeFileSync(sqlFile, sqlText);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('run_sql.py', () => {
  it('runs the query with --master local[2]', () => {
    const result = query('local[2]');
    console.log(`run_sql.py local[2]: ${result.seconds.toFixed(1)} s`);
    expect(rows(result)).toEqual(expected);
  });

  it('reads a folder written in parts as the union of its top and its parts', () => {
    // r1's rows in part-0, r2's in part-1 (with an empty events file's header only), r3 at the top.
    const parted = join(dir, 'parted');
    const mine = (id: string, text: string) => {
      const [header, ...lines] = text.split('\n');
      const own = lines.filter((line) => line.startsWith(`${id},`) || line.includes(`,${id},`) || (id === 'r1' && /^e[1-4],/.test(line)) || (id === 'r2' && /^e[56],/.test(line)));
      return [header, ...own].join('\n');
    };
    for (const [k, id] of [[0, 'r1'], [1, 'r2']] as const) {
      mkdirSync(join(parted, `part-${k}`), { recursive: true });
      for (const name of ['records.csv', 'events.csv', 'event_properties.csv', 'record_properties.csv']) writeFileSync(join(parted, `part-${k}`, name), `${mine(id, files[name]!)}\n`);
    }
    writeFileSync(join(parted, 'records.csv'), `${mine('r3', files['records.csv']!)}\n`);
    writeFileSync(join(parted, 'record_properties.csv'), `${mine('r3', files['record_properties.csv']!)}\n`);
    writeFileSync(join(parted, 'layout.json'), files['layout.json']!);
    expect(rows(query('local[2]', sqlFile, parted))).toEqual(expected);
  });

  it('runs the query on the standalone cluster of cluster.sh', () => {
    // Its own state folder, so a cluster the user runs is left alone.
    const env = { LEADSCORE_SPARK_STATE: join(dir, 'cluster') };
    try {
      const start = run(clusterSh, ['start'], env);
      console.log(`cluster.sh start: ${start.seconds.toFixed(1)} s`);
      expect(start.status, `cluster.sh start; stderr:\n${start.stderr}`).toBe(0);
      const master = start.stdout.trim().split('\n').pop() ?? '';
      expect(master).toMatch(/^spark:\/\/127\.0\.0\.1:\d+$/);
      const status = run(clusterSh, ['status'], env);
      expect(status.stderr).toMatch(/2 alive worker\(s\)/);

      const result = query(master);
      console.log(`run_sql.py on ${master}: ${result.seconds.toFixed(1)} s`);
      expect(rows(result)).toEqual(expected);
    } finally {
      const stop = run(clusterSh, ['stop'], env);
      console.log(`cluster.sh stop: ${stop.seconds.toFixed(1)} s`);
      expect(stop.status, `cluster.sh stop; stderr:\n${stop.stderr}`).toBe(0);
    }
  });

  it('reports bad input on one line, exit 1, without a traceback', () => {
    const missing = query('local[2]', sqlFile, join(dir, 'no-such-folder'));
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split('\n')).toEqual([`run_sql: no dataset folder at ${join(dir, 'no-such-folder')}`]);

    const badSql = join(dir, 'bad.sql');
    writeFileSync(badSql, 'SELECT no_such_column FROM records');
    const bad = query('local[2]', badSql);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    const lines = bad.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^run_sql: SQL error: .*no_such_column/);
  });
});
