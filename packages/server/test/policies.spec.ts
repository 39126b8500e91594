import type { DeltaFrame } from '@onair/core/protocol.js';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, fakeClock, POLL, startServer } from './helpers.js';

afterEach(closeAll);

async function tally(h: Awaited<ReturnType<typeof startServer>>, poll = 'p1') {
  const state = await h.ops('GET', '/v1/rooms/r1');
  return state.body.state.polls[poll].tally as Record<string, number>;
}

describe('vote policies', () => {
  it('one vote per viewer by default: a second vote is already_voted', async () => {
    const h = await startServer();
    await h.ops('POST', '/v1/rooms/r1/polls?open=true', POLL);
    const viewer = await h.connect('r1', { viewer: 'v1' });
    expect((await viewer.vote('p1', ['red'])).ok).toBe(true);
    const second = await viewer.vote('p1', ['blue']);
    expect(second).toMatchObject({ ok: false, error: { code: 'already_voted' } });
    // Another connection of the same viewer is the same viewer.
    const again = await h.connect('r1', { viewer: 'v1' });
    expect(await again.vote('p1', ['green'])).toMatchObject({ ok: false, error: { code: 'already_voted' } });
    expect(await tally(h)).toEqual({ red: 1, blue: 0, green: 0 });
  });

  it('allowChange moves the vote instead of adding one', async () => {
    const h = await startServer();
    await h.ops('POST', '/v1/rooms/r1/polls?open=true', { ...POLL, allowChange: true });
    const viewer = await h.connect('r1', { viewer: 'v1' });
    await viewer.vote('p1', ['red']);
    const moved = await viewer.vote('p1', ['blue']);
    expect(moved).toMatchObject({ ok: true, mine: { polls: { p1: { choice: ['blue'], count: 1 } } } });
    expect(await tally(h)).toEqual({ red: 0, blue: 1, green: 0 });
  });

  it('votesPerViewer 3: the third vote counts, the fourth is refused', async () => {
    const h = await startServer();
    await h.ops('POST', '/v1/rooms/r1/polls?open=true', { ...POLL, votesPerViewer: 3 });
    const viewer = await h.connect('r1', { viewer: 'v1' });
    expect((await viewer.vote('p1', ['red'])).ok).toBe(true);
    expect((await viewer.vote('p1', ['red'])).ok).toBe(true);
    expect(await viewer.vote('p1', ['blue'])).toMatchObject({
      ok: true,
      mine: { polls: { p1: { count: 3 } } },
    });
    expect(await viewer.vote('p1', ['blue'])).toMatchObject({ ok: false, error: { code: 'already_voted' } });
    expect(await tally(h)).toEqual({ red: 2, blue: 1, green: 0 });
  });

  it('refuses unknown polls, unknown options, bad payloads and votes after close, changing nothing', async () => {
    const h = await startServer();
    await h.ops('POST', '/v1/rooms/r1/polls?open=true', POLL);
    await h.ops('POST', '/v1/rooms/r1/polls', { ...POLL, id: 'draft' });
    const viewer = await h.connect('r1');
    expect(await viewer.vote('nope', ['red'])).toMatchObject({
      ok: false,
      error: { code: 'unknown_poll', path: 'payload.poll', message: expect.stringContaining('nope') },
    });
    expect(await viewer.vote('p1', ['purple'])).toMatchObject({
      ok: false,
      error: {
        code: 'unknown_option',
        path: 'payload.choice[0]',
        message: expect.stringContaining('purple'),
      },
    });
    expect(await viewer.act('poll.vote', { poll: 'p1', choice: 'red' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_action', path: 'payload.choice' },
    });
    expect(await viewer.act('poll.vote', { poll: 'p1', choice: ['red'], extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_action', path: 'payload.extra' },
    });
    expect(await viewer.act('poll.nope', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_action', path: 'name' },
    });
    expect(await viewer.vote('draft', ['red'])).toMatchObject({ ok: false, error: { code: 'poll_closed' } });
    await h.ops('POST', '/v1/rooms/r1/polls/p1/close');
    expect(await viewer.vote('p1', ['red'])).toMatchObject({ ok: false, error: { code: 'poll_closed' } });
    expect(await tally(h)).toEqual({ red: 0, blue: 0, green: 0 });
    // A refusal is not remembered under its key: the same key may succeed once the cause is gone.
    const retried = await viewer.vote('draft', ['red'], 'retry-key');
    expect(retried.ok).toBe(false);
    await h.ops('POST', '/v1/rooms/r1/polls/draft/open');
    expect((await viewer.vote('draft', ['red'], 'retry-key')).ok).toBe(true);
  });

  it('closes a poll by itself when its duration runs out, revealing quiz answers', async () => {
    const clock = fakeClock();
    const h = await startServer({ clock });
    await h.ops('POST', '/v1/rooms/r1/polls', { ...POLL, correct: ['green'], durationMs: 5_000 });
    const viewer = await h.connect('r1');
    const opened = await h.ops('POST', '/v1/rooms/r1/polls/p1/open', { durationMs: 10_000 });
    expect(opened.body.poll).toMatchObject({ status: 'open', closesAt: clock.now() + 10_000 });
    const openDelta = await viewer.next<DeltaFrame>((f) => f.t === 'delta');
    expect(openDelta.changes[0]!.value).toMatchObject({ status: 'open', correct: null, quiz: true });
    clock.advance(9_999);
    expect((await viewer.vote('p1', ['red'])).ok).toBe(true);
    clock.advance(1);
    const closed = await viewer.next<DeltaFrame>(
      (f) => f.t === 'delta' && f.changes[0]?.value?.['status'] === 'closed',
    );
    expect(closed.changes[0]!.value).toMatchObject({ correct: ['green'], closesAt: clock.now() });
    expect(await viewer.vote('p1', ['blue'])).toMatchObject({ ok: false, error: { code: 'poll_closed' } });
  });

  it('re-arms countdowns after a restart and closes overdue polls on load', async () => {
    const { tempDir } = await import('./helpers.js');
    const tmp = tempDir();
    try {
      const clock = fakeClock();
      const db = `${tmp.dir}/onair.db`;
      const first = await startServer({ clock, db });
      await first.ops('POST', '/v1/rooms/r1/polls?open=true', { ...POLL, durationMs: 60_000 });
      await first.ops('POST', '/v1/rooms/r1/polls?open=true', { ...POLL, id: 'p2', durationMs: 5_000 });
      await first.close();
      clock.advance(30_000);
      const second = await startServer({ clock, db });
      let state = await second.ops('GET', '/v1/rooms/r1');
      expect(state.body.state.polls.p1.status).toBe('open');
      expect(state.body.state.polls.p2).toMatchObject({ status: 'closed', closesAt: clock.now() - 25_000 });
      clock.advance(30_000);
      state = await second.ops('GET', '/v1/rooms/r1');
      expect(state.body.state.polls.p1.status).toBe('closed');
    } finally {
      tmp.remove();
    }
  });
});
