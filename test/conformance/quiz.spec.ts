// Quizzes on both hosts: a quiz driven by ops commands, answers inside and outside the window
// (each connection's latency allowance counted, the client's clock never), one answer per viewer
// across connections, the documented scoring and streaks, ties, late joiners and a restart.

import { type AckFrame, stampedKey } from '@onair/core/protocol.js';
import type { PublicQuiz, Standing } from '@onair/games/model.js';
import { describe, expect } from 'vitest';
import { T0, type Viewer } from './hosts.js';
import { said, scenario } from './scenario.js';

const LIMIT = 10_000;
const question = (i: number, points = 1000) => ({
  text: `Question ${i}`,
  options: ['A', 'B', 'C', 'D'],
  correct: [1],
  timeLimitMs: LIMIT,
  points,
});
const QUIZ = { id: 'q1', title: 'Brand day', questions: [question(0), question(1), question(2)] };

/** The documented formula, written out here so the hosts are checked against the text. */
const speed = (ms: number, points = 1000) => Math.round((1 - ms / LIMIT / 2) * points);
const bonus = (streak: number, points = 1000) => Math.round((points * Math.min(streak - 1, 5)) / 10);

const quizOf = (viewer: Viewer) => viewer.state['quizzes']?.['q1'] as PublicQuiz | undefined;
const answer = (viewer: Viewer, n: number, choice: number, key?: string) =>
  viewer.act('quiz.answer', { quiz: 'q1', question: n, choice }, key);
const standing = async (viewer: Viewer) => {
  const ack = await viewer.act('quiz.standing', { quiz: 'q1' });
  return ack.ok ? (ack.result['standing'] as Standing | null) : null;
};
const ms = (ack: AckFrame) => (ack.ok ? ack.result['ms'] : ack.error.code);

