// Figures the READMEs state, against the code they describe: the server's limits and tables, and
// no hard size figures (sizes come from `pnpm sizes`; the only byte counts allowed are budgets).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_LATENCY_ALLOWANCE_MS } from '@onair/core/feature.js';
import { MAX_FRAME_BYTES } from '@onair/core/protocol.js';
import { BOARD_SIZE, LOCK_AFTER_CLOSE_MS, QUIZ_LIMITS, STREAK_STEPS } from '@onair/games/model.js';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../packages/server/src/db.js';
import { createServer, DEFAULT_LIMITS } from '../../packages/server/src/index.js';
import { ROOT, readmes } from './snippets.js';

const serverReadme = readFileSync(join(ROOT, 'packages/server/README.md'), 'utf8');
const budgets = JSON.parse(readFileSync(join(ROOT, 'test/bench/budgets.json'), 'utf8')) as {
  widget: number;
  entries: Record<string, number>;
  targets: Record<string, number>;
};

describe('the server README', () => {
  it('states the live channel limits the server applies', () => {
    const limits = DEFAULT_LIMITS;
    const { connectionFrames, viewerActions, resyncs, helloTimeoutMs } = limits;
    for (const claim of [
      `> ${connectionFrames.rate} frames/s (burst ${connectionFrames.burst})`,
      `> ${viewerActions.rate} actions/s (burst ${viewerActions.burst})`,
      `${resyncs.burst} at once, then one per ${1 / resyncs.rate} s per connection`,
      `No hello within ${helloTimeoutMs / 1000} s`,
      `frame > ${MAX_FRAME_BYTES / 1024} KiB`,
      `| ${limits.maxBufferedBytes / 1024 / 1024} MiB buffered `,
      `| ${limits.maxTotalBufferedBytes / 1024 / 1024} MiB `,
      `| ${limits.connectionsPerAddress} `,
      `| ${limits.maxRooms.toLocaleString('en')} `,
    ])
      expect(serverReadme).toContain(claim);
  });

  it("lists the SQLite tables the server creates, in the live file and in the collector's", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onair-claims-'));
    const server = createServer({
      opsToken: 'claims-ops-token-0123456789',
      db: join(dir, 'onair.db'),
      port: 0,
    });
    await server.listen();
    await server.close();
    const tablesOf = (file: string) => {
      const db = openSqlite(file);
      const names = (
        db
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
          )
          .all() as { name: string }[]
      ).map((row) => row.name);
      db.close();
      return names;
    };
    const live = tablesOf(join(dir, 'onair.db'));
    const events = tablesOf(join(dir, 'events.db'));
    rmSync(dir, { recursive: true, force: true });
    const listed = (pattern: RegExp) =>
      [...(pattern.exec(serverReadme)?.[1] ?? '').matchAll(/`(\w+)`/g)].map((m) => m[1]).sort();
    expect(listed(/the live channel's \(`--db`; tables ([^;]+);/)).toEqual(live);
    expect(listed(/the\s+collector's \(`events\.db` next to it; table ([^,]+),/)).toEqual(events);
  });
});

describe('the games README', () => {
  it('states the quiz limits, the latency allowance and the streak bonus the code applies', () => {
    const readme = readFileSync(join(ROOT, 'packages/games/README.md'), 'utf8');
    const n = (value: number) => value.toLocaleString('en');
    for (const claim of [
      `**capped at ${MAX_LATENCY_ALLOWANCE_MS} ms**`,
      `then every ${DEFAULT_LIMITS.latencyPingMs / 1000} s`,
      `locks ${LOCK_AFTER_CLOSE_MS} ms after its close`,
      `A room holds at most ${QUIZ_LIMITS.quizzesPerRoom} quizzes; a quiz takes at most ${n(QUIZ_LIMITS.playersPerQuiz)} players`,
      `\`questions\` (1–${QUIZ_LIMITS.questions})`,
      `\`options\` (${QUIZ_LIMITS.options.min}–${QUIZ_LIMITS.options.max} of ≤ ${QUIZ_LIMITS.option})`,
      `\`timeLimitMs\` (${n(QUIZ_LIMITS.timeLimitMs.min)}–${n(QUIZ_LIMITS.timeLimitMs.max)}, default ${n(QUIZ_LIMITS.timeLimitMs.default)})`,
      `\`points\` (${QUIZ_LIMITS.points.min}–${n(QUIZ_LIMITS.points.max)}, default ${n(QUIZ_LIMITS.points.default)}`,
      `(1–${QUIZ_LIMITS.name} characters)`,
      `min(n − 1, ${STREAK_STEPS}) / 10`,
      `top ${BOARD_SIZE}`,
    ])
      expect(readme).toContain(claim);
  });
});

describe('size figures', () => {
  it('no README states a size other than a budget', () => {
    const allowed = new Set([
      budgets.widget,
      ...Object.values(budgets.entries),
      ...Object.values(budgets.targets),
    ]);
    const figures: string[] = [];
    for (const file of readmes()) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(\d[\d,.]*)(?:\s|-)?(KB|kB|bytes|byte|B brotli|B gzip)\b/g)) {
        const value = Number(match[1]!.replace(/,/g, '')) * (/kb/i.test(match[2]!) ? 1000 : 1);
        if (!allowed.has(value)) figures.push(`${file.slice(ROOT.length + 1)}: ${match[0]}`);
      }
    }
    expect(figures).toEqual([]);
  });
});
