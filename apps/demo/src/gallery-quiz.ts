/**
 * Every state of `<onair-quiz>` and `<onair-quiz-leaderboard>`, each on an in-page room whose
 * clock moves only when this page says: the crowd answers at set moments, so the points, the
 * countdown (stopped where it is shown) and the ranks are the same on every load.
 */
import 'onair/onair-quiz.js';
import 'onair/onair-quiz-leaderboard.js';
import { type Channel, createRoom } from '@onair/core';
import { createLocalRoom, type LocalRoom, type ManualClock, manualClock } from '@onair/core/local-room.js';
import { type QuizConfigInput, quizFeature } from '@onair/games/model.js';
import { type Caption, prefs, show } from './gallery.js';

const zh = prefs.lang === 'zh-CN';
const l = (en: string, cn: string) => (zh ? cn : en);
const LIMIT = 20_000;

const QUIZ: QuizConfigInput = {
  id: 'brand-day',
  title: l('Friday brand day quiz', '周五品牌日 · 有奖答题'),
  questions: [
    {
      text: l('Which city hosts tonight’s launch?', '今晚的新品发布会在哪个城市举行？'),
      options: [l('Shanghai', '上海'), l('Hangzhou', '杭州'), l('Chengdu', '成都'), l('Shenzhen', '深圳')],
      correct: [1],
      timeLimitMs: LIMIT,
    },
    {
      text: l('How many shades does the new velvet lipstick come in?', '新款丝绒口红一共有几个色号？'),
      options: ['6', '8', '12'],
      correct: [2],
      timeLimitMs: LIMIT,
    },
    {
      text: l('Which product is in the picture?', '图中是哪件商品？'),
      options: [
        l('Hydrating serum', '补水精华'),
        l('Velvet lipstick', '丝绒口红'),
        l('Silk scarf with the autumn print, limited edition', '秋季印花真丝方巾（限量款，直播间专享价）'),
      ],
      correct: [0],
      timeLimitMs: LIMIT,
      image: `${location.origin}/products/serum.svg`,
    },
  ],
};

const CROWD = zh
  ? [
      '小林',
      '梅子',
      '阿浩',
      '月月',
      '俊杰',
      '桃桃',
      '欣欣',
      '波波',
      '宁宁',
      '凯凯',
      '瑞瑞',
      '琪琪',
      '安安',
      '乐乐',
    ]
  : ['Lin', 'Mei', 'Hao', 'Yue', 'Jun', 'Tao', 'Xin', 'Bo', 'Ning', 'Kai', 'Rui', 'Qi', 'An', 'Le'];

/** Who answers what, when (ms after the question opened); `me` is the page's own viewer. */
type Plan = [who: number | 'me', choice: number, atMs: number][];

/** The crowd: most are right, the fast ones first; a few pick each wrong option. */
function crowdPlan(question: number, count: number, right: number): Plan {
  return Array.from({ length: count }, (_, i) => {
    const wrong = i % 4 === 3;
    const choice = wrong ? (right + 1 + (i % 3)) % QUIZ.questions[question]!.options.length : right;
    return [i, choice, 1_200 + ((i * 1_370 + question * 610) % 15_000)];
  });
}

class QuizStage {
  readonly local: LocalRoom;
  readonly clock: ManualClock = manualClock(Date.UTC(2026, 11, 4, 12));
  readonly me: Channel;
  private readonly crowd: Channel[];

  constructor(name: string) {
    this.local = createLocalRoom({
      room: `gallery-quiz-${name}`,
      features: [quizFeature],
      clock: this.clock,
    });
    this.me = this.local.connect();
    this.crowd = CROWD.map((_, i) => this.local.connect(`crowd-${i}`));
    this.ops('quiz.create', { quiz: QUIZ });
  }

  ops(name: string, input: object = { quiz: QUIZ.id }): void {
    const answer = this.local.command(name, input);
    if (!answer.ok) console.error(name, answer.error);
  }

  /** Opens `question`, has everyone answer by the plan, and stops the clock `stopAt` ms in. */
  async ask(question: number, plan: Plan, stopAt = LIMIT + 250): Promise<void> {
    this.ops('quiz.start', { quiz: QUIZ.id, question });
    let at = 0;
    for (const [who, choice, when] of [...plan].sort((a, b) => a[2] - b[2])) {
      if (when > stopAt) break;
      this.clock.advance(when - at);
      at = when;
      const channel = who === 'me' ? this.me : this.crowd[who]!;
      const name = who === 'me' ? l('Mia', '小美') : CROWD[who]!;
      await channel.act('quiz.answer', { quiz: QUIZ.id, question, choice, name }).catch(() => {});
    }
    this.clock.advance(stopAt - at);
  }

