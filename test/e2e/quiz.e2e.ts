// The live quiz end to end: the real server (temp SQLite file) in this process, two viewers in
// Chromium on a page that loads `onair` as a consumer's bundler would. Ops run a 3-question quiz
// over the REST API; Ann answers with an honest clock, Bo's page runs 30 s ahead. Both count down
// the same seconds as the server, both see the same leaderboard, and every score the server
// recorded is what the documented formula gives for the answer times the server measured.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePageScript } from '../support/page-script.js';
import { type StaticServer, serve } from '../support/static-server.js';
import { launchChromium } from './support/chromium.js';
import { type LiveServer, startLiveServer } from './support/live-server.js';
import { watchForBreakage } from './support/page-problems.js';

const ROOM = 'e2e-quiz';
const SKEW_MS = 30_000;
/** The server's own bound on a connection's latency allowance (packages/games/README.md, "Timing"). */
const MAX_ALLOWANCE_MS = 250;

const QUESTIONS = [
  {
    text: 'Which city hosts the launch?',
    options: ['Paris', 'Lyon', 'Nice'],
    correct: [1],
    timeLimitMs: 20_000,
    points: 1000,
  },
  {
    text: 'How many colours in the new range?',
    options: ['3', '5', '8', '12'],
    correct: [2],
    timeLimitMs: 15_000,
    points: 2000,
  },
  {
    text: 'Which gift is new tonight?',
    options: ['Rocket', 'Heart'],
    correct: [0],
    timeLimitMs: 10_000,
    points: 500,
  },
];
const QUIZ = { id: 'q1', title: 'Brand day quiz', questions: QUESTIONS };

/** Per question: how long each viewer waits before answering, and the option they pick. */
const PLAY: { ann: [number, number]; bo: [number, number] }[] = [
  { ann: [600, 1], bo: [1_800, 1] }, // both right; Ann faster
  { ann: [900, 0], bo: [400, 2] }, // Ann wrong: her run ends; Bo right, a run of two
  { ann: [300, 0], bo: [1_200, 0] }, // both right; Bo's run of three
];

/** Moves every clock reading of the page `SKEW_MS` ahead before any of its scripts run. */
const SKEWED_CLOCK = `(() => {
  const skew = ${SKEW_MS};
  const Real = Date;
  const realNow = Real.now.bind(Real);
  class Skewed extends Real {
    constructor(...args) { if (args.length) super(...args); else super(realNow() + skew); }
    static now() { return realNow() + skew; }
  }
  globalThis.Date = Skewed;
  const origin = performance.timeOrigin + skew;
  Object.defineProperty(performance, 'timeOrigin', { get: () => origin });
})();`;

let browser: Browser;
let live: LiveServer;
let site: StaticServer;

