// Lucky draws on every host: entry conditions met and not met (join, poll, quiz, survey, chat
// keyword, follow — the last two reported by the host), the live entrant count, duplicate entries
// from two connections, the close on the server clock, the 30-day win limit (also across a
// restart), "not won recently first" tiers, and a reveal that verifies with verifyDraw.

import type { AckFrame } from '@onair/core/protocol.js';
import { type DrawProof, type DrawRecord, type Exclusion, verifyDraw } from '@onair/games/model.js';
import { describe, expect } from 'vitest';
import { type Host, T0, type Viewer } from './hosts.js';
import { said, scenario, type Transcript } from './scenario.js';

const DAY = 86_400_000;
const draw = (id: string, more: object = {}) => ({
  id,
  prize: { name: 'Lipstick set', image: 'https://cdn.example/prize.png', quantity: 1 },
  durationMs: 60_000,
  ...more,
});
const drawOf = (viewer: Viewer, id = 'd1') => viewer.state['draws']?.[id] as DrawRecord | undefined;
const enter = (viewer: Viewer, id = 'd1', key?: string) => viewer.act('draw.enter', { draw: id }, key);
const code = (ack: AckFrame) => (ack.ok ? 'ok' : ack.error.code);

/** Everything the draw published, read as a viewer reads it, for verifyDraw. */
async function proofOf(viewer: Viewer, id = 'd1'): Promise<DrawProof> {
  const record = drawOf(viewer, id)!;
  const read = async (name: string) => {
    const info = record.lists!.find((l) => l.name === name)!;
    const items: unknown[] = [];
    for (let chunk = 0; chunk < info.chunks; chunk++) {
      const ack = await viewer.act('draw.list', { draw: id, list: name, chunk });
      if (!ack.ok) throw new Error(ack.error.message);
      items.push(...(ack.result['items'] as unknown[]));
    }
    return { items, sha256: info.sha256 };
  };
  const tiers = [];
  for (const info of record.lists!.filter((l) => l.name.startsWith('tier'))) {
    const { items, sha256 } = await read(info.name);
    tiers.push({ ids: items as string[], sha256 });
  }
  const excluded = await read('excluded');
  return {
    id,
    commitment: record.commitment,
    seed: record.seed!,
    quantity: record.prize.quantity,
    tiers,
    excluded: { rows: excluded.items as Exclusion[], sha256: excluded.sha256 },
    winners: (await read('winners')).items as string[],
  };
}

/**
 * A transcript entry with viewer keys and list hashes made host-neutral: the server names viewers
 * by signed ids (`s:`), the in-page room by anonymous ones (`a:`), so their lists hash differently.
 */
