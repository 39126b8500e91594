// Polls on both hosts: every action, refusal and ops command, replays, timers and restarts.
import type { AckFrame, DeltaFrame } from '@onair/core/protocol.js';
import { describe, expect } from 'vitest';
import { T0 } from './hosts.js';
import { said, scenario } from './scenario.js';

const OPTIONS = [
  { id: 'red', label: 'Red' },
  { id: 'blue', label: 'Blue' },
  { id: 'green', label: 'Green' },
];
const POLL = { id: 'p1', question: 'Which colour?', options: OPTIONS };
const tally = (poll: unknown) => (poll as { tally: Record<string, number> | null }).tally;

describe('polls conformance', () => {
  scenario(
    'poll.vote: the ack comes first with the changed poll, the delta follows for everyone',
    async (host, t) => {
      await t.ok(host, 'poll.create', { poll: POLL, open: true });
      const alice = await host.join('alice');
      const bob = await host.join('bob');
      const ack = await alice.act('poll.vote', { poll: 'p1', choice: ['red'] }, 'k1');
      t.log('vote', said(ack));
      expect(ack).toMatchObject({ ok: true, mine: { polls: { p1: { choice: ['red'], count: 1 } } } });
      expect(ack.ok && tally(ack.result['poll'])).toEqual({ red: 1, blue: 0, green: 0 });
      expect(ack.ok && ack.changes?.map((c) => [c.coll, c.id, tally(c.value)])).toEqual([
        ['polls', 'p1', { red: 1, blue: 0, green: 0 }],
      ]);
      // The acting viewer has the new tally with its ack; no delta reached it before.
      const ackAt = alice.frames.indexOf(ack);
      const firstCarrying = alice.frames.findIndex(
        (f) => f.t === 'delta' && f.changes.some((c) => c.id === 'p1' && tally(c.value)?.['red'] === 1),
      );
      expect(firstCarrying === -1 || firstCarrying > ackAt).toBe(true);
      expect(tally(alice.state['polls']?.['p1'])).toEqual({ red: 1, blue: 0, green: 0 });
      await host.settle();
      const delta = (await bob.next<DeltaFrame>((f) => f.t === 'delta')).changes;
      t.log('bob saw', delta);
      expect(tally(bob.state['polls']?.['p1'])).toEqual({ red: 1, blue: 0, green: 0 });
      expect(t.log('voters', (alice.state['polls']?.['p1'] as { voters?: number } | undefined)?.voters)).toBe(
        1,
      );
    },
  );

  scenario('poll.vote refusals name the rule and change nothing', async (host, t) => {
    await t.ok(host, 'poll.create', { poll: { ...POLL, kind: 'multiple', maxSelections: 2 }, open: true });
    await t.ok(host, 'poll.create', { poll: { ...POLL, id: 'draft' } });
    const alice = await host.join('alice');
    const refusals: [Record<string, unknown>, string, string | undefined][] = [
      [{ poll: 'nope', choice: ['red'] }, 'unknown_poll', 'payload.poll'],
      [{ poll: 'p1', choice: 'red' }, 'invalid_action', 'payload.choice'],
      [{ poll: 'p1', choice: ['red'], extra: 1 }, 'invalid_action', 'payload.extra'],
      [{ poll: 'p1' }, 'invalid_action', 'payload.choice'],
      [{ poll: 'p1', choice: ['constructor'] }, 'reserved_key', 'payload.choice[0]'],
      [{ poll: 'p1', choice: ['red', 'toString'] }, 'unknown_option', 'payload.choice[1]'],
      [{ poll: 'p1', choice: ['red'], ['__proto__']: { polluted: 1 } }, 'reserved_key', 'payload.__proto__'],
      [{ poll: 'p1', choice: ['red'], constructor: 'x' }, 'reserved_key', 'payload.constructor'],
      [{ poll: '__proto__', choice: ['red'] }, 'reserved_key', 'payload.poll'],
      [{ poll: 'p1', choice: ['red', 'red'] }, 'invalid_action', 'payload.choice'],
      [{ poll: 'p1', choice: ['red', 'blue', 'green'] }, 'invalid_choice', 'payload.choice'],
      [{ poll: 'p1', choice: [] }, 'invalid_action', 'payload.choice'],
      [{ poll: 'draft', choice: ['red'] }, 'poll_closed', undefined],
    ];
    for (const [payload, code, path] of refusals) {
      const ack = await alice.act('poll.vote', payload);
      t.log(code, said(ack));
      expect(ack, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code } });
      expect(!ack.ok && ack.error.path).toBe(path ?? undefined);
    }
    const unknown = await alice.act('poll.guess', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_action', path: 'name' } });
    await host.settle();
    expect(tally(alice.state['polls']?.['p1'])).toEqual({ red: 0, blue: 0, green: 0 });
    expect(alice.mine['polls']).toEqual({});
    expect((await alice.act('poll.vote', { poll: 'p1', choice: ['red', 'blue'] })).ok).toBe(true);
    const again = await alice.act('poll.vote', { poll: 'p1', choice: ['green'] });
    expect(t.log('again', said(again))).toMatchObject({ ok: false, error: { code: 'already_voted' } });
  });

  scenario('vote policies: extra votes add up, a change moves the vote', async (host, t) => {
    await t.ok(host, 'poll.create', { poll: { ...POLL, votesPerViewer: 3 }, open: true });
    await t.ok(host, 'poll.create', { poll: { ...POLL, id: 'p2', allowChange: true }, open: true });
    const alice = await host.join('alice');
    for (const choice of ['red', 'red', 'blue'])
      t.log('extra', said(await alice.act('poll.vote', { poll: 'p1', choice: [choice] })));
    const fourth = await alice.act('poll.vote', { poll: 'p1', choice: ['green'] });
    expect(fourth).toMatchObject({ ok: false, error: { code: 'already_voted' } });
    await alice.act('poll.vote', { poll: 'p2', choice: ['red'] });
    const moved = await alice.act('poll.vote', { poll: 'p2', choice: ['green'] });
    t.log('moved', said(moved));
    await host.settle();
    expect(tally(alice.state['polls']?.['p1'])).toEqual({ red: 2, blue: 1, green: 0 });
    expect(tally(alice.state['polls']?.['p2'])).toEqual({ red: 0, blue: 0, green: 1 });
    expect(t.log('mine', alice.mine['polls'])).toEqual({
      p1: { choice: ['blue'], count: 3 },
      p2: { choice: ['green'], count: 1 },
    });
  });

  scenario(
    'a repeated key on a second connection gets the first ack and changes nothing',
    async (host, t) => {
      await t.ok(host, 'poll.create', { poll: { ...POLL, allowChange: true }, open: true });
      const first = await host.join('alice');
      const second = await host.join('alice');
      const ack = await first.act('poll.vote', { poll: 'p1', choice: ['red'] }, 'same-key');
      const replay = await second.act('poll.vote', { poll: 'p1', choice: ['blue'] }, 'same-key');
      const { changes, ...stored } = ack as AckFrame & { changes?: unknown };
      expect(changes).toBeDefined();
      expect(replay).toEqual(stored);
      t.log('replay', said(replay));
      await host.settle();
      expect(tally(second.state['polls']?.['p1'])).toEqual({ red: 1, blue: 0, green: 0 });
    },
  );

  scenario('a countdown closes the poll at its deadline and reveals the quiz answer', async (host, t) => {
    await t.ok(host, 'poll.create', {
      poll: { ...POLL, correct: ['blue'], results: 'after-close', durationMs: 60_000 },
      open: true,
    });
    const alice = await host.join('alice');
    const open = alice.state['polls']?.['p1'];
    expect(t.log('open', open)).toMatchObject({ status: 'open', correct: null, tally: null, quiz: true });
    await alice.act('poll.vote', { poll: 'p1', choice: ['blue'] });
    await host.advance(59_999);
    expect(alice.state['polls']?.['p1']).toMatchObject({ status: 'open' });
    await host.advance(1);
    const closed = t.log('closed', alice.state['polls']?.['p1']);
    expect(closed).toMatchObject({ status: 'closed', closesAt: T0 + 60_000, correct: ['blue'] });
    expect(tally(closed)).toEqual({ red: 0, blue: 1, green: 0 });
    const late = await alice.act('poll.vote', { poll: 'p1', choice: ['red'] });
    expect(t.log('late', said(late))).toMatchObject({ ok: false, error: { code: 'poll_closed' } });
  });

  scenario('ops commands: create, open, close, delete, with their refusals', async (host, t) => {
    await t.refused(
      host,
      'poll.create',
      { poll: { ...POLL, options: [{ id: 'a', label: '' }] } },
      'invalid_body',
      'poll.options[0].label',
    );
    await t.refused(host, 'poll.create', { poll: POLL, colour: 'red' }, 'invalid_body', 'colour');
    await t.ok(host, 'poll.create', { poll: POLL });
    await t.refused(host, 'poll.create', { poll: POLL }, 'duplicate_poll', 'poll.id');
    await t.refused(host, 'poll.open', { poll: 'p1', durationMs: 10 }, 'invalid_body', 'durationMs');
    await t.refused(host, 'poll.open', { poll: 'nope' }, 'unknown_poll');
    const viewer = await host.join('alice');
    expect(viewer.state['polls']?.['p1']).toMatchObject({ status: 'draft' });
    await t.ok(host, 'poll.open', { poll: 'p1', durationMs: 30_000 });
    await t.refused(host, 'poll.open', { poll: 'p1' }, 'already_open');
    await viewer.act('poll.vote', { poll: 'p1', choice: ['green'] });
    const closed = await t.ok(host, 'poll.close', { poll: 'p1' });
    expect(closed.result['poll']).toMatchObject({ status: 'closed', voters: 1 });
    expect(await host.command('poll.close', { poll: 'p1' })).toEqual(closed);
    await t.refused(host, 'poll.open', { poll: 'p1' }, 'poll_closed');
    await host.settle();
    expect(viewer.state['polls']?.['p1']).toMatchObject({ status: 'closed' });
    // Deleting forgets the poll and every vote on it: the same id starts afresh.
    await t.ok(host, 'poll.delete', { poll: 'p1' });
    await t.refused(host, 'poll.delete', { poll: 'p1' }, 'unknown_poll');
    await host.settle();
    expect(viewer.state['polls']).toEqual({});
    await t.ok(host, 'poll.create', { poll: POLL, open: true });
    const again = await host.join('alice');
    expect(t.log('mine after delete', again.mine['polls'])).toEqual({});
    expect((await again.act('poll.vote', { poll: 'p1', choice: ['red'] })).ok).toBe(true);
    await t.refused(host, 'poll.vanish', {}, 'unknown_command');
  });

  scenario(
    'a restart keeps polls, votes, keys and countdowns',
    async (host, t) => {
      await t.ok(host, 'poll.create', { poll: { ...POLL, durationMs: 60_000 }, open: true });
      const alice = await host.join('alice');
      const ack = await alice.act('poll.vote', { poll: 'p1', choice: ['red'] }, 'before-restart');
      await host.restart();
      const back = await host.join('alice');
      expect(tally(back.state['polls']?.['p1'])).toEqual({ red: 1, blue: 0, green: 0 });
      expect(back.mine['polls']).toEqual({ p1: { choice: ['red'], count: 1 } });
      const { changes: _, ...stored } = ack as AckFrame & { changes?: unknown };
      expect(await back.act('poll.vote', { poll: 'p1', choice: ['blue'] }, 'before-restart')).toEqual(stored);
      await host.advance(60_000);
      expect(t.log('closed', back.state['polls']?.['p1'])).toMatchObject({ status: 'closed', voters: 1 });
    },
    { restarts: true },
  );
});