beforeAll(async () => {
  const script = await bundlePageScript(`import 'onair';`);
  [browser, live] = await Promise.all([launchChromium(), startLiveServer(ROOM)]);
  site = await serve((req, res) => {
    if (req.url === '/page.js')
      return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    const name = new URL(req.url ?? '/', 'http://x').searchParams.get('name') ?? '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
      <html lang="en"><head><meta name="viewport" content="width=device-width"></head><body>
      <onair-room room="${ROOM}" server="${live.url}" lang="en">
        <onair-quiz player-name="${name}"></onair-quiz>
        <onair-quiz-leaderboard></onair-quiz-leaderboard>
      </onair-room>
      <script type="module" src="/page.js"></script></body></html>`);
  });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await live?.close();
});

interface Viewer {
  name: string;
  page: Page;
  problems: string[];
}

async function viewer(name: string, initScript?: string): Promise<Viewer> {
  const page = await browser.newPage({ viewport: { width: 390, height: 1400 } });
  if (initScript) await page.addInitScript({ content: initScript });
  const problems = watchForBreakage(page);
  await page.goto(`${site.origin}/?name=${name}`);
  return { name, page, problems };
}

/** An ops call on the room's quizzes at their REST paths; expects `status`. */
async function ops(
  method: string,
  path: string,
  input?: unknown,
  status = 200,
): Promise<Record<string, unknown>> {
  const { status: got, body } = await live.ops(method, `/quizzes${path}`, input);
  expect(got, `${method} ${path}: ${JSON.stringify(body)}`).toBe(status);
  return body;
}

const quizText = (v: Viewer) =>
  v.page.evaluate(() =>
    document.querySelector('onair-quiz')!.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim(),
  );
const phase = (v: Viewer) => v.page.locator('onair-quiz [part~="base"]').getAttribute('data-phase');
const timerSeconds = async (v: Viewer) =>
  Number(await v.page.locator('onair-quiz [part~="timer"] span').textContent());

/** Every row of a leaderboard (`selector`: the quiz's or the standalone one) as `rank name score`. */
const board = (v: Viewer, selector: string) =>
  v.page.evaluate(
    (sel) =>
      [...document.querySelector(sel)!.shadowRoot!.querySelectorAll('[part~="entry"]')].map((row) =>
        row.textContent!.replace(/\s+/g, ' ').trim(),
      ),
    selector,
  );

/** Leaderboard rows without the mark of the page's own viewer, which differs from page to page. */
const withoutYou = (rows: string[]) => rows.map((row) => row.replace(' (You)', ''));

/** Answers by tapping option `choice`; returns the server's clock just before and once locked. */
async function tap(v: Viewer, choice: number): Promise<{ before: number; after: number }> {
  const before = Date.now();
  await v.page.locator('onair-quiz [part~="option"]').nth(choice).click();
  await expect.poll(() => quizText(v), { timeout: 5_000 }).toContain('Answer locked');
  return { before, after: Date.now() };
}

interface ScoredAnswer {
  question: number;
  choice: number;
  ms: number;
  correct: boolean;
  points: number;
  bonus: number;
}
interface ResultRow {
  rank: number;
  id: string;
  name: string;
  score: number;
  streak: number;
  answers: ScoredAnswer[];
}

/**
 * The scoring of packages/games/README.md, written out again from the text: speed points
 * `round((1 − t/T/2) × points)` for a right answer, a streak bonus of `round(points × min(n − 1, 5) / 10)`
 * on the n-th right answer in a row, nothing for a wrong or missing answer (which ends the run).
 */
function documentedScore(answers: ScoredAnswer[]): { score: number; perQuestion: [number, number][] } {
  let run = 0;
  let score = 0;
  const perQuestion: [number, number][] = [];
  QUESTIONS.forEach((q, i) => {
    const answer = answers.find((a) => a.question === i);
    const right = !!answer && q.correct.includes(answer.choice);
    run = right ? run + 1 : 0;
    const points = right ? Math.round((1 - answer!.ms / q.timeLimitMs / 2) * q.points) : 0;
    const bonus = right ? Math.round((q.points * Math.min(run - 1, 5)) / 10) : 0;
    perQuestion.push([points, bonus]);
    score += points + bonus;
  });
  return { score, perQuestion };
}

describe('live quiz on the reference server', () => {
  it('runs 3 questions: server time on every page, one leaderboard, scores exactly as documented', async () => {
    await ops('POST', '', QUIZ, 201);
    const ann = await viewer('Ann');
    const bo = await viewer('Bo', SKEWED_CLOCK);
    const pages = [ann, bo];
    for (const v of pages)
      await expect.poll(() => quizText(v), { timeout: 15_000 }).toContain('3 questions · starting soon');
    // Bo's page really lives 30 s ahead of the server.
    const skew = (await bo.page.evaluate(() => Date.now())) - Date.now();
    expect(Math.abs(skew - SKEW_MS)).toBeLessThan(1_000);

    const timings: Record<string, { before: number; after: number }[]> = { Ann: [], Bo: [] };
    for (const [n, play] of PLAY.entries()) {
      const { quiz } = (await ops('POST', '/q1/start')) as { quiz: { openedAt: number; closesAt: number } };
      for (const v of pages) await expect.poll(() => phase(v), { timeout: 5_000 }).toBe('question');
      // The countdown is the server's: closesAt against server time, whatever the page's clock says.
      for (const v of pages) {
        const shown = await timerSeconds(v);
        const expected = Math.ceil((quiz.closesAt - Date.now()) / 1000);
        expect(Math.abs(shown - expected), `${v.name}'s timer on question ${n + 1}`).toBeLessThanOrEqual(1);
      }
      expect(await quizText(bo)).toContain(`Question ${n + 1} of 3`);

      const answered = await Promise.all(
        (
          [
            [ann, play.ann],
            [bo, play.bo],
          ] as const
        ).map(async ([v, [wait, choice]]) => {
          await v.page.waitForTimeout(wait);
          return tap(v, choice);
        }),
      );
      timings['Ann']!.push({
        before: answered[0]!.before - quiz.openedAt,
        after: answered[0]!.after - quiz.openedAt,
      });
      timings['Bo']!.push({
        before: answered[1]!.before - quiz.openedAt,
        after: answered[1]!.after - quiz.openedAt,
      });

      await ops('POST', '/q1/close');
      // The question locks once the longest latency allowance has passed; reveal is refused before.
      await expect
        .poll(async () => (await live.ops('POST', '/quizzes/q1/reveal')).status, { timeout: 3_000 })
        .toBe(200);
      for (const [v, [, choice]] of [
        [ann, play.ann],
        [bo, play.bo],
      ] as const) {
        const outcome = QUESTIONS[n]!.correct.includes(choice) ? 'right' : 'wrong';
        await expect
          .poll(() => v.page.locator('onair-quiz [part~="result"]').getAttribute('data-outcome'), {
            timeout: 5_000,
          })
          .toBe(outcome);
        // The viewer's place after this question reaches their page (asked for once per ranking).
        await expect.poll(() => quizText(v), { timeout: 5_000 }).toMatch(/#\d of 2/);
      }
      // The points each page shows for this question are the ones the server recorded.
      const round = (await ops('GET', '/q1/results')) as { results: ResultRow[] };
      for (const v of pages) {
        const scored = round.results
          .find((row) => row.name === v.name)!
          .answers.find((a) => a.question === n)!;
        const gain = v.page.locator('onair-quiz [part~="result"] .gain');
        if (scored.correct)
          expect(await gain.textContent()).toBe(`+${(scored.points + scored.bonus).toLocaleString('en')}`);
        else expect(await gain.count()).toBe(0);
      }
      // The standalone leaderboards agree after every reveal, each marking its own viewer's line.
      const standalone = await Promise.all(pages.map((v) => board(v, 'onair-quiz-leaderboard')));
      expect(standalone[0]).toHaveLength(2);
      expect(withoutYou(standalone[0]!)).toEqual(withoutYou(standalone[1]!));
      for (const [i, v] of pages.entries())
        expect(standalone[i]!.filter((row) => row.includes(`${v.name} (You)`))).toHaveLength(1);

      if (n < PLAY.length - 1) await ops('POST', '/q1/leaderboard');
      else await ops('POST', '/q1/end');
      for (const v of pages)
        await expect
          .poll(() => phase(v), { timeout: 5_000 })
          .toBe(n < PLAY.length - 1 ? 'leaderboard' : 'ended');
    }

    // The server's record: every answer as scored, with the time it measured.
    const { results, players, after } = (await ops('GET', '/q1/results')) as {
      results: ResultRow[];
      players: number;
      after: number;
    };
    expect({ players, after }).toEqual({ players: 2, after: 2 });
    for (const row of results)
      console.log(
        `${row.name}: #${row.rank} ${row.score} pts, answers ${row.answers.map((a) => `${a.ms} ms ${a.correct ? '✓' : '✗'} ${a.points}+${a.bonus}`).join(' | ')}`,
      );
    for (const row of results) {
      const plays = PLAY.map((p) => (row.name === 'Ann' ? p.ann : p.bo));
      expect(row.answers.map((a) => a.choice)).toEqual(plays.map(([, choice]) => choice));
      // Each time is the server's: inside the span the test saw the tap take on the server's clock
      // (less at most the allowance), so Bo's 30 s clock counted for nothing.
      row.answers.forEach((a, i) => {
        const seen = timings[row.name]![i]!;
        expect(a.ms, `${row.name}, question ${i + 1}`).toBeGreaterThanOrEqual(
          Math.max(0, seen.before - MAX_ALLOWANCE_MS),
        );
        expect(a.ms, `${row.name}, question ${i + 1}`).toBeLessThanOrEqual(seen.after);
      });
      const expected = documentedScore(row.answers);
      expect(
        row.answers.map((a) => [a.points, a.bonus]),
        row.name,
      ).toEqual(expected.perQuestion);
      expect(row.score, row.name).toBe(expected.score);
    }
    // Bo: three right answers in a row; Ann's wrong second answer ended her run.
    expect(Object.fromEntries(results.map((r) => [r.name, r.streak]))).toEqual({ Ann: 1, Bo: 3 });
    const ranked = [...results].sort((a, b) => b.score - a.score);
    expect(results.map((r) => r.name)).toEqual(ranked.map((r) => r.name));

    // Both pages show the same final leaderboard, and it is the server's.
    const finals = await Promise.all(pages.map((v) => board(v, 'onair-quiz')));
    const format = (n: number) => n.toLocaleString('en');
    const youOn = (v: Viewer) => (row: ResultRow) => (row.name === v.name ? ' (You)' : '');
    for (const [i, v] of pages.entries())
      expect(finals[i]).toEqual(
        results.map(
          (row) =>
            `${row.rank <= 3 ? ['🥇', '🥈', '🥉'][row.rank - 1] : ''}${row.rank} ${row.name}${youOn(v)(row)} ${format(row.score)}`,
        ),
      );
    expect(withoutYou(finals[0]!)).toEqual(withoutYou(finals[1]!));
    for (const v of pages) expect(await quizText(v)).toContain('Final results · Quiz over');
    expect(ann.problems).toEqual([]);
    expect(bo.problems).toEqual([]);
  }, 120_000);
});