const neutral = <T>(value: T): T =>
  JSON.parse(
    JSON.stringify(value)
      .replace(/"[as]:/g, '"v:')
      .replace(/"sha256":"[0-9a-f]{64}"/g, '"sha256":"…"'),
  );

/** Records `value` host-neutral, and returns it as it is. */
function keep<T>(t: Transcript, label: string, value: T): T {
  t.log(label, neutral(value));
  return value;
}

async function close(host: Host, t: Transcript, id: string): Promise<void> {
  const answer = await host.command('draw.close', { draw: id });
  keep(t, 'draw.close', answer);
  expect(answer.ok).toBe(true);
}

const key = (host: Host, id: string) => `${host.who(id).signed ? 's' : 'a'}:${id}`;

describe('lucky draw conformance', () => {
  scenario(
    'entry conditions met and not met; the countdown closes it; the reveal verifies',
    async (host, t) => {
      await t.refused(
        host,
        'draw.create',
        draw('d1', { prize: { name: 'X', image: 'javascript:alert(1)', quantity: 1 } }),
        'invalid_body',
        'prize.image',
      );
      await t.refused(
        host,
        'draw.create',
        draw('d1', { prize: { name: 'X', quantity: 10_001 } }),
        'invalid_body',
        'prize.quantity',
      );
      await t.refused(
        host,
        'draw.create',
        draw('d1', { conditions: [{ type: 'dance' }] }),
        'invalid_body',
        'conditions[0].type',
      );
      const { durationMs: _, ...undated } = draw('d1');
      await t.refused(host, 'draw.create', undated, 'invalid_body', 'durationMs');
      await t.refused(host, 'draw.create', { ...undated, closesAt: T0 + 5_000 }, 'invalid_body', 'closesAt');
      await t.refused(
        host,
        'draw.create',
        { ...draw('d1'), closesAt: T0 + 60_000 },
        'invalid_body',
        'closesAt',
      );
      await t.ok(host, 'poll.create', {
        poll: {
          id: 'p1',
          question: 'Which colour?',
          options: [
            { id: 'red', label: 'Red' },
            { id: 'blue', label: 'Blue' },
          ],
        },
        open: true,
      });
      await t.ok(host, 'quiz.create', {
        quiz: {
          id: 'q1',
          title: 'Warm-up',
          questions: [{ text: 'Pick B', options: ['A', 'B'], correct: [1], timeLimitMs: 10_000 }],
        },
      });
      await t.ok(host, 'quiz.start', { quiz: 'q1' });
      await t.ok(host, 'survey.create', {
        survey: {
          id: 's1',
          title: 'Tonight',
          pages: [{ questions: [{ id: 'rate', type: 'rating', title: 'Rate us' }] }],
        },
        open: true,
      });
      const conditions = [
        { type: 'join' },
        { type: 'poll', poll: 'p1' },
        { type: 'quiz', quiz: 'q1' },
        { type: 'survey', survey: 's1' },
        { type: 'chat', keyword: '抽奖' },
        { type: 'follow' },
      ];
      // The chat before the draw exists does not count.
      await t.ok(host, 'chat.report', { ...host.who('alice'), text: '我要抽奖!' });
      await host.advance(1_000);
      const created = await t.ok(
        host,
        'draw.create',
        draw('d1', { conditions, prize: { name: 'Lipstick', quantity: 2 } }),
      );
      const commitment = (created.result['draw'] as DrawRecord).commitment;
      expect(commitment).toMatch(/^[0-9a-f]{64}$/);
      const alice = await host.join('alice');
      const bob = await host.join('bob');
      // The public record names the commitment, never the seed.
      expect(keep(t, 'open', drawOf(alice))).toMatchObject({
        status: 'open',
        entrants: 0,
        seed: null,
        commitment,
        closesAt: T0 + 61_000,
      });
      expect(JSON.stringify(alice.state)).not.toContain('drawSecrets');

      const steps: [string, () => Promise<unknown>, string][] = [
        ['poll', () => alice.act('poll.vote', { poll: 'p1', choice: ['red'] }), 'conditions[1]'],
        ['quiz', () => alice.act('quiz.answer', { quiz: 'q1', question: 0, choice: 1 }), 'conditions[2]'],
        ['survey', () => alice.act('survey.submit', { survey: 's1', answers: { rate: 4 } }), 'conditions[3]'],
        [
          'chat',
          () => host.command('chat.report', { ...host.who('alice'), text: '抽奖 抽奖' }),
          'conditions[4]',
        ],
        ['follow', () => host.command('follow.report', host.who('alice')), 'conditions[5]'],
      ];
      for (const [what, meet, path] of steps) {
        const refused = await enter(alice);
        keep(t, `before ${what}`, said(refused));
        expect(refused, what).toMatchObject({ ok: false, error: { code: 'condition_unmet', path } });
        const met = (await meet()) as { ok: boolean };
        expect(met.ok, what).toBe(true);
      }
      const entered = await enter(alice);
      expect(keep(t, 'entered', said(entered))).toMatchObject({
        ok: true,
        result: { draw: 'd1', entrants: 1 },
      });
      // Bob meets nothing; host chat before his name: a keyword in other words is not the keyword.
      await t.ok(host, 'chat.report', { ...host.who('bob'), text: 'hello' });
      expect(code(await enter(bob))).toBe('condition_unmet');
      await host.settle();
      expect(drawOf(bob)?.entrants).toBe(1);
      await t.refused(host, 'chat.report', { ...host.who('bob'), text: '' }, 'invalid_body', 'text');

      await host.advance(59_999);
      expect(drawOf(alice)?.status).toBe('open');
      await host.advance(1);
      expect(code(await enter(bob))).toBe('draw_closed');
      const revealed = drawOf(bob)!;
      expect(keep(t, 'revealed', revealed)).toMatchObject({
        status: 'revealed',
        revealedAt: T0 + 61_000,
        winners: [key(host, 'alice')],
        lists: [
          { name: 'tier0', count: 1 },
          { name: 'excluded', count: 0 },
          { name: 'winners', count: 1 },
        ],
      });
      const result = await alice.act('draw.result', { draw: 'd1' });
      expect(keep(t, 'result', said(result))).toMatchObject({
        ok: true,
        result: { entered: true, won: true },
      });
      expect(((await bob.act('draw.result', { draw: 'd1' })) as AckFrame & { ok: true }).result['won']).toBe(
        null,
      );
      const proof = await proofOf(bob);
      expect(await verifyDraw(proof)).toEqual({ ok: true, winners: [key(host, 'alice')] });
      expect(await verifyDraw({ ...proof, winners: [key(host, 'bob')] })).toMatchObject({
        reason: 'winners_mismatch',
      });
      await t.refused(host, 'draw.close', { draw: 'nope' }, 'unknown_draw');
      await close(host, t, 'd1'); // a retry changes nothing
    },
  );

  scenario(
    'one entry per viewer across connections; ops close early; both viewers verify the same winners',
    async (host, t) => {
      const { durationMs: _, ...undated } = draw('d1', { prize: { name: 'Mug', quantity: 3 } });
      await t.ok(host, 'draw.create', { ...undated, closesAt: T0 + 90_000 }); // a close time, not a countdown
      const alice = await host.join('alice');
      const again = await host.join('alice');
      const first = await enter(alice, 'd1', 'a-1');
      const second = await enter(again, 'd1', 'a-2');
      expect(keep(t, 'first', said(first))).toMatchObject({ ok: true, result: { entrants: 1, at: T0 } });
      expect(keep(t, 'second', said(second))).toMatchObject({ ok: true, result: { entrants: 1, at: T0 } });
      const names = ['bob', 'carol', 'dan', 'erin', 'fay'];
      const others = [];
      for (const name of names) others.push(await host.join(name));
      const acks = await Promise.all(others.map((v) => enter(v)));
      expect(acks.map(code)).toEqual(names.map(() => 'ok'));
      await host.settle();
      expect(drawOf(alice)?.entrants).toBe(6);
      const query = await host.query('draw.entrants', { draw: 'd1' });
      expect(keep(t, 'entrants', query)).toMatchObject({
        ok: true,
        result: { entrants: 6, eligible: 6, limited: 0 },
      });

      await host.advance(5_000);
      await close(host, t, 'd1');
      await host.settle();
      const record = keep(t, 'record', drawOf(again)!);
      expect(record.revealedAt).toBe(T0 + 5_000);
      expect(record.winners).toHaveLength(3);
      const a = await proofOf(alice);
      const b = await proofOf(others[0]!);
      expect(a).toEqual(b);
      expect(a.tiers[0]!.ids).toEqual(['alice', ...names].map((n) => key(host, n)).sort());
      expect(await verifyDraw(a)).toEqual({ ok: true, winners: record.winners });
      // The ids are whose they say: each winner's own result says won.
      for (const viewer of [alice, ...others]) {
        const ack = (await viewer.act('draw.result', { draw: 'd1' })) as AckFrame & { ok: true };
        expect(ack.result['won']).toBe(record.winners!.includes(key(host, viewer.id)));
      }
    },
  );

  scenario(
    'at most N wins in 30 days: refused on entry, excluded at the freeze, free again after 30 days, kept across a restart',
    async (host, t) => {
      const rules = { maxWins: 1 };
      await t.ok(host, 'draw.create', draw('a', { rules, durationMs: 10_000 }));
      await t.ok(host, 'draw.create', draw('b', { rules, durationMs: 20_000 }));
      let alice = await host.join('alice');
      const bob = await host.join('bob');
      expect(code(await enter(alice, 'a'))).toBe('ok');
      expect(code(await enter(alice, 'b'))).toBe('ok');
      expect(code(await enter(bob, 'b'))).toBe('ok');
      await host.advance(10_000);
      expect(drawOf(bob, 'a')?.winners).toEqual([key(host, 'alice')]);
      await host.advance(10_000);
      const b = keep(t, 'b', drawOf(bob, 'b')!);
      // Alice won "a" after entering "b": at the freeze she is over the limit and excluded.
      expect(b.winners).toEqual([key(host, 'bob')]);
      const proof = await proofOf(alice, 'b');
      expect(proof.excluded.rows).toEqual([[key(host, 'alice'), 'win_limit']]);
      expect(await verifyDraw(proof)).toMatchObject({ ok: true });

      await t.ok(host, 'draw.create', draw('c', { rules, durationMs: DAY }));
      if (host.persists) {
        await host.restart();
        alice = await host.join('alice');
      }
      const refused = await enter(alice, 'c');
      keep(t, 'refused', said(refused));
      expect(refused).toMatchObject({ ok: false, error: { code: 'win_limit' } });
      // Alice won "a" at T0 + 10 s; the clock stands at T0 + 20 s. The win counts for 30 days.
      await host.advance(30 * DAY - 10_001);
      await t.ok(host, 'draw.create', draw('d', { rules }));
      expect(code(await enter(alice, 'd'))).toBe('win_limit');
      await host.advance(1);
      expect(code(await enter(alice, 'd'))).toBe('ok');
    },
  );

  scenario('not won recently first: tier 0 fills before tier 1 is drawn from', async (host, t) => {
    await t.ok(host, 'draw.create', draw('a', { durationMs: 10_000 }));
    const viewers: Viewer[] = [];
    for (const name of ['alice', 'bob', 'carol', 'dan']) viewers.push(await host.join(name));
    const [alice, bob, carol, dan] = viewers as [Viewer, Viewer, Viewer, Viewer];
    await enter(alice, 'a');
    await host.advance(10_000);
    expect(drawOf(bob, 'a')?.winners).toEqual([key(host, 'alice')]);

    await t.ok(
      host,
      'draw.create',
      draw('b', { rules: { recentFirst: true }, prize: { name: 'Mug', quantity: 3 } }),
    );
    for (const viewer of viewers) expect(code(await enter(viewer, 'b'))).toBe('ok');
    await close(host, t, 'b');
    await host.settle();
    const b = keep(t, 'b', drawOf(dan, 'b')!);
    expect(b.lists?.map((l) => [l.name, l.count])).toEqual([
      ['tier0', 3],
      ['tier1', 1],
      ['excluded', 0],
      ['winners', 3],
    ]);
    expect([...b.winners!].sort()).toEqual([bob, carol, dan].map((v) => key(host, v.id)).sort());
    const proof = await proofOf(carol, 'b');
    expect(proof.tiers[1]!.ids).toEqual([key(host, 'alice')]);
    expect(await verifyDraw(proof)).toEqual({ ok: true, winners: b.winners });
    // A viewer who did not enter "b" cannot read its result as a win.
    expect(((await alice.act('draw.result', { draw: 'b' })) as AckFrame & { ok: true }).result['won']).toBe(
      false,
    );
  });
});
