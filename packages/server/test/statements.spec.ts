// SQLite statements per accepted vote, counted on the real server: every statement better-sqlite3
// runs (`run`, `get`, `all`, `iterate`) while 300 connected viewers each cast one vote, in waves of
// 20 (small group commits, the unfavourable case). Budget: ≤ 3.
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { closeAll, POLL, startServer } from './helpers.js';

afterEach(closeAll);

it('stores a vote in at most 3 SQLite statements', async () => {
  const h = await startServer({
    limits: {
      viewerActions: { rate: 1_000, burst: 1_000 },
      connectionFrames: { rate: 1_000, burst: 1_000 },
      connectionsPerAddress: 1_000,
    },
  });
  await h.ops('POST', '/v1/rooms/r1/polls?open=true', POLL);
  const viewers = await Promise.all(
    Array.from({ length: 300 }, (_, i) => h.connect('r1', { viewer: `v${i}` })),
  );
  // Count from here: joining (reading each viewer's records and keys) is not part of a vote.
  const db = new BetterSqlite3(':memory:');
  const Statement = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<
    string,
    (...args: unknown[]) => unknown
  >;
  db.close();
  let statements = 0;
  const originals = Object.fromEntries(
    ['run', 'get', 'all', 'iterate'].map((name) => [name, Statement[name]!]),
  );
  for (const [name, original] of Object.entries(originals))
    Statement[name] = function (this: unknown, ...args: unknown[]) {
      statements++;
      return original.apply(this, args);
    };
  try {
    for (let wave = 0; wave < 300; wave += 20) {
      const acks = await Promise.all(
        viewers
          .slice(wave, wave + 20)
          .map((viewer, i) => viewer.vote('p1', [['red', 'blue', 'green'][i % 3]!])),
      );
      expect(acks.every((ack) => ack.ok)).toBe(true);
    }
    h.server.flush();
  } finally {
    Object.assign(Statement, originals);
  }
  const perVote = statements / 300;
  console.log(`SQLite statements per vote: ${perVote.toFixed(3)} (${statements} for 300 votes)`);
  expect(perVote).toBeLessThanOrEqual(3);
});
