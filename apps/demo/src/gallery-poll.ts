/** Builds every state of `<onair-poll>` on in-page rooms, so the gallery needs no server. */
import 'onair/onair-poll.js';
import { createRoom } from '@onair/core';
import { createLocalRoom } from '@onair/core/local-room.js';
import { type PollConfigInput, pollsFeature } from '@onair/polls/model.js';
import { type Caption, prefs, show } from './gallery.js';

const zh = prefs.lang === 'zh-CN';
const l = (en: string, cn: string) => (zh ? cn : en);

interface Variant {
  caption: Caption;
  config: PollConfigInput;
  /** Votes cast by other viewers before the viewer sees it: option ids per vote. */
  crowd?: string[][];
  /** The viewer's own vote, cast before closing. */
  mine?: string[];
  close?: boolean;
  /** Config given to the element directly (static mode), possibly invalid. */
  staticConfig?: unknown;
}

const deals = [
  { id: 'a', label: l('Coupon', '满减券') },
  { id: 'b', label: l('Free gift', '赠品') },
  { id: 'c', label: l('Lucky draw', '抽奖') },
];
const flask = [
  { id: 'a', label: l('6 hours', '6 小时') },
  { id: 'b', label: l('12 hours', '12 小时') },
  { id: 'c', label: l('24 hours', '24 小时') },
];
const question = l('Which deal do you want tonight?', '今晚的福利你最想要哪个？');
const list: Variant[] = [
  {
    caption: { en: 'Single choice, results always', zh: '单选 · 始终显示结果' },
    config: { id: 's1', question, options: deals },
    crowd: [['a'], ['b'], ['b']],
  },
  {
    caption: { en: 'Results after the vote (not voted yet)', zh: '投票后显示结果（尚未投票）' },
    config: { id: 's2', question, results: 'after-vote', options: deals },
    crowd: [['a']],
  },
  {
    caption: { en: 'Voted: your choice marked, vote change allowed', zh: '已投票：标出你的选择，可改票' },
    config: { id: 's3', question, allowChange: true, options: deals },
    crowd: [['a'], ['c']],
    mine: ['b'],
  },
  {
    caption: { en: 'Multiple choice, up to 2', zh: '多选 · 最多 2 项' },
    config: {
      id: 'm1',
      kind: 'multiple',
      maxSelections: 2,
      question: l('Which categories next stream?', '下一场直播想看哪些品类？'),
      options: [...deals, { id: 'd', label: l('Gadgets', '数码') }],
    },
  },
  {
    caption: { en: 'Rating 1–5', zh: '评分 1–5' },
    config: { id: 'r1', kind: 'rating', question: l('Rate today’s stream', '给今天的直播打个分吧') },
    crowd: [['5'], ['4'], ['5'], ['3']],
  },
  {
    caption: { en: 'Rating 0–10', zh: '评分 0–10' },
    config: {
      id: 'r2',
      kind: 'rating',
      scale: '0-10',
      question: l('How likely are you to recommend this room?', '你有多大可能把直播间推荐给朋友？'),
    },
  },
  {
    caption: { en: 'Quiz with countdown, results after close', zh: '答题 · 倒计时 · 结束后公布结果' },
    config: {
      id: 'q1',
      question: l('How long does the flask keep drinks hot?', '这款保温杯能保温多久？'),
      options: flask,
      correct: ['b'],
      results: 'after-close',
      durationMs: 600_000,
    },
  },
  {
    caption: { en: 'Closed: final results, the winner marked', zh: '已结束：最终结果，标出最高票' },
    config: { id: 'c1', question, options: deals },
    crowd: [['a'], ['b'], ['b'], ['c']],
    close: true,
  },
  {
    caption: { en: 'Quiz closed: the answer revealed, your pick wrong', zh: '答题结束：公布答案，你答错了' },
    config: {
      id: 'q2',
      question: l('How long does the flask keep drinks hot?', '这款保温杯能保温多久？'),
      options: flask,
      correct: ['b'],
    },
    crowd: [['a'], ['b'], ['b']],
    mine: ['a'],
    close: true,
  },
  {
    caption: { en: 'Ten options: bounded height, the options scroll', zh: '十个选项：高度受限，选项可滚动' },
    config: {
      id: 't1',
      question: l('Which colour for the next drop?', '下一款选哪个颜色？'),
      options: Array.from({ length: 10 }, (_, i) => ({
        id: `o${i}`,
        label: l(`Colour ${i + 1}`, `颜色 ${i + 1}`),
      })),
    },
    crowd: [['o1'], ['o3'], ['o3']],
  },
  {
    caption: { en: 'Extra votes: 3 per viewer', zh: '额外票数：每人 3 票' },
    config: {
      id: 'x1',
      votesPerViewer: 3,
      question: l('Cheer for your team', '为你的队伍加油'),
      options: [
        { id: 'r', label: l('Red', '红队') },
        { id: 'b', label: l('Blue', '蓝队') },
      ],
    },
  },
  {
    caption: { en: 'Static config attribute (no room)', zh: '静态配置（无直播间）' },
    config: { id: 'unused', question: '-', options: deals },
    staticConfig: {
      id: 'st',
      question: l('Tea or coffee?', '茶还是咖啡？'),
      options: [
        { id: 't', label: l('Tea', '茶') },
        { id: 'c', label: l('Coffee', '咖啡') },
      ],
    },
  },
  {
    caption: { en: 'Invalid config: error inside the widget', zh: '无效配置：错误显示在组件内' },
    config: { id: 'unused', question: '-', options: deals },
    staticConfig: {
      id: 'bad',
      question: '',
      options: [
        { id: 'a', label: 'x' },
        { id: 'b', label: 'y'.repeat(50) },
      ],
    },
  },
];

for (const variant of list) {
  const poll = document.createElement('onair-poll');
  poll.theme = prefs.theme;
  if (variant.staticConfig) poll.config = variant.staticConfig;
  else {
    const local = createLocalRoom({ room: `gallery-${variant.config.id}`, features: [pollsFeature] });
    local.command('poll.create', { poll: variant.config, open: true });
    const votes = (variant.crowd ?? []).map((choice) => {
      const viewer = local.connect();
      return viewer.act('poll.vote', { poll: variant.config.id, choice }).finally(() => viewer.close());
    });
    poll.room = createRoom({ room: local.room, channel: local.connect(), theme: prefs.theme });
    const mine = variant.mine;
    if (mine) votes.push(poll.room.channel!.act('poll.vote', { poll: variant.config.id, choice: mine }));
    if (variant.close)
      void Promise.allSettled(votes).then(() => local.command('poll.close', { poll: variant.config.id }));
  }
  show(variant.caption, poll);
}
