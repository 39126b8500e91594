import { createRoom, type RoomContext } from '@onair/core';
import type { Clock } from '@onair/core/feature.js';
import { createLocalRoom, type LocalRoom, localNetwork } from '@onair/core/local-room.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../onair-quiz.js';
import '../onair-quiz-leaderboard.js';
import { fakeClock } from '../../../../test/support/fake-clock.js';
import { listenersLeftOver } from '../../../../test/support/leaks.js';
import { until } from '../../../../test/support/until.js';
import type { AnswerRequestDetail } from '../events.js';
import type { OnairQuizLeaderboard } from '../leaderboard/leaderboard.js';
import { quizFeature } from '../model/quiz-feature.js';
import type { QuizConfigInput } from '../model/quiz-schema.js';
import type { OnairQuiz } from './quiz.js';

const QUIZ: QuizConfigInput = {
  id: 'q1',
  title: 'Brand day quiz',
  questions: [
    {
      text: 'Which city hosts the launch?',
      options: ['Paris', 'Lyon', 'Nice'],
      correct: [1],
      timeLimitMs: 20_000,
    },
    { text: 'How many colours?', options: ['3', '5'], correct: [0], timeLimitMs: 20_000, points: 500 },
  ],
};

interface Setup {
  el: OnairQuiz;
  local: LocalRoom;
  room: RoomContext;
  ops(name: string, input?: Record<string, unknown>): void;
}

const rooms: LocalRoom[] = [];
afterEach(() => {
  for (const local of rooms.splice(0)) local.dispose();
});

/** A quiz element in an in-page room reached over frames, as a server would be. */
async function liveQuiz(
  attrs: {
    lang?: string;
    theme?: 'light' | 'dark';
    clock?: Clock;
    start?: boolean;
    before?: () => void;
    events?: { type: string; props: Record<string, unknown> }[];
  } = {},
): Promise<Setup> {
  const local = createLocalRoom({
    room: `quiz-${Math.random().toString(36).slice(2)}`,
    features: [quizFeature],
    flushMs: 0,
    ...(attrs.clock ? { clock: attrs.clock } : {}),
  });
  rooms.push(local);
  const ops = (name: string, input: Record<string, unknown> = { quiz: 'q1' }) => {
    const answer = local.command(name, input);
    if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
    local.flush();
  };
  ops('quiz.create', { quiz: QUIZ });
  if (attrs.start !== false) ops('quiz.start');
  attrs.before?.();
  const room = createRoom({
    room: local.room,
    transport: localNetwork(local).transport(),
    ...(attrs.theme ? { theme: attrs.theme } : {}),
    ...(attrs.events
      ? { telemetry: { track: (type: string, props = {}) => attrs.events!.push({ type, props }) } }
      : {}),
  });
  const el = await fixture<OnairQuiz>(
    html`<onair-quiz lang=${attrs.lang ?? 'en'} .room=${room}></onair-quiz>`,
  );
  await until(el, () => !!el.shadowRoot?.querySelector('[part~="title"]'));
  return { el, local, room, ops };
}

const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const options = (el: OnairQuiz) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="option"]')];
const live = (el: Element) => el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent!.trim();

/** Another viewer answers through their own channel. */
async function otherAnswers(local: LocalRoom, question: number, choice: number): Promise<void> {
  const channel = local.connect();
  await channel.act('quiz.answer', { quiz: 'q1', question, choice });
  channel.close();
  local.flush();
}

/** Closes the open question and waits for it to lock (the latency allowance after the close). */
async function closeAndLock(setup: Setup): Promise<void> {
  setup.ops('quiz.close');
  await until(setup.el, () => setup.local.state()['quizzes']?.['q1']?.['status'] === 'locked', 2000);
}

