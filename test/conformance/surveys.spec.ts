// Surveys on both hosts: responses and their refusals, one response per identified viewer, replays,
// the time limit, results shown and hidden, free text kept out of every frame, the export read by
// survey (the logs' key prefix), ops commands and restarts.
import type { AckFrame } from '@onair/core/protocol.js';
import { describe, expect } from 'vitest';
import { DRINK } from '../support/surveys.js';
import { type Host, T0 } from './hosts.js';
import { said, scenario, type Transcript } from './scenario.js';

const SURVEY = {
  id: 's1',
  title: 'Tonight',
  identity: 'identified',
  pages: [
    {
      questions: [DRINK, { id: 'rate', type: 'rating', title: 'Rate us' }],
    },
    {
      visibleIf: "{drink} = 'tea'",
      questions: [
        {
          id: 'leaf',
          type: 'multiple',
          title: 'Which leaves?',
          choices: ['green', 'black', 'white'],
          maxSelected: 2,
        },
      ],
    },
    { questions: [{ id: 'why', type: 'longtext', title: 'Anything else?', maxLength: 200 }] },
  ],
};
const ANONYMOUS = { ...SURVEY, id: 's2', identity: 'anonymous' };
const SECRET = 'my secret thoughts';

/** Runs an ops query, records its answer and expects it to succeed. */
async function ask(
  host: Host,
  t: Transcript,
  name: string,
  input: unknown,
): Promise<Record<string, unknown>> {
  const answer = t.log(name, await host.query(name, input));
  expect(answer, `${host.name}: ${name} ${JSON.stringify(answer)}`).toMatchObject({ ok: true });
  return answer.ok ? answer.result : {};
}