  element(tag: 'onair-quiz' | 'onair-quiz-leaderboard' = 'onair-quiz'): HTMLElement {
    const el = document.createElement(tag);
    el.theme = prefs.theme;
    el.room = createRoom({ room: this.local.room, channel: this.me, theme: prefs.theme });
    return el;
  }
}

interface Variant {
  caption: Caption;
  /** Drives the room into the state; returns the element to show. */
  build(stage: QuizStage): Promise<HTMLElement>;
}

const list: Variant[] = [
  {
    caption: { en: 'Waiting for the first question', zh: '等待第一题' },
    build: async (stage) => stage.element(),
  },
  {
    caption: {
      en: 'A question: time left by the server’s clock, one tap to answer',
      zh: '答题中：按服务器时间倒计时，点选即作答',
    },
    build: async (stage) => {
      await stage.ask(0, crowdPlan(0, 9, 1), 7_200);
      return stage.element();
    },
  },
  {
    caption: { en: 'Answer locked, the last seconds', zh: '答案已锁定，最后几秒' },
    build: async (stage) => {
      await stage.ask(0, [...crowdPlan(0, 14, 1), ['me', 1, 4_100]], 16_400);
      return stage.element();
    },
  },
  {
    caption: { en: 'Time’s up: the answer is coming', zh: '时间到：即将揭晓答案' },
    build: async (stage) => {
      await stage.ask(0, [...crowdPlan(0, 14, 1), ['me', 2, 9_000]]);
      return stage.element();
    },
  },
  {
    caption: { en: 'Reveal: right, with a streak, points and rank', zh: '揭晓：答对，连对奖励、得分和排名' },
    build: async (stage) => {
      await stage.ask(0, [...crowdPlan(0, 14, 1), ['me', 1, 2_300]]);
      stage.ops('quiz.reveal');
      await stage.ask(1, [...crowdPlan(1, 14, 2), ['me', 2, 3_100]]);
      stage.ops('quiz.reveal');
      return stage.element();
    },
  },
  {
    caption: { en: 'Reveal: a picture question, answered wrong', zh: '揭晓：看图题，答错了' },
    build: async (stage) => {
      await stage.ask(2, [...crowdPlan(2, 14, 0), ['me', 2, 6_400]]);
      stage.ops('quiz.reveal');
      return stage.element();
    },
  },
  {
    caption: { en: 'Leaderboard: the viewer among the top 10', zh: '排行榜：你在前 10 名' },
    build: async (stage) => {
      for (const [n, right] of [
        [0, 1],
        [1, 2],
      ] as const)
        await stage.ask(n, [...crowdPlan(n, 14, right), ['me', right, 2_000 + n * 1_800]]);
      stage.ops('quiz.leaderboard');
      return stage.element();
    },
  },
  {
    caption: {
      en: 'Leaderboard: the viewer’s own place below the top 10',
      zh: '排行榜：你的名次在前 10 名之后',
    },
    build: async (stage) => {
      await stage.ask(0, [...crowdPlan(0, 14, 1), ['me', 0, 12_000]]);
      stage.ops('quiz.leaderboard');
      return stage.element();
    },
  },
  {
    caption: { en: 'Ended: the final results', zh: '答题结束：最终排名' },
    build: async (stage) => {
      for (const [n, right] of [
        [0, 1],
        [1, 2],
        [2, 0],
      ] as const)
        await stage.ask(n, [...crowdPlan(n, 14, right), ['me', right, 5_000]]);
      stage.ops('quiz.end');
      return stage.element();
    },
  },
  {
    caption: {
      en: '<onair-quiz-leaderboard> on its own, in a side column',
      zh: '独立排行榜 <onair-quiz-leaderboard>，放在侧栏',
    },
    build: async (stage) => {
      await stage.ask(0, [...crowdPlan(0, 14, 1), ['me', 1, 3_000]]);
      stage.ops('quiz.reveal');
      return stage.element('onair-quiz-leaderboard');
    },
  },
  {
    caption: { en: 'No quiz in the room', zh: '直播间暂无答题' },
    build: async (stage) => {
      stage.ops('quiz.delete');
      return stage.element();
    },
  },
];

// Built one after another and shown in order, each on a room of its own.
for (const [index, variant] of list.entries()) {
  const figure = show(variant.caption, document.createElement('div'));
  const el = await variant.build(new QuizStage(String(index)));
  figure.querySelector('div')!.replaceWith(el);
}
