// Surveys on the reference server: its ops routes (create, open, close, results, delete, summary,
// the responses as JSON and as CSV), validation that mirrors the widget's own verdict answer by
// answer, one response per identified viewer across connections and restarts, idempotent submits,
// and free text that never reaches a viewer.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DRINK } from '../../../test/support/surveys.js';
import { responseError } from '../../surveys/src/model/logic.js';
import type { Answers } from '../../surveys/src/model/schema.js';
import { validateSurvey } from '../../surveys/src/model/validate.js';
import { signViewerToken } from '../src/identity.js';
import { closeAll, type Harness, startServer, tempDir, VIEWER_SECRET } from './helpers.js';

afterEach(closeAll);

const SURVEY = {
  id: 's1',
  title: 'Tonight',
  identity: 'identified',
  pages: [
    {
      questions: [
        DRINK,
        {
          id: 'snacks',
          type: 'multiple',
          title: 'Snacks?',
          choices: ['chips', 'nuts', 'fruit'],
          maxSelected: 2,
        },
      ],
    },
    {
      visibleIf: "{drink} = 'tea'",
      questions: [
        {
          id: 'leaf',
          type: 'ranking',
          title: 'Order',
          choices: ['green', 'black'],
          requiredIf: '{snacks} contains nuts',
        },
      ],
    },
    {
      questions: [
        { id: 'rate', type: 'rating', title: 'Rate us', min: 0, max: 10 },
        { id: 'mail', type: 'text', title: 'Email', input: 'email', maxLength: 40 },
        { id: 'age', type: 'text', title: 'Age', input: 'number', min: 12, max: 99 },
        { id: 'why', type: 'longtext', title: 'Why?', maxLength: 100, enableIf: '{rate} < 5' },
      ],
    },
  ],
};
const SECRET = 'please keep this to yourselves';

const token = (id: string) => signViewerToken(VIEWER_SECRET, id, Date.now() + 3_600_000);

async function server(options: { db?: string } = {}): Promise<Harness> {
  const h = await startServer({ viewerSecret: VIEWER_SECRET, ...options });
  const created = await h.ops('POST', '/v1/rooms/r1/surveys?open=true', SURVEY);
  expect(created.status).toBe(201);
  return h;
}