describe('<onair-quiz>', () => {
  describe('accessibility (axe)', () => {
    for (const [name, attrs] of [
      ['question, light', { theme: 'light' }],
      ['question, dark', { theme: 'dark' }],
      ['question, zh-CN', { lang: 'zh-CN' }],
      ['waiting', { start: false }],
    ] as const)
      it(`passes axe: ${name}`, async () => {
        const { el } = await liveQuiz(attrs);
        await expect(el).to.be.accessible();
      });

    it('passes axe with the answer locked, revealed, on the leaderboard and ended, in both themes', async () => {
      for (const theme of ['light', 'dark'] as const) {
        const setup = await liveQuiz({ theme });
        const { el } = setup;
        options(el)[1]!.click();
        await until(el, () => text(el).includes('Answer locked'));
        await expect(el).to.be.accessible();
        await otherAnswers(setup.local, 0, 0);
        await closeAndLock(setup);
        setup.ops('quiz.reveal');
        await until(el, () => text(el).includes('Correct answer') && text(el).includes('#1 of 2'));
        await expect(el).to.be.accessible();
        setup.ops('quiz.leaderboard');
        await until(el, () => !!el.shadowRoot!.querySelector('[part~="board"]'));
        await expect(el).to.be.accessible();
        setup.ops('quiz.end');
        await until(el, () => text(el).includes('Quiz over'));
        await expect(el).to.be.accessible();
      }
    });

    it('passes axe without a quiz, and says it needs a room without one', async () => {
      const local = createLocalRoom({ features: [quizFeature], flushMs: 0 });
      rooms.push(local);
      const room = createRoom({ room: local.room, transport: localNetwork(local).transport() });
      const el = await fixture<OnairQuiz>(html`<onair-quiz lang="en" .room=${room}></onair-quiz>`);
      await until(el, () => text(el).includes('No quiz right now'));
      await expect(el).to.be.accessible();
      const lonely = await fixture<OnairQuiz>(html`<onair-quiz lang="en"></onair-quiz>`);
      await until(lonely, () => !!lonely.shadowRoot!.querySelector('[role="alert"]'));
      expect(text(lonely)).to.contain('<onair-room>');
      await expect(lonely).to.be.accessible();
    });
  });

  describe('playing', () => {
    it('plays with the keyboard: Tab to an option, Enter answers, focus stays on the locked answer', async () => {
      const { el } = await liveQuiz();
      expect(text(el)).to.contain('Question 1 of 2').and.contain('Which city hosts the launch?');
      options(el)[0]!.focus();
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(options(el)[1]);
      const answered = oneEvent(el, 'onair-answer');
      await sendKeys({ press: 'Enter' });
      const { detail } = await answered;
      expect(detail).to.include({ quizId: 'q1', question: 0, choice: 1 });
      expect(detail.ms).to.be.a('number').within(0, 20_000);
      await until(el, () => el.shadowRoot!.activeElement?.getAttribute('part') === 'status');
      expect(text(el)).to.contain('Answer locked');
      expect(options(el).every((o) => (o as HTMLButtonElement).disabled)).to.equal(true);
      expect(options(el)[1]!.hasAttribute('data-mine')).to.equal(true);
      expect(live(el)).to.equal('Answer locked: B: Lyon.');
    });

    it('counts down from the server’s clock, not the page’s: a late page shows what everyone sees', async () => {
      // The room's clock runs 10 minutes ahead of this page's, and the question opened 7 s ago.
      const offset = 600_000;
      let shift = offset;
      const clock: Clock = {
        now: () => Date.now() + shift,
        setTimer: (fn, ms) => {
          const handle = setTimeout(fn, ms);
          return { cancel: () => clearTimeout(handle) };
        },
      };
      shift = offset - 7_000;
      const { el } = await liveQuiz({ clock, before: () => (shift = offset) });
      const seconds = () => Number(el.shadowRoot!.querySelector('[part~="timer"] span')!.textContent);
      await until(el, () => seconds() === 13);
      expect(el.shadowRoot!.querySelector('[part~="timer"]')!.getAttribute('aria-label')).to.equal(
        '13 seconds left',
      );
    });

    it('reveals the answer, how everyone answered, the viewer’s points, streak and rank; then the leaderboard', async () => {
      const setup = await liveQuiz();
      const { el, local, ops } = setup;
      el.playerName = 'Ann';
      options(el)[1]!.click();
      await until(el, () => text(el).includes('Answer locked'));
      await otherAnswers(local, 0, 0);
      await otherAnswers(local, 0, 1);
      await closeAndLock(setup);
      ops('quiz.reveal');
      await until(el, () => text(el).includes('#'));
      const rows = options(el);
      expect(rows.map((row) => row.querySelector('[part~="count"]')!.textContent)).to.deep.equal([
        '33% · 1',
        '67% · 2',
        '0% · 0',
      ]);
      expect(rows[1]!.hasAttribute('data-correct')).to.equal(true);
      expect(text(el)).to.contain('✓ Correct!').and.contain('#1 of 3');
      const result = el.shadowRoot!.querySelector('[part~="result"]')!;
      expect(result.getAttribute('data-outcome')).to.equal('right');
      expect(result.querySelector('.gain')!.textContent).to.match(/^\+(9\d\d|1,000)$/);

      ops('quiz.leaderboard');
      await until(el, () => !!el.shadowRoot!.querySelector('[part~="board"]'));
      const entries = [...el.shadowRoot!.querySelectorAll('[part~="entry"]')];
      expect(entries).to.have.length(3);
      expect(entries[0]!.hasAttribute('data-mine')).to.equal(true);
      expect(entries[0]!.textContent).to.contain('Ann');
      expect(text(el)).to.contain('After question 1');

      // The next question: a streak of two, with its bonus.
      ops('quiz.start');
      await until(el, () => text(el).includes('Question 2 of 2'));
      options(el)[0]!.click();
      await until(el, () => text(el).includes('Answer locked'));
      await closeAndLock(setup);
      ops('quiz.reveal');
      await until(el, () => text(el).includes('2 in a row'));
      expect(text(el)).to.contain('+50 streak bonus');
    });

    it('a page can veto an answer; a refused one shows why and fires onair-error', async () => {
      const setup = await liveQuiz();
      const { el } = setup;
      const veto = (event: CustomEvent<AnswerRequestDetail>) => event.preventDefault();
      el.addEventListener('onair-answer-request', veto, { once: true });
      let answers = 0;
      el.addEventListener('onair-answer', () => answers++);
      options(el)[0]!.click();
      await el.updateComplete;
      expect(answers).to.equal(0);
      expect(setup.local.state()['quizzes']?.['q1']?.['answered']).to.equal(0);
      // The other tab answered already; this one learns it from the server.
      const other = setup.local.connect(setup.room.channel!.$viewer.get()!.id);
      await other.act('quiz.answer', { quiz: 'q1', question: 0, choice: 2 });
      const failed = oneEvent(el, 'onair-error');
      options(el)[0]!.click();
      expect((await failed).detail.code).to.equal('already_answered');
      await until(el, () => !!el.shadowRoot!.querySelector('[role="alert"]'));
      expect(text(el)).to.contain('You already answered this question.');
    });

    it('setting a property fires nothing', async () => {
      const { el } = await liveQuiz();
      let fired = 0;
      for (const name of ['onair-answer', 'onair-answer-request', 'onair-error'])
        el.addEventListener(name, () => fired++);
      el.playerName = 'Bo';
      el.quizId = 'q1';
      await el.updateComplete;
      el.quizId = 'missing';
      await el.updateComplete;
      expect(fired).to.equal(0);
      expect(text(el)).to.contain('No quiz right now');
    });
  });

  describe('the timer, spoken', () => {
    it('is announced at the question, 10 and 5 seconds left and time up — never every second', async () => {
      const clock = fakeClock(Date.now());
      const setup = await liveQuiz({ clock, start: false });
      const { el, local, ops } = setup;
      const spoken: string[] = [];
      const region = el.shadowRoot!.querySelector('[aria-live="polite"]')!;
      new MutationObserver(() => spoken.push(region.textContent!.trim())).observe(region, {
        childList: true,
        characterData: true,
        subtree: true,
      });
      ops('quiz.start');
      await until(el, () => spoken.length === 1);
      // The room's clock jumps to 10.5, 4.5 and -0.3 s before the close; the next frame from it
      // (a delta) carries its time to the page.
      const closesAt = clock.now() + 20_000;
      for (const [left, waitFor] of [
        [10_500, '10 seconds left.'],
        [4_500, '5 seconds left.'],
        [-300, 'Time’s up.'],
      ] as const) {
        clock.advance(closesAt - left - clock.now());
        await otherAnswers(local, 0, 0).catch(() => local.flush());
        await until(el, () => spoken.at(-1) === waitFor, 3000);
      }
      expect(spoken).to.deep.equal([
        'Question 1 of 2: Which city hosts the launch?. 20 seconds.',
        '10 seconds left.',
        '5 seconds left.',
        'Time’s up.',
      ]);
    });
  });

  describe('looks', () => {
    it('Chinese: every word in zh-CN', async () => {
      const { el } = await liveQuiz({ lang: 'zh-CN' });
      expect(text(el)).to.contain('第 1/2 题').and.contain('1,000 分').and.contain('0 人已作答');
      expect(el.shadowRoot!.querySelector('[part~="timer"]')!.getAttribute('aria-label')).to.match(
        /^剩余 \d+ 秒$/,
      );
    });

    it('reduced motion: the countdown ring and the result bars do not animate', async () => {
      const { el } = await liveQuiz();
      const ring = () => el.shadowRoot!.querySelector('.left')!;
      expect(getComputedStyle(ring()).transitionDuration).to.equal('1s');
      await emulateMedia({ reducedMotion: 'reduce' });
      try {
        expect(parseFloat(getComputedStyle(ring()).transitionDuration)).to.be.below(0.001);
      } finally {
        await emulateMedia({ reducedMotion: 'no-preference' });
      }
    });

    it('leaves no listeners behind over 50 mounts', async () => {
      const { room } = await liveQuiz();
      const { before, after } = await listenersLeftOver(room, () => {
        const el = document.createElement('onair-quiz');
        el.room = room;
        return el;
      });
      expect(after).to.deep.equal(before);
    });
  });
});