describe('quiz conformance', () => {
  scenario(
    'ops drive a quiz: start, close early, lock, reveal, leaderboard, end, delete',
    async (host, t) => {
      const bad = { ...QUIZ, questions: [{ ...question(0), options: ['A', 'B'], correct: [3] }] };
      await t.refused(host, 'quiz.create', { quiz: bad }, 'invalid_body', 'quiz.questions[0].correct[0]');
      await t.ok(host, 'quiz.create', { quiz: QUIZ });
      await t.refused(host, 'quiz.create', { quiz: QUIZ }, 'duplicate_quiz', 'quiz.id');
      const alice = await host.join('alice');
      expect(quizOf(alice)).toMatchObject({ status: 'draft', index: -1, question: null, count: 3 });
      await t.refused(host, 'quiz.reveal', { quiz: 'q1' }, 'no_question');
      await t.refused(host, 'quiz.start', { quiz: 'q1', question: 3 }, 'unknown_question', 'question');
      await t.refused(host, 'quiz.start', { quiz: 'nope' }, 'unknown_quiz');
      await t.ok(host, 'quiz.start', { quiz: 'q1' });
      await t.refused(host, 'quiz.start', { quiz: 'q1' }, 'question_open');
      await t.refused(host, 'quiz.reveal', { quiz: 'q1' }, 'question_open');
      await host.settle();
      // Viewers see the question and its time, never its answer.
      expect(t.log('open', quizOf(alice))).toMatchObject({
        status: 'question',
        index: 0,
        openedAt: T0,
        closesAt: T0 + LIMIT,
        tally: null,
        question: { text: 'Question 0', options: ['A', 'B', 'C', 'D'], correct: null, points: 1000 },
      });
      expect(JSON.stringify(alice.state)).not.toContain('"correct":[1]');

      await host.advance(3_000);
      await t.ok(host, 'quiz.close', { quiz: 'q1' });
      await t.ok(host, 'quiz.close', { quiz: 'q1' }); // a retry changes nothing
      await host.settle();
      expect(quizOf(alice)).toMatchObject({ status: 'question', closesAt: T0 + 3_000 });
      await host.advance(249);
      expect(quizOf(alice)?.status).toBe('question'); // answers sent in time may still arrive
      await host.advance(1);
      expect(quizOf(alice)?.status).toBe('locked');
      await t.ok(host, 'quiz.reveal', { quiz: 'q1' });
      await host.settle();
      expect(t.log('revealed', quizOf(alice))).toMatchObject({
        status: 'reveal',
        tally: [0, 0, 0, 0],
        ranked: 0,
        question: { correct: [1] },
      });
      await t.ok(host, 'quiz.leaderboard', { quiz: 'q1' });
      await t.refused(host, 'quiz.start', { quiz: 'q1', question: 0 }, 'question_asked');
      await t.ok(host, 'quiz.start', { quiz: 'q1', question: 2 });
      await t.ok(host, 'quiz.end', { quiz: 'q1' }); // an open question locks at once
      await t.ok(host, 'quiz.end', { quiz: 'q1' });
      await t.refused(host, 'quiz.start', { quiz: 'q1' }, 'quiz_ended');
      await host.settle();
      expect(t.log('ended', quizOf(alice))).toMatchObject({
        status: 'ended',
        index: 2,
        closesAt: T0 + 3_250,
      });
      await t.ok(host, 'quiz.delete', { quiz: 'q1' });
      await host.settle();
      expect(alice.state['quizzes']).toEqual({});
    },
  );

  scenario(
    'answers inside and outside the window, each with its connection’s latency allowance',
    async (host, t) => {
      await t.ok(host, 'quiz.create', { quiz: QUIZ });
      const alice = await host.join('alice');
      const bob = await host.join('bob', { roundTripMs: 200 });
      const eve = await host.join('eve', { roundTripMs: 400 }); // counts as 250, the cap
      const carol = await host.join('carol');
      const opened = T0 + 600;
      await t.ok(host, 'quiz.start', { quiz: 'q1' });
      await host.advance(LIMIT); // the close, to the ms
      expect(t.log('alice at the close', ms(await answer(alice, 0, 1)))).toBe(LIMIT);
      await host.advance(150);
      expect(t.log('bob 150 ms late, 200 ms round trip', ms(await answer(bob, 0, 1)))).toBe(LIMIT - 50);
      expect(t.log('carol 150 ms late', ms(await answer(carol, 0, 1)))).toBe('question_closed');
      await host.advance(90);
      expect(t.log('eve 240 ms late, allowance 250 ms', ms(await answer(eve, 0, 2)))).toBe(LIMIT - 10);
      await host.advance(10);
      expect(quizOf(alice)).toMatchObject({ status: 'locked', openedAt: opened, closesAt: opened + LIMIT });
      expect(t.log('carol after the lock', ms(await answer(carol, 0, 1)))).toBe('question_closed');
      await t.ok(host, 'quiz.reveal', { quiz: 'q1' });
      await host.settle();
      expect(quizOf(carol)).toMatchObject({ tally: [0, 2, 1, 0], answered: 3, players: 3 });
      expect(
        t.log(
          'board',
          quizOf(carol)?.board.map((e) => [e.id, e.score]),
        ),
      ).toEqual([
        ['bob', speed(LIMIT - 50)],
        ['alice', speed(LIMIT)],
        ['eve', 0],
      ]);
    },
  );

  scenario(
    'the client’s clock does not count: keys stamped ±30 s, a time in the payload refused',
    async (host, t) => {
      await t.ok(host, 'quiz.create', { quiz: QUIZ });
      const ahead = await host.join('ahead');
      const behind = await host.join('behind');
      const right = await host.join('right');
      await t.ok(host, 'quiz.start', { quiz: 'q1' });
      await host.advance(2_000);
      const now = T0 + 2_000;
      const acks = [
        await answer(ahead, 0, 1, stampedKey(now + 30_000)),
        await answer(behind, 0, 1, stampedKey(now - 30_000)),
        await answer(right, 0, 1, stampedKey(now)),
      ];
      expect(t.log('answer times', acks.map(ms))).toEqual([2_000, 2_000, 2_000]);
      const told = await right.act('quiz.answer', {
        quiz: 'q1',
        question: 1,
        choice: 1,
        sentAt: now - 30_000,
      });
      expect(t.log('a time in the payload', said(told))).toMatchObject({
        ok: false,
        error: { code: 'invalid_action', path: 'payload.sentAt' },
      });
      await host.advance(LIMIT - 2_000 + 1);
      // A clock 30 s behind thinks there is time left; the server's clock says the question closed.
      const late = await answer(behind, 0, 2, stampedKey(now - 30_000 + LIMIT));
      expect(t.log('late, whatever its clock', said(late))).toMatchObject({
        ok: false,
        error: { code: 'question_closed' },
      });
    },
  );

  scenario(
    'one answer per viewer: the same on two connections gets the same ack, a change is refused',
    async (host, t) => {
      await t.ok(host, 'quiz.create', { quiz: QUIZ });
      const tab1 = await host.join('alice');
      const tab2 = await host.join('alice');
      await t.ok(host, 'quiz.start', { quiz: 'q1' });
      await host.advance(1_000);
      const first = await answer(tab1, 0, 2, 'first-key');
      await host.advance(500);
      const second = await answer(tab2, 0, 2);
      t.log('first', said(first));
      t.log('second', said(second));
      expect(second.ok && second.result).toEqual(first.ok && first.result);
      expect(second.ok && second.mine).toEqual(first.ok && first.mine);
      expect(first).toMatchObject({ ok: true, result: { ms: 1_000, choice: 2 } });
      const changed = await answer(tab2, 0, 3);
      expect(t.log('changed', said(changed))).toMatchObject({
        ok: false,
        error: { code: 'already_answered' },
      });
      // The first key again, from the other tab: its first ack, without changes, and nothing counted twice.
      const replayed = await answer(tab2, 0, 2, 'first-key');
      expect(said(replayed)).toEqual(said({ ...first, changes: undefined } as AckFrame));
      await host.settle();
      expect(quizOf(tab2)).toMatchObject({ answered: 1, players: 1 });
      expect(t.log('tab2 mine', tab2.mine['quizzes'])).toEqual({
        q1: { answers: { 0: { choice: 2, ms: 1_000 } }, standing: null },
      });
    },
  );

  scenario('scoring and streaks, exactly as documented', async (host, t) => {
    await t.ok(host, 'quiz.create', { quiz: { ...QUIZ, questions: [...QUIZ.questions, question(3, 0)] } });
    const ann = await host.join('ann');
    const bob = await host.join('bob');
    const watcher = await host.join('watcher');
    /** Each question: [who, choice, ms after opening], in the order they answer. */
    const rounds: [Viewer, number, number][][] = [
      [
        [bob, 1, 500],
        [ann, 1, 1_000],
      ],
      [
        [bob, 0, 1_500], // wrong: bob's run ends
        [ann, 1, 2_000],
      ],
      [
        [ann, 1, 3_000],
        [bob, 1, 5_000],
      ],
      [[ann, 0, 100]], // a warm-up, worth nothing
    ];
    for (const [n, round] of rounds.entries()) {
      await t.ok(host, 'quiz.start', { quiz: 'q1' });
      let at = 0;
      for (const [viewer, choice, when] of round) {
        await host.advance(when - at);
        at = when;
        expect((await answer(viewer, n, choice)).ok).toBe(true);
      }
      await host.advance(LIMIT - at + 250);
      await t.ok(host, 'quiz.reveal', { quiz: 'q1' });
      await host.settle();
      t.log(`standings after ${n}`, [await standing(ann), await standing(bob), await standing(watcher)]);
    }
    const annScore = speed(1_000) + speed(2_000) + bonus(2) + speed(3_000) + bonus(3);
    const bobScore = speed(500) + 0 + speed(5_000);
    expect(await standing(ann)).toMatchObject({
      rank: 1,
      score: annScore,
      streak: 3,
      answered: 4,
      correct: 3,
    });
    expect(await standing(bob)).toMatchObject({
      rank: 2,
      score: bobScore,
      streak: 1,
      answered: 3,
      correct: 2,
    });
    expect(await standing(watcher)).toBeNull();
    expect(quizOf(watcher)?.board).toEqual([
      { rank: 1, id: 'ann', name: null, score: annScore, timeMs: 6_000 },
      { rank: 2, id: 'bob', name: null, score: bobScore, timeMs: 7_000 },
    ]);
    const results = await host.query('quiz.results', { quiz: 'q1' });
    expect(t.log('results', results)).toMatchObject({
      ok: true,
      result: {
        after: 3,
        players: 2,
        results: [
          { id: 'ann', score: annScore },
          { id: 'bob', score: bobScore },
        ],
      },
    });
  });

  scenario('ties: total answer time first, then whoever answered first', async (host, t) => {
    await t.ok(host, 'quiz.create', { quiz: QUIZ });
    const [carol, dave, eve, frank] = [
      await host.join('carol'),
      await host.join('dave'),
      await host.join('eve'),
      await host.join('frank'),
    ];
    await t.ok(host, 'quiz.start', { quiz: 'q1' });
    await host.advance(1_000);
    await answer(eve, 0, 3); // wrong, fast
    await host.advance(1_000);
    await answer(carol, 0, 1); // right, then dave at the same ms: the same score and time
    await answer(dave, 0, 1);
    await host.advance(1_000);
    await answer(frank, 0, 0); // wrong, slower than eve
    await t.ok(host, 'quiz.end', { quiz: 'q1' });
    await host.settle();
    expect(t.log('board', quizOf(eve)?.board)).toEqual([
      { rank: 1, id: 'carol', name: null, score: speed(2_000), timeMs: 2_000 },
      { rank: 2, id: 'dave', name: null, score: speed(2_000), timeMs: 2_000 },
      { rank: 3, id: 'eve', name: null, score: 0, timeMs: 1_000 },
      { rank: 4, id: 'frank', name: null, score: 0, timeMs: 3_000 },
    ]);
  });

  scenario(
    'a late joiner sees the same time left, and after the reveal the ranking and its own place',
    async (host, t) => {
      await t.ok(host, 'quiz.create', { quiz: QUIZ });
      const alice = await host.join('alice');
      await t.ok(host, 'quiz.start', { quiz: 'q1' });
      await host.advance(4_000);
      const late = await host.join('late');
      expect(quizOf(late)).toEqual(quizOf(alice));
      expect(quizOf(late)).toMatchObject({ openedAt: T0, closesAt: T0 + LIMIT });
      await host.advance(2_000);
      const named = await late.act('quiz.answer', { quiz: 'q1', question: 0, choice: 1, name: '晚到的 Li' });
      expect(t.log('late answer', ms(named))).toBe(6_000);
      await answer(alice, 0, 0);
      await host.advance(LIMIT);
      await t.ok(host, 'quiz.reveal', { quiz: 'q1' });
      await host.settle();
      // Joining during the reveal: the answer, the tally and the board; a player again sees their place.
      const watcher = await host.join('watcher');
      const again = await host.join('late');
      expect(t.log('watcher', quizOf(watcher))).toMatchObject({
        status: 'reveal',
        tally: [1, 1, 0, 0],
        board: [{ rank: 1, id: 'late', name: '晚到的 Li', score: speed(6_000) }, { id: 'alice' }],
      });
      expect(t.log('again', again.mine['quizzes'])).toMatchObject({
        q1: {
          answers: { 0: { choice: 1, ms: 6_000 } },
          standing: { rank: 1, players: 2, score: speed(6_000) },
        },
      });
      expect(watcher.mine['quizzes']).toEqual({});
    },
  );

  scenario('answer refusals name the field and change nothing', async (host, t) => {
    await t.ok(host, 'quiz.create', { quiz: QUIZ });
    const alice = await host.join('alice');
    const early = await answer(alice, 0, 1);
    expect(t.log('before the start', said(early))).toMatchObject({
      ok: false,
      error: { code: 'question_closed' },
    });
    await t.ok(host, 'quiz.start', { quiz: 'q1' });
    const refusals: [Record<string, unknown>, string, string | undefined][] = [
      [{ quiz: 'nope', question: 0, choice: 1 }, 'unknown_quiz', 'payload.quiz'],
      [{ quiz: 'q1', question: 0, choice: 6 }, 'invalid_action', 'payload.choice'],
      [{ quiz: 'q1', question: 0, choice: '1' }, 'invalid_action', 'payload.choice'],
      [{ quiz: 'q1', question: 1, choice: 1 }, 'question_closed', undefined],
      [{ quiz: 'q1', question: 0 }, 'invalid_action', 'payload.choice'],
      [{ quiz: 'q1', question: 0, choice: 1, name: '' }, 'invalid_action', 'payload.name'],
      [{ quiz: '__proto__', question: 0, choice: 1 }, 'reserved_key', 'payload.quiz'],
      [{ quiz: 'q1', question: 0, choice: 1, constructor: 1 }, 'reserved_key', 'payload.constructor'],
    ];
    for (const [payload, code, path] of refusals) {
      const ack = await alice.act('quiz.answer', payload);
      t.log(code, said(ack));
      expect(ack, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code } });
      expect(!ack.ok && ack.error.path).toBe(path);
    }
    // Four options in the quiz: a fifth is unknown (the payload allows up to six).
    expect(said(await answer(alice, 0, 5))).toMatchObject({
      ok: false,
      error: { code: 'unknown_option', path: 'payload.choice' },
    });
    await host.settle();
    expect(quizOf(alice)).toMatchObject({ answered: 0, players: 0 });
    expect(alice.mine['quizzes']).toEqual({});
  });

  scenario(
    'a question open across a restart locks on time with every answer stored',
    async (host, t) => {
      await t.ok(host, 'quiz.create', { quiz: QUIZ });
      const alice = await host.join('alice');
      await t.ok(host, 'quiz.start', { quiz: 'q1' });
      await host.advance(1_000);
      expect(ms(await answer(alice, 0, 1))).toBe(1_000);
      await host.restart();
      const back = await host.join('alice');
      expect(back.mine['quizzes']).toMatchObject({ q1: { answers: { 0: { choice: 1, ms: 1_000 } } } });
      await host.advance(LIMIT - 1_000 + 250);
      expect(quizOf(back)).toMatchObject({ status: 'locked', answered: 1 });
      await t.ok(host, 'quiz.reveal', { quiz: 'q1' });
      expect(t.log('standing', await standing(back))).toMatchObject({ rank: 1, score: speed(1_000) });
    },
    { restarts: true },
  );
});