describe('surveys on the server', () => {
  it('refuses exactly what the widget refuses, answer set by answer set (the same definition)', async () => {
    const h = await server();
    const valid = validateSurvey(SURVEY);
    if (!valid.ok) throw new Error('the test survey is invalid');
    const sets: [Answers, Record<string, string>][] = [
      [{ drink: 'tea', leaf: ['black', 'green'] }, {}],
      [{ drink: 'tea', snacks: ['nuts'] }, {}],
      [{ drink: 'tea', snacks: ['nuts'], leaf: ['green'] }, {}],
      [{ drink: 'coffee', leaf: ['green', 'black'] }, {}],
      [{ drink: 'other' }, {}],
      [{ drink: 'other' }, { drink: 'water' }],
      [{ drink: 'coffee' }, { drink: 'water' }],
      [{ drink: 'coffee', snacks: ['chips', 'nuts', 'fruit'] }, {}],
      [{ drink: 'coffee', snacks: ['chips', 'chips'] }, {}],
      [{ drink: 'coffee', rate: 11 }, {}],
      [{ drink: 'coffee', rate: 3.5 }, {}],
      [{ drink: 'coffee', mail: 'not an email' }, {}],
      [{ drink: 'coffee', mail: `${'x'.repeat(40)}@a.co` }, {}],
      [{ drink: 'coffee', age: 11 }, {}],
      [{ drink: 'coffee', age: '30' }, {}],
      [{ drink: 'coffee', rate: 9, why: 'disabled but kept' }, {}],
      [{ drink: 'coffee', why: 'x'.repeat(101) }, {}],
      [{ drink: 'coffee', ghost: 'x' }, {}],
      [{ drink: true }, {}],
    ];
    let accepted = 0;
    for (const [i, [answers, other]] of sets.entries()) {
      // Identified: one response each, so every set comes from a viewer of its own.
      const client = await h.connect('r1', { token: token(`viewer${i}`) });
      const widget = responseError(valid.value, answers, other);
      const ack = await client.act('survey.submit', { survey: 's1', answers, other });
      const label = JSON.stringify({ answers, other });
      if (widget)
        expect(ack, label).toMatchObject({
          ok: false,
          error: { code: 'invalid_answer', path: `payload.${widget.path}` },
        });
      else expect(ack, label).toMatchObject({ ok: true });
      if (!widget) accepted++;
    }
    // Both verdicts were exercised.
    expect(accepted).toBeGreaterThanOrEqual(3);
    expect(accepted).toBeLessThan(sets.length - 5);
  });

  it('takes one response per identified viewer, on any connection and after a restart', async () => {
    const { dir, remove } = tempDir();
    try {
      const db = join(dir, 'onair.db');
      const h = await server({ db });
      const phone = await h.connect('r1', { token: token('alice') });
      const laptop = await h.connect('r1', { token: token('alice') });
      expect(
        await phone.act('survey.submit', { survey: 's1', answers: { drink: 'coffee' } }, 'first'),
      ).toMatchObject({ ok: true });
      expect(await laptop.act('survey.submit', { survey: 's1', answers: { drink: 'tea' } })).toMatchObject({
        ok: false,
        error: { code: 'already_responded' },
      });
      // A resend of the first is its answer again, not a refusal: the same response.
      expect(
        await laptop.act('survey.submit', { survey: 's1', answers: { drink: 'tea' } }, 'first'),
      ).toMatchObject({
        ok: true,
        result: { survey: 's1', response: 'first' },
      });
      await h.close();
      const again = await startServer({ viewerSecret: VIEWER_SECRET, db });
      const back = await again.connect('r1', { token: token('alice') });
      expect(await back.act('survey.submit', { survey: 's1', answers: { drink: 'tea' } })).toMatchObject({
        ok: false,
        error: { code: 'already_responded' },
      });
      const bob = await again.connect('r1', { token: token('bob') });
      expect(
        await bob.act('survey.submit', { survey: 's1', answers: { drink: 'tea', leaf: ['green', 'black'] } }),
      ).toMatchObject({ ok: true });
      const rows = await again.ops('GET', '/v1/rooms/r1/surveys/s1/responses');
      expect(rows.body.responses.map((r: { viewer: string }) => r.viewer)).toEqual(['alice', 'bob']);
    } finally {
      remove();
    }
  });

  it('stores a response as one row per answered question, and exports them as CSV no spreadsheet runs', async () => {
    const h = await server();
    const alice = await h.connect('r1', { token: token('alice') });
    await alice.act(
      'survey.submit',
      {
        survey: 's1',
        answers: {
          drink: 'other',
          snacks: ['nuts', 'fruit'],
          rate: 2,
          why: '=HYPERLINK("http://x.test","click")',
        },
        other: { drink: '@water' },
      },
      'resp-1',
    );
    h.server.flush();
    const rows = h.server.db
      .prepare("SELECT log, key, viewer FROM logs WHERE room = 'r1' ORDER BY seq")
      .all();
    expect(rows).toEqual(
      ['', '/drink', '/snacks', '/rate', '/why'].map((q) => ({
        log: q ? 'answers' : 'responses',
        key: `s1/resp-1${q}`,
        viewer: 's:alice',
      })),
    );
    const csv = await fetch(`${h.url}/v1/rooms/r1/surveys/s1/responses?format=csv`, {
      headers: { authorization: 'Bearer test-ops-token-0123456789' },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="s1-responses.csv"');
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).toBe('response,submitted_at,viewer,drink,drink (other),snacks,leaf,rate,mail,age,why');
    expect(lines[1]).toMatch(
      /^resp-1,\d{4}-\d\d-\d\dT[\d:.]+Z,alice,other,'@water,nuts; fruit,,2,,,"'=HYPERLINK\(""http:\/\/x\.test"",""click""\)"$/,
    );
    expect((await fetch(`${h.url}/v1/rooms/r1/surveys/s1/responses?format=csv`)).status).toBe(401);
    const bad = await h.ops('GET', '/v1/rooms/r1/surveys/s1/responses?limit=0');
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_query', path: 'limit' } } });
  });

  it('broadcasts counts, never what viewers wrote; ops show and hide them', async () => {
    const h = await server();
    const watcher = await h.connect('r1', { token: token('carol') });
    const alice = await h.connect('r1', { token: token('alice') });
    await alice.act('survey.submit', {
      survey: 's1',
      answers: { drink: 'other', why: SECRET, rate: 1 },
      other: { drink: SECRET },
    });
    expect((await h.ops('POST', '/v1/rooms/r1/surveys/s1/results', { show: true })).status).toBe(200);
    await watcher.next((f) => f.t === 'delta' && JSON.stringify(f).includes('"shown":true'));
    const summary = await h.ops('GET', '/v1/rooms/r1/surveys/s1/results');
    expect(summary.body.results).toMatchObject({
      shown: true,
      responses: 1,
      questions: { drink: { n: 1, counts: [0, 0, 1] }, why: { n: 1 } },
    });
    for (const client of [watcher, alice]) expect(JSON.stringify(client.frames)).not.toContain(SECRET);
    expect(JSON.stringify(summary.body)).not.toContain(SECRET);
  });

  it('answers its ops routes with the documented statuses and errors relative to the body', async () => {
    const h = await startServer();
    const bad = await h.ops('POST', '/v1/rooms/r1/surveys', {
      ...SURVEY,
      pages: [{ questions: [{ id: 'q', type: 'single', title: 'Q', choices: ['a'] }] }],
    });
    expect(bad).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_body', path: 'pages[0].questions[0].choices' } },
    });
    expect(bad.body.error.message).toBe('pages[0].questions[0].choices: expected a list of 2–30 items');
    expect((await h.ops('POST', '/v1/rooms/r1/surveys', SURVEY)).status).toBe(201);
    expect((await h.ops('POST', '/v1/rooms/r1/surveys', SURVEY)).status).toBe(409);
    expect(
      (await h.ops('POST', '/v1/rooms/r1/surveys/s1/open', { timeLimitMs: 60_000 })).body.survey,
    ).toMatchObject({ status: 'open' });
    expect((await h.ops('POST', '/v1/rooms/r1/surveys/nope/open', {})).status).toBe(404);
    expect((await h.ops('POST', '/v1/rooms/r1/surveys/s1/close')).body.survey).toMatchObject({
      status: 'closed',
    });
    expect((await h.ops('POST', '/v1/rooms/r1/surveys/s1/close', undefined, null)).status).toBe(401);
    expect((await h.ops('DELETE', '/v1/rooms/r1/surveys/s1')).body).toEqual({ deleted: 's1' });
    expect((await h.ops('GET', '/v1/rooms/r1/surveys/s1/results')).status).toBe(404);
  });
});