describe('<onair-quiz-leaderboard>', () => {
  it('passes axe, and follows the quiz: the board after each reveal and the viewer’s own place', async () => {
    const setup = await liveQuiz();
    const { el, room, local, ops } = setup;
    const board = await fixture<OnairQuizLeaderboard>(
      html`<onair-quiz-leaderboard lang="en" .room=${room}></onair-quiz-leaderboard>`,
    );
    await until(board, () => text(board).includes('No scores yet'));
    await expect(board).to.be.accessible();
    for (let i = 0; i < 11; i++) await otherAnswers(local, 0, 1);
    options(el)[0]!.click(); // wrong: last place
    await until(el, () => text(el).includes('Answer locked'));
    await closeAndLock(setup);
    ops('quiz.reveal');
    await until(board, () => board.shadowRoot!.querySelectorAll('[part~="entry"]').length === 10);
    await until(board, () => !!board.shadowRoot!.querySelector('[part~="own"]'));
    expect(board.shadowRoot!.querySelector('[part~="own"]')!.textContent!.replace(/\s+/g, ' ')).to.contain(
      '#12 of 12',
    );
    expect(text(board)).to.contain('After question 1');
    await expect(board).to.be.accessible();
  });

  it('reports each ranking once it knows the viewer’s place in it: game.leaderboard_view with their rank', async () => {
    const events: { type: string; props: Record<string, unknown> }[] = [];
    const setup = await liveQuiz({ events });
    const { el, room, local, ops } = setup;
    await fixture(html`<onair-quiz-leaderboard lang="en" .room=${room}></onair-quiz-leaderboard>`);
    await otherAnswers(local, 0, 1);
    options(el)[0]!.click(); // wrong: second place
    await until(el, () => text(el).includes('Answer locked'));
    await closeAndLock(setup);
    ops('quiz.reveal');
    const views = () => events.filter((e) => e.type === 'game.leaderboard_view');
    await until(el, () => views().length === 1);
    expect(views()[0]!.props).to.deep.equal({
      game: 'quiz',
      quiz: 'q1',
      question: 0,
      rank: 2,
      surface: 'leaderboard',
    });
    ops('quiz.leaderboard');
    await until(el, () => views().length === 2);
    expect(views()[1]!.props).to.include({ rank: 2, surface: 'quiz' });
  });

  it('says in Chinese when nothing is ranked yet', async () => {
    const { room } = await liveQuiz({ lang: 'zh-CN', start: false });
    const board = await fixture<OnairQuizLeaderboard>(
      html`<onair-quiz-leaderboard lang="zh-CN" .room=${room}></onair-quiz-leaderboard>`,
    );
    await until(board, () => text(board).includes('暂无成绩'));
    expect(text(board)).to.contain('排行榜 · Brand day quiz');
  });
});
