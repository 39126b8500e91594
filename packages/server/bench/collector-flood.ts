/**
 * Collector-flood benchmark (not a test): `onair-server` as a child process with a temporary SQLite
 * file; viewers vote over real WebSockets while four unauthenticated senders flood the collector in
 * alternating windows (`flood.ts`). Reports vote-ack latency quiet and flooded side by side, the
 * budget (flooded p99 ≤ 3× quiet p99 on the same run), what the flood got, and the server's memory.
 *
 *   tsx packages/server/bench/collector-flood.ts [--seconds 20] [--rate 200] [--voters 40] [--json]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { CHILD_OPS_TOKEN, startChildServer } from '../test/child-server.js';
import { runFloodScenario } from './flood.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    rate: { type: 'string', default: '200' },
    voters: { type: 'string', default: '40' },
    json: { type: 'boolean', default: false },
  },
});
/** The budget: vote-ack p99 during the flood at most this many times the quiet p99. */
const BUDGET = 3;

const server = await startChildServer();
try {
  const rssBefore = server.rss() / 2 ** 20;
  const result = await runFloodScenario({
    url: server.url,
    opsToken: CHILD_OPS_TOKEN,
    seconds: Math.min(Number(values.seconds), 120),
    rate: Math.min(Number(values.rate), 400),
    voters: Math.min(Number(values.voters), 200),
  });
  const ratio = result.flooded.p99 / result.quiet.p99;
  const round = (n: number) => Number(n.toFixed(2));
  const report = {
    loadAverage: loadavg().map(round),
    votes: { quiet: result.quiet.votes, flooded: result.flooded.votes, refused: result.refused },
    ackLatencyMs: {
      quiet: { p50: round(result.quiet.p50), p99: round(result.quiet.p99), max: round(result.quiet.max) },
      flooded: {
        p50: round(result.flooded.p50),
        p99: round(result.flooded.p99),
        max: round(result.flooded.max),
      },
    },
    p99Ratio: round(ratio),
    withinBudget: ratio <= BUDGET,
    flood: {
      requests: result.flood.requests,
      answers: result.flood.byStatus,
      eventsStored: result.flood.eventsAccepted,
      seconds: result.flood.seconds,
    },
    serverRssMb: { before: Math.round(rssBefore), after: Math.round(server.rss() / 2 ** 20) },
  };
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const l = report.ackLatencyMs;
    const rows: [string, string][] = [
      ['vote ack p50 / p99 / max, quiet', `${l.quiet.p50} / ${l.quiet.p99} / ${l.quiet.max} ms`],
      ['vote ack p50 / p99 / max, flooded', `${l.flooded.p50} / ${l.flooded.p99} / ${l.flooded.max} ms`],
      [
        'flooded p99 ÷ quiet p99',
        `${report.p99Ratio} (budget ≤ ${BUDGET}: ${report.withinBudget ? 'within' : 'OVER'})`,
      ],
      ['votes quiet / flooded', `${report.votes.quiet} / ${report.votes.flooded}`],
      ['flood requests by status', JSON.stringify(report.flood.answers)],
      ['flood events stored', String(report.flood.eventsStored)],
      ['server RSS before / after', `${report.serverRssMb.before} / ${report.serverRssMb.after} MB`],
      ['load average', report.loadAverage.join(' ')],
    ];
    for (const [k, v] of rows) process.stdout.write(`${k.padEnd(36)} ${v}\n`);
  }
} finally {
  await server.close();
}
