import { describe, expect, it } from 'vitest';
import {
  applyVote,
  closePoll,
  createPoll,
  openPoll,
  type PollRecord,
  type PollVote,
  publicPoll,
} from './poll.js';
import { validatePollConfig } from './validate.js';

const options = [
  { id: 'a', label: 'A' },
  { id: 'b', label: 'B' },
  { id: 'c', label: 'C' },
];
function poll(extra: Record<string, unknown> = {}): PollRecord {
  const valid = validatePollConfig({ id: 'p', question: 'Q?', options, ...extra });
  if (!valid.ok) throw new Error(JSON.stringify(valid.issues));
  return openPoll(createPoll(valid.value), 1000);
}

describe('poll rules', () => {
  it('counts a first vote and refuses a second under the default one-vote policy', () => {
    const first = applyVote(poll(), undefined, ['a'], 2000);
    expect(first.ok && first.value.poll.tally).toEqual({ a: 1, b: 0, c: 0 });
    expect(first.ok && first.value.poll.voters).toBe(1);
    if (!first.ok) return;
    const again = applyVote(first.value.poll, first.value.vote, ['b'], 2000);
    expect(again).toMatchObject({ ok: false, error: { code: 'already_voted' } });
  });

  it('moves the vote when changes are allowed', () => {
    const p = poll({ allowChange: true });
    const first = applyVote(p, undefined, ['a'], 2000);
    if (!first.ok) throw new Error('vote refused');
    const moved = applyVote(first.value.poll, first.value.vote, ['c'], 2000);
    expect(moved.ok && moved.value.poll.tally).toEqual({ a: 0, b: 0, c: 1 });
    expect(moved.ok && moved.value.poll.voters).toBe(1);
  });

  it('adds up to votesPerViewer votes, then refuses', () => {
    let p = poll({ votesPerViewer: 3 });
    let vote: PollVote | undefined;
    for (let i = 0; i < 3; i++) {
      const r = applyVote(p, vote, ['b'], 2000);
      if (!r.ok) throw new Error(r.error.message);
      p = r.value.poll;
      vote = r.value.vote;
    }
    expect(p.tally.b).toBe(3);
    expect(vote?.count).toBe(3);
    expect(applyVote(p, vote, ['b'], 2000)).toMatchObject({ ok: false, error: { code: 'already_voted' } });
  });

  it('refuses unknown options, too many choices and votes after close or countdown end', () => {
    expect(applyVote(poll(), undefined, ['z'], 2000)).toMatchObject({
      ok: false,
      error: { code: 'unknown_option', path: 'payload.choice[0]' },
    });
    expect(applyVote(poll(), undefined, ['a', 'b'], 2000)).toMatchObject({
      ok: false,
      error: { code: 'invalid_choice' },
    });
    expect(applyVote(closePoll(poll(), 1500), undefined, ['a'], 2000)).toMatchObject({
      ok: false,
      error: { code: 'poll_closed' },
    });
    expect(applyVote(poll({ durationMs: 5000 }), undefined, ['a'], 6001)).toMatchObject({
      ok: false,
      error: { code: 'poll_closed' },
    });
  });

  it('hides quiz answers until close and tallies when results wait for close', () => {
    const p = poll({ correct: ['b'], results: 'after-close' });
    expect(publicPoll(p)).toMatchObject({ quiz: true, correct: null, tally: null });
    expect(publicPoll(closePoll(p, 2000))).toMatchObject({ correct: ['b'], tally: { a: 0, b: 0, c: 0 } });
  });

  it('builds rating options from the scale', () => {
    const valid = validatePollConfig({ id: 'r', kind: 'rating', scale: '0-10', question: 'Rate' });
    expect(valid.ok && createPoll(valid.value).options.map((o) => o.id)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ]);
  });

  it.each([
    [{ options: undefined }, 'options'],
    [{ kind: 'multiple', maxSelections: 4 }, 'maxSelections'],
    [{ maxSelections: 2 }, 'maxSelections'],
    [{ correct: ['z'] }, 'correct[0]'],
    [{ correct: ['a', 'b'] }, 'correct'],
    [{ kind: 'rating' }, 'options'],
    [{ question: 'x'.repeat(121) }, 'question'],
    [{ durationMs: 1000 }, 'durationMs'],
  ])('rejects %j at %s', (extra, path) => {
    const result = validatePollConfig({ id: 'p', question: 'Q?', options, ...extra });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.path).toBe(path);
  });
});
