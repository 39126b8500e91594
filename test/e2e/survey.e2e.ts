// A survey on the reference server, filled in Chromium: ops open a three-page survey with a branch
// through the ops API, a viewer answers (the branch page shows because of an answer on the first),
// submits, and the server holds the response (one row per answered question, exported as CSV)
// while the collector holds the survey's events. A second viewer leaves half-way: survey.abandon
// names the last question answered.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePageScript } from '../support/page-script.js';
import { type StaticServer, serve } from '../support/static-server.js';
import { launchChromium } from './support/chromium.js';
import { type LiveServer, startLiveServer } from './support/live-server.js';
import { watchForBreakage } from './support/page-problems.js';

const ROOM = 'e2e-survey';

const SURVEY = {
  id: 'tonight',
  title: 'Tonight’s stream',
  pages: [
    {
      questions: [
        { id: 'drink', type: 'single', title: 'Tea or coffee?', choices: ['tea', 'coffee'], required: true },
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
      title: 'For tea drinkers',
      visibleIf: "{drink} = 'tea'",
      questions: [
        { id: 'leaf', type: 'dropdown', title: 'Which tea?', choices: ['green', 'oolong'], required: true },
      ],
    },
    {
      questions: [
        { id: 'rate', type: 'rating', title: 'Rate the host', required: true },
        { id: 'wish', type: 'longtext', title: 'Anything else?', maxLength: 200 },
      ],
    },
  ],
};

const PAGE_SCRIPT = (server: string) => `
import 'onair/onair-survey.js';
import { createRoom } from '@onair/core';
const room = createRoom({ room: '${ROOM}', server: '${server}', telemetryEndpoint: '${server}/v1/events', lang: 'en' });
window.room = room;
const survey = document.createElement('onair-survey');
survey.room = room;
document.body.append(survey);
`;

let browser: Browser;
let live: LiveServer;
let site: StaticServer;

beforeAll(async () => {
  live = await startLiveServer(ROOM);
  const script = await bundlePageScript(PAGE_SCRIPT(live.url));
  site = await serve((req, res) => {
    if (req.url === '/page.js')
      return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    res
      .writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': `default-src 'self'; connect-src 'self' ${live.url} ${live.url.replace('http', 'ws')}; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html`,
      })
      .end(
        '<!doctype html><html lang="en"><body><script type="module" src="/page.js"></script></body></html>',
      );
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await live?.close();
});

const survey = (page: Page) => page.locator('onair-survey');
const next = (page: Page) => survey(page).locator('[part~="next"]');
const flush = (page: Page) =>
  page.evaluate(async () => {
    await (
      window as unknown as { room: { telemetry?: { flush?: () => Promise<void> } } }
    ).room.telemetry?.flush?.();
  });
const events = () =>
  (
    live.events
      .prepare(
        "SELECT type, viewer, props FROM telemetry_events WHERE room = ? AND (type LIKE 'survey.%' OR type LIKE 'widget.%') ORDER BY seq",
      )
      .all(ROOM) as { type: string; viewer: string; props: string }[]
  ).map((row) => ({
    type: row.type,
    viewer: row.viewer,
    props: JSON.parse(row.props) as Record<string, unknown>,
  }));

describe('a survey on the reference server', () => {
  it('is filled in three pages through a branch, stored once per question, and reported', async () => {
    expect((await live.ops('POST', '/surveys?open=true', SURVEY)).status).toBe(201);
    const page = await browser.newPage({ viewport: { width: 600, height: 900 } });
    const problems = watchForBreakage(page);
    await page.goto(site.origin);
    await expect
      .poll(() => survey(page).locator('legend').first().textContent(), { timeout: 15_000 })
      .toContain('Tea or coffee?');
    await expect.poll(() => survey(page).locator('[part~="header"]').textContent()).toContain('Page 1 of 2');

    await survey(page).getByLabel('tea').check();
    await expect.poll(() => survey(page).locator('[part~="header"]').textContent()).toContain('Page 1 of 3');
    await survey(page).getByLabel('nuts').check();
    await next(page).click();
    await expect.poll(() => survey(page).locator('.page-title').textContent()).toBe('For tea drinkers');
    await next(page).click(); // nothing picked: refused in the page
    await expect
      .poll(() => survey(page).locator('[part~="question-error"]').textContent())
      .toBe('Please answer this question.');
    await survey(page).getByLabel('Which tea?').selectOption('oolong');
    await next(page).click();
    await survey(page).getByLabel('4', { exact: true }).check();
    await survey(page).getByLabel('Anything else?').fill('More tea tastings, please');
    await next(page).click();
    await expect
      .poll(() => survey(page).locator('[part~="done"]').textContent())
      .toContain('your answers are in');

    const stored = await live.ops('GET', '/surveys/tonight/responses');
    const responses = stored.body['responses'] as { response: string; answers: object }[];
    expect(responses).toHaveLength(1);
    expect(responses[0]!.answers).toEqual({
      drink: 'tea',
      snacks: ['nuts'],
      leaf: 'oolong',
      rate: 4,
      wish: 'More tea tastings, please',
    });
    const rows = live.server.db
      .prepare(
        "SELECT json_extract(row, '$.question') AS question FROM logs WHERE room = ? AND log = 'answers' ORDER BY seq",
      )
      .all(ROOM) as { question: string }[];
    expect(rows.map((r) => r.question)).toEqual(['drink', 'snacks', 'leaf', 'rate', 'wish']);
    const csv = await fetch(`${live.url}/v1/rooms/${ROOM}/surveys/tonight/responses?format=csv`, {
      headers: { authorization: `Bearer ${live.opsToken}` },
    }).then((r) => r.text());
    expect(csv.split('\r\n')[1]).toMatch(/,tea,nuts,oolong,4,"More tea tastings, please"$/);

    await flush(page);
    await expect.poll(() => events().map((e) => e.type), { timeout: 5000 }).toContain('survey.submit');
    const seen = events();
    expect(seen.find((e) => e.type === 'widget.open')?.props).toMatchObject({ survey: 'tonight' });
    expect(seen.find((e) => e.type === 'survey.start')?.props).toEqual({
      survey: 'tonight',
      pages: 3,
      questions: 5,
    });
    expect(
      seen.filter((e) => e.type === 'survey.page').map((e) => [e.props['page'], e.props['pages']]),
    ).toEqual([
      [1, 2],
      [2, 3],
      [3, 3],
    ]);
    expect(seen.filter((e) => e.type === 'survey.answer').map((e) => e.props['question'])).toEqual([
      'drink',
      'snacks',
      'leaf',
      'rate',
      'wish',
    ]);
    expect(seen.find((e) => e.type === 'survey.answer')?.props).toEqual({
      survey: 'tonight',
      question: 'drink',
      type: 'single',
    });
    expect(seen.find((e) => e.type === 'survey.submit')?.props).toMatchObject({
      survey: 'tonight',
      answered: 5,
    });
    // What viewers wrote goes to the survey's own storage only, never to telemetry.
    expect(JSON.stringify(seen)).not.toContain('tastings');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('reports survey.abandon with the last question answered when a viewer leaves half-way', async () => {
    const page = await browser.newPage({ viewport: { width: 600, height: 900 } });
    await page.goto(site.origin);
    await expect
      .poll(() => survey(page).locator('legend').first().textContent(), { timeout: 15_000 })
      .toContain('Tea or coffee?');
    await survey(page).getByLabel('coffee').check();
    await survey(page).getByLabel('chips').check();
    await flush(page);
    await page.close({ runBeforeUnload: true });
    await expect
      .poll(() => events().find((e) => e.type === 'survey.abandon')?.props ?? null, { timeout: 8000 })
      .toEqual({ survey: 'tonight', question: 'snacks', page: 1 });
  });
});
