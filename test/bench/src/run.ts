// `pnpm bench [sizes] [browser] [server] [--runs N] [--quick]`: runs the chosen groups (all by
// default), prints one table on stdout and writes test/bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { browserInfo, browserScenarios } from './browser.js';
import { RESULTS } from './paths.js';
import { fmt, guarded, log, type ScenarioResult } from './report.js';
import { CHILD_BENCHES, childBench } from './server.js';
import { PEERS, type SizeRow, sizes, versionOf } from './sizes.js';

const GROUPS = ['sizes', 'browser', 'server'] as const;
type Group = (typeof GROUPS)[number];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '3' },
    quick: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(
    'pnpm bench [sizes] [browser] [server] [--runs N] [--quick]\n' +
      '  groups: all when none is named. --runs: repetitions of each runtime scenario (default 3).\n' +
      '  --quick: 1 run, 2 s tally stream — for trying changes, not for figures.\n',
  );
  process.exit(0);
}

const unknown = positionals.filter((p) => !(GROUPS as readonly string[]).includes(p));
if (unknown.length) {
  process.stderr.write(`unknown group(s): ${unknown.join(', ')}; expected ${GROUPS.join(', ')}\n`);
  process.exit(2);
}
const groups: Group[] = positionals.length ? (positionals as Group[]) : [...GROUPS];
const runs = values.quick ? 1 : Math.max(1, Math.min(Number(values.runs) || 3, 20));
const tallyMs = values.quick ? 2000 : 10_000;

const started = new Date();
const t0 = performance.now();
const load = loadavg();
const results: Partial<Record<Group, ScenarioResult[]>> = {};

if (groups.includes('sizes')) {
  log('sizes…');
  results.sizes = [await guarded('sizes', 'Bundle sizes', sizes)];
}
if (groups.includes('browser')) {
  log('browser…');
  results.browser = await browserScenarios({ runs, tallyMs }, guarded).catch((error: Error) => [
    { id: 'browser', title: 'Browser runtime', status: 'failed' as const, note: error.message, figures: [] },
  ]);
}
if (groups.includes('server')) {
  log('server…');
  const server: ScenarioResult[] = [];
  for (const bench of CHILD_BENCHES)
    server.push(await guarded(bench.id, bench.title, () => childBench(bench, runs)));
  results.server = server;
}

// ── Table ───────────────────────────────────────────────────────────────────────────────────
const out: string[] = [];
const pad = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));
const num = (s: string, n: number) => s.padStart(n);

const sizeRows = results.sizes?.[0]?.details as SizeRow[] | undefined;
if (results.sizes?.[0] && !sizeRows)
  out.push(`SIZES — ${results.sizes[0].status}: ${results.sizes[0].note ?? ''}`, '');
if (sizeRows) {
  out.push(
    "SIZES — bytes; esbuild minified production ESM with all dependencies; gzip -9, brotli q11; peers' CSS not counted",
    `${pad('entry', 28)}${num('raw', 11)}${num('gzip', 10)}${num('brotli', 10)}${num('lazy br', 9)}${num('budget', 9)}  ${pad('check', 7)}${pad('ours / peer (brotli)', 40)}${num('ANCHORS', 9)}`,
  );
  for (const r of sizeRows) {
    const check = r.withinBudget === undefined ? '' : r.withinBudget ? 'within' : 'OVER';
    const vs =
      r.kind === 'peer'
        ? r.ratio !== undefined
          ? `${r.versus} ${r.ratio.toFixed(2)}×`
          : `${r.versus}: not built yet`
        : '';
    out.push(
      `${pad(r.id, 28)}${num(fmt(r.raw), 11)}${num(fmt(r.gzip), 10)}${num(fmt(r.brotli), 10)}${num(r.lazy ? fmt(r.lazy.brotli) : '', 9)}${num(r.budget ? fmt(r.budget) : '', 9)}  ${pad(check, 7)}${pad(vs, 40)}${num(r.anchor ? fmt(r.anchor) : '', 9)}`,
    );
  }
  out.push('');
}

for (const group of ['browser', 'server'] as const) {
  const scenarios = results[group];
  if (!scenarios) continue;
  out.push(
    `${group.toUpperCase()} — median of ${runs} run(s), spread min–max`,
    `${pad('figure', 58)}${num('median', 11)}  ${pad('spread', 21)}${pad('unit', 16)}${num('runs', 4)}`,
  );
  for (const s of scenarios) {
    out.push(`${s.title}${s.status === 'ok' ? '' : ` — ${s.status.toUpperCase()}: ${s.note ?? ''}`}`);
    for (const f of s.figures)
      out.push(
        `  ${pad(f.name, 56)}${num(fmt(f.median), 11)}  ${pad(f.runs > 1 ? `${fmt(f.min)}–${fmt(f.max)}` : '', 21)}${pad(f.unit, 16)}${num(String(f.runs), 4)}`,
      );
  }
  out.push('');
}
const seconds = (performance.now() - t0) / 1000;
out.push(
  `${started.toISOString()} · ${cpus().length}× ${cpus()[0]?.model.trim() ?? 'cpu'} · load avg at start ${load.map((l) => l.toFixed(2)).join(' ')} · Node ${process.version} · ${seconds.toFixed(0)} s`,
);
process.stdout.write(`${out.join('\n')}\n`);

// ── latest.json ──────────────────────────────────────────────────────────────────────────────
const peerPackages = [...new Set(PEERS.map((p) => p.pkg!))];
const report = {
  date: started.toISOString(),
  durationSeconds: Math.round(seconds),
  command: `pnpm bench ${process.argv.slice(2).join(' ')}`.trim(),
  groups,
  runs,
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    platform: `${platform()} ${release()} ${arch()}`,
    loadAverageAtStart: load,
    node: process.version,
    chromium: browserInfo.version || undefined,
  },
  versions: Object.fromEntries(
    ['onair', '@onair/telemetry', 'esbuild', 'playwright-core', 'tsx', ...peerPackages, 'survey-core'].map(
      (p) => [p, versionOf(p)],
    ),
  ),
  results,
};
mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
log(`wrote ${join(RESULTS, 'latest.json')}`);