describe('surveys conformance', () => {
  scenario(
    'survey.submit: the ack first, one response per identified viewer, replays answered alike',
    async (host, t) => {
      await t.ok(host, 'survey.create', { survey: SURVEY, open: true });
      const alice = await host.join('alice');
      const answers = { drink: 'tea', rate: 4, leaf: ['green'], why: SECRET };
      const ack = await alice.act('survey.submit', { survey: 's1', answers }, 'k1');
      t.log('submit', said(ack));
      expect(ack).toMatchObject({
        ok: true,
        result: { survey: 's1', response: 'k1' },
        mine: { surveys: { s1: { done: true } } },
      });
      expect(ack.ok && ack.changes?.map((c) => [c.coll, c.id, c.value])).toEqual([
        ['survey_results', 's1', { id: 's1', shown: false }],
      ]);
      // A resubmit after a lost ack (here from a second connection) is the same response.
      const resent = await host.join('alice');
      const replay = await resent.act('survey.submit', { survey: 's1', answers: { drink: 'coffee' } }, 'k1');
      const { changes: _, ...stored } = ack as AckFrame & { changes?: unknown };
      expect(replay).toEqual(stored);
      const second = await alice.act('survey.submit', { survey: 's1', answers: { drink: 'coffee' } });
      expect(t.log('second', said(second))).toMatchObject({
        ok: false,
        error: { code: 'already_responded' },
      });
      // Anonymous surveys take what a client sends again: nothing links the responses to the viewer.
      await t.ok(host, 'survey.create', { survey: ANONYMOUS, open: true });
      for (const drink of ['coffee', 'coffee'])
        expect((await alice.act('survey.submit', { survey: 's2', answers: { drink } })).ok).toBe(true);
      const summary = await ask(host, t, 'survey.summary', { survey: 's2' });
      expect(summary['results']).toMatchObject({
        responses: 2,
        questions: { drink: { n: 2, counts: [0, 2, 0] } },
      });
      await host.settle();
      expect(JSON.stringify(alice.frames)).not.toContain(SECRET);
    },
  );

  scenario('survey.submit refusals name the answer at fault and store nothing', async (host, t) => {
    await t.ok(host, 'survey.create', { survey: SURVEY, open: true });
    await t.ok(host, 'survey.create', { survey: { ...SURVEY, id: 'draft' } });
    const alice = await host.join('alice');
    const refusals: [Record<string, unknown>, string, string | undefined][] = [
      [{ survey: 'nope', answers: {} }, 'unknown_survey', 'payload.survey'],
      [{ survey: 'draft', answers: { drink: 'tea' } }, 'survey_closed', undefined],
      [{ survey: 's1', answers: {} }, 'invalid_answer', 'payload.answers.drink'],
      [{ survey: 's1', answers: { drink: 'milk' } }, 'invalid_answer', 'payload.answers.drink'],
      [{ survey: 's1', answers: { drink: 'other' } }, 'invalid_answer', 'payload.other.drink'],
      [
        { survey: 's1', answers: { drink: 'other' }, other: { drink: 'x'.repeat(201) } },
        'invalid_action',
        'payload.other.drink',
      ],
      [
        { survey: 's1', answers: { drink: 'coffee', leaf: ['green'] } },
        'invalid_answer',
        'payload.answers.leaf',
      ],
      [
        { survey: 's1', answers: { drink: 'tea', leaf: ['green', 'black', 'white'] } },
        'invalid_answer',
        'payload.answers.leaf',
      ],
      [{ survey: 's1', answers: { drink: 'tea', rate: 9 } }, 'invalid_answer', 'payload.answers.rate'],
      [
        { survey: 's1', answers: { drink: 'tea', why: 'x'.repeat(201) } },
        'invalid_answer',
        'payload.answers.why',
      ],
      [{ survey: 's1', answers: { drink: 'tea', ghost: 1 } }, 'invalid_answer', 'payload.answers.ghost'],
      [{ survey: 's1', answers: { drink: { nested: true } } }, 'invalid_action', 'payload.answers.drink'],
      [{ survey: 's1', answers: ['tea'] }, 'invalid_action', 'payload.answers'],
      [
        { survey: 's1', answers: { drink: 'tea', constructor: 'x' } },
        'reserved_key',
        'payload.answers.constructor',
      ],
      [{ survey: 's1', answers: { drink: 'tea' }, extra: 1 }, 'invalid_action', 'payload.extra'],
    ];
    for (const [payload, code, path] of refusals) {
      const ack = await alice.act('survey.submit', payload);
      t.log(code, said(ack));
      expect(ack, JSON.stringify(payload).slice(0, 120)).toMatchObject({ ok: false, error: { code } });
      expect(!ack.ok && ack.error.path).toBe(path ?? undefined);
    }
    await host.settle();
    expect(alice.mine['surveys']).toEqual({});
    const summary = await ask(host, t, 'survey.summary', { survey: 's1' });
    expect(summary['results']).toMatchObject({ responses: 0 });
  });

  scenario('a time limit closes the survey at its deadline', async (host, t) => {
    await t.ok(host, 'survey.create', { survey: { ...SURVEY, timeLimitMs: 60_000 }, open: true });
    const alice = await host.join('alice');
    await host.advance(59_999);
    expect(alice.state['surveys']?.['s1']).toMatchObject({ status: 'open', closesAt: T0 + 60_000 });
    await host.advance(1);
    expect(t.log('closed', alice.state['surveys']?.['s1'])).toMatchObject({
      status: 'closed',
      closesAt: T0 + 60_000,
    });
    const late = await alice.act('survey.submit', { survey: 's1', answers: { drink: 'tea' } });
    expect(t.log('late', said(late))).toMatchObject({ ok: false, error: { code: 'survey_closed' } });
    // Reopened by ops for ten more minutes.
    await t.ok(host, 'survey.open', { survey: 's1', timeLimitMs: 600_000 });
    expect((await alice.act('survey.submit', { survey: 's1', answers: { drink: 'tea' } })).ok).toBe(true);
  });

  scenario('results reach viewers live while ops show them, as counts only', async (host, t) => {
    await t.ok(host, 'survey.create', { survey: SURVEY, open: true });
    const alice = await host.join('alice');
    const bob = await host.join('bob');
    expect(bob.state['survey_results']?.['s1']).toEqual({ id: 's1', shown: false });
    await alice.act('survey.submit', {
      survey: 's1',
      answers: { drink: 'other', rate: 5, why: SECRET },
      other: { drink: SECRET },
    });
    await t.ok(host, 'survey.results', { survey: 's1', show: true });
    await host.settle();
    const shown = t.log('shown', bob.state['survey_results']?.['s1']);
    expect(shown).toEqual({
      id: 's1',
      shown: true,
      responses: 1,
      questions: {
        drink: { n: 1, counts: [0, 0, 1] },
        rate: { n: 1, counts: [0, 0, 0, 0, 1] },
        leaf: { n: 0, counts: [0, 0, 0] },
        why: { n: 1 },
      },
    });
    expect(bob.state['surveys']?.['s1']).toMatchObject({ showResults: true });
    await bob.act('survey.submit', { survey: 's1', answers: { drink: 'tea', leaf: ['white', 'green'] } });
    await host.settle();
    expect(alice.state['survey_results']?.['s1']).toMatchObject({
      responses: 2,
      questions: { leaf: { n: 1, counts: [1, 0, 1] } },
    });
    await t.ok(host, 'survey.results', { survey: 's1', show: false });
    await host.settle();
    expect(alice.state['survey_results']?.['s1']).toEqual({ id: 's1', shown: false });
    for (const viewer of [alice, bob]) expect(JSON.stringify(viewer.frames)).not.toContain(SECRET);
  });

  scenario('the export reads one survey’s responses, newest first cut, as JSON and CSV', async (host, t) => {
    await t.ok(host, 'survey.create', { survey: SURVEY, open: true });
    await t.ok(host, 'survey.create', { survey: ANONYMOUS, open: true });
    const viewers = await Promise.all(['alice', 'bob', 'carol'].map((id) => host.join(id)));
    for (const [i, viewer] of viewers.entries()) {
      await viewer.act('survey.submit', { survey: 's2', answers: { drink: 'coffee' } });
      await viewer.act('survey.submit', {
        survey: 's1',
        answers: { drink: i ? 'coffee' : 'other', rate: i + 1, why: `=cmd|' /C calc'!A${i}` },
        ...(i ? {} : { other: { drink: '@water' } }),
      });
    }
    const all = await ask(host, t, 'survey.responses', { survey: 's1' });
    expect(all['responses']).toEqual([
      {
        response: 'alice-2',
        at: T0,
        viewer: 'alice',
        answers: { drink: 'other', rate: 1, why: "=cmd|' /C calc'!A0" },
        other: { drink: '@water' },
      },
      {
        response: 'bob-4',
        at: T0,
        viewer: 'bob',
        answers: { drink: 'coffee', rate: 2, why: "=cmd|' /C calc'!A1" },
        other: {},
      },
      {
        response: 'carol-6',
        at: T0,
        viewer: 'carol',
        answers: { drink: 'coffee', rate: 3, why: "=cmd|' /C calc'!A2" },
        other: {},
      },
    ]);
    const newest = await ask(host, t, 'survey.responses', { survey: 's1', limit: 2 });
    expect((newest['responses'] as { response: string }[]).map((r) => r.response)).toEqual([
      'bob-4',
      'carol-6',
    ]);
    const anonymous = await ask(host, t, 'survey.responses', { survey: 's2' });
    expect(anonymous['responses']).toHaveLength(3);
    // Anonymous: no viewer in any row (the response ids are the viewers' own idempotency keys).
    expect((anonymous['responses'] as object[]).every((r) => !('viewer' in r))).toBe(true);
    const csv = await ask(host, t, 'survey.responses', { survey: 's1', format: 'csv' });
    expect(String(csv['csv']).split('\r\n').slice(0, 2)).toEqual([
      'response,submitted_at,viewer,drink,drink (other),rate,leaf,why',
      `alice-2,${new Date(T0).toISOString()},alice,other,'@water,1,,'=cmd|' /C calc'!A0`,
    ]);
    expect(t.log('limit 0', await host.query('survey.responses', { survey: 's1', limit: 0 }))).toMatchObject({
      ok: false,
      error: { code: 'invalid_body', path: 'limit' },
    });
    expect(await host.query('survey.responses', { survey: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_survey' },
    });
  });

  scenario('ops commands: create, open, close, results, delete, with their refusals', async (host, t) => {
    await t.refused(
      host,
      'survey.create',
      {
        survey: {
          ...SURVEY,
          pages: [
            {
              questions: [
                { id: 'q', type: 'single', title: 'Q', choices: ['a', 'b'], visibleIf: '{nope} = 1' },
              ],
            },
          ],
        },
      },
      'invalid_body',
      'survey.pages[0].questions[0].visibleIf',
    );
    await t.refused(host, 'survey.create', { survey: SURVEY, colour: 'red' }, 'invalid_body', 'colour');
    await t.ok(host, 'survey.create', { survey: SURVEY });
    await t.refused(host, 'survey.create', { survey: SURVEY }, 'duplicate_survey', 'survey.id');
    await t.refused(host, 'survey.open', { survey: 's1', timeLimitMs: 10 }, 'invalid_body', 'timeLimitMs');
    await t.refused(host, 'survey.open', { survey: 'nope' }, 'unknown_survey');
    const viewer = await host.join('alice');
    expect(viewer.state['surveys']?.['s1']).toMatchObject({ status: 'draft', title: 'Tonight' });
    await t.ok(host, 'survey.open', { survey: 's1' });
    await t.refused(host, 'survey.open', { survey: 's1' }, 'already_open');
    await viewer.act('survey.submit', { survey: 's1', answers: { drink: 'tea' } });
    const closed = await t.ok(host, 'survey.close', { survey: 's1' });
    expect(await host.command('survey.close', { survey: 's1' })).toEqual(closed);
    await t.refused(host, 'survey.results', { survey: 's1', show: 'yes' }, 'invalid_body', 'show');
    // Deleting forgets the survey and who responded; the stored responses stay for the export.
    await t.ok(host, 'survey.delete', { survey: 's1' });
    await t.refused(host, 'survey.delete', { survey: 's1' }, 'unknown_survey');
    await host.settle();
    expect(viewer.state['surveys']).toEqual({});
    expect(viewer.state['survey_results']).toEqual({});
    await t.ok(host, 'survey.create', { survey: SURVEY, open: true });
    const again = await host.join('alice');
    expect(t.log('mine after delete', again.mine['surveys'])).toEqual({});
  });

  scenario(
    'a restart keeps surveys, who responded, results, replays and the time limit',
    async (host, t) => {
      await t.ok(host, 'survey.create', {
        survey: { ...SURVEY, timeLimitMs: 60_000, results: true },
        open: true,
      });
      const alice = await host.join('alice');
      const ack = await alice.act(
        'survey.submit',
        { survey: 's1', answers: { drink: 'tea', rate: 2 } },
        'before',
      );
      await host.restart();
      const back = await host.join('alice');
      expect(back.mine['surveys']).toEqual({ s1: { done: true } });
      expect(back.state['survey_results']?.['s1']).toMatchObject({ shown: true, responses: 1 });
      const { changes: _, ...stored } = ack as AckFrame & { changes?: unknown };
      expect(
        await back.act('survey.submit', { survey: 's1', answers: { drink: 'coffee' } }, 'before'),
      ).toEqual(stored);
      expect(await back.act('survey.submit', { survey: 's1', answers: { drink: 'coffee' } })).toMatchObject({
        ok: false,
        error: { code: 'already_responded' },
      });
      await host.advance(60_000);
      expect(t.log('closed', back.state['surveys']?.['s1'])).toMatchObject({ status: 'closed' });
      const rows = await ask(host, t, 'survey.responses', { survey: 's1' });
      expect(rows['responses']).toHaveLength(1);
    },
    { restarts: true },
  );
});
