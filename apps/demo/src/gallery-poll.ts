/** Builds every state of `<onair-poll>` from in-page rooms, so the gallery needs no server. */
import 'onair/onair-poll.js';
import 'onair/onair-room.js';
import { createRoom } from '@onair/core';
import { createLocalRoom } from '@onair/core/local-room.js';
import { type PollConfigInput, pollsFeature } from '@onair/polls/model.js';

const variants = document.querySelector('#variants')!;

interface Variant {
  caption: string;
  config: PollConfigInput;
  lang?: string;
  theme?: 'light' | 'dark';
  /** Votes cast by other viewers before the viewer sees it: option ids per vote. */
  crowd?: string[][];
  close?: boolean;
  /** Config given to the element directly (static mode), possibly invalid. */
  staticConfig?: unknown;
}

const options = [
  { id: 'a', label: 'Coupon' },
  { id: 'b', label: 'Free gift' },
  { id: 'c', label: 'Lucky draw' },
];
const list: Variant[] = [
  {
    caption: 'Single choice, results always (light)',
    theme: 'light',
    config: { id: 's1', question: 'Which deal do you want tonight?', options },
    crowd: [['a'], ['b'], ['b']],
  },
  {
    caption: 'Single choice (dark)',
    theme: 'dark',
    config: { id: 's2', question: 'Which deal do you want tonight?', options },
    crowd: [['a'], ['c']],
  },
  {
    caption: '单选 · 投票后看结果 (zh-CN)',
    lang: 'zh-CN',
    config: {
      id: 's3',
      question: '今晚的福利你最想要哪个？',
      results: 'after-vote',
      options: [
        { id: 'a', label: '满减券' },
        { id: 'b', label: '赠品' },
        { id: 'c', label: '抽奖' },
      ],
    },
    crowd: [['a']],
  },
  {
    caption: 'Multiple choice, up to 2, vote change allowed',
    config: {
      id: 'm1',
      kind: 'multiple',
      maxSelections: 2,
      allowChange: true,
      question: 'Which categories next stream?',
      options: [...options, { id: 'd', label: 'Gadgets' }],
    },
  },
  {
    caption: 'Rating 1–5',
    config: { id: 'r1', kind: 'rating', question: 'Rate today’s stream' },
    crowd: [['5'], ['4'], ['5'], ['3']],
  },
  {
    caption: 'Rating 0–10 (dark, zh-CN)',
    theme: 'dark',
    lang: 'zh-CN',
    config: { id: 'r2', kind: 'rating', scale: '0-10', question: '你有多大可能把直播间推荐给朋友？' },
  },
  {
    caption: 'Quiz with countdown, results after close',
    config: {
      id: 'q1',
      question: 'How long does the flask keep drinks hot?',
      options: [
        { id: 'a', label: '6 hours' },
        { id: 'b', label: '12 hours' },
      ],
      correct: ['b'],
      results: 'after-close',
      durationMs: 600_000,
    },
  },
  {
    caption: 'Quiz closed: answer revealed',
    config: {
      id: 'q2',
      question: 'How long does the flask keep drinks hot?',
      options: [
        { id: 'a', label: '6 hours' },
        { id: 'b', label: '12 hours' },
      ],
      correct: ['b'],
    },
    crowd: [['a'], ['b'], ['b']],
    close: true,
  },
  {
    caption: 'Extra votes: 3 per viewer',
    config: {
      id: 'x1',
      votesPerViewer: 3,
      question: 'Cheer for your team',
      options: [
        { id: 'r', label: 'Red' },
        { id: 'b', label: 'Blue' },
      ],
    },
  },
  {
    caption: 'Static config attribute (no room)',
    config: { id: 'unused', question: '-', options },
    staticConfig: {
      id: 'st',
      question: 'Tea or coffee?',
      options: [
        { id: 't', label: 'Tea' },
        { id: 'c', label: 'Coffee' },
      ],
    },
  },
  {
    caption: 'Invalid config: error inside the widget',
    config: { id: 'unused', question: '-', options },
    staticConfig: { id: 'bad', question: 'Pick one', options: [{ id: 'a', label: 'Only one option' }] },
  },
  {
    caption: '无效配置 (zh-CN)',
    lang: 'zh-CN',
    config: { id: 'unused', question: '-', options },
    staticConfig: {
      id: 'bad2',
      question: '',
      options: [
        { id: 'a', label: 'x' },
        { id: 'b', label: 'y'.repeat(50) },
      ],
    },
  },
];

for (const variant of list) {
  const figure = document.createElement('figure');
  const caption = document.createElement('figcaption');
  caption.textContent = variant.caption;
  const poll = document.createElement('onair-poll');
  if (variant.lang) poll.setAttribute('lang', variant.lang);
  if (variant.theme) poll.theme = variant.theme;
  if (variant.staticConfig) poll.config = variant.staticConfig;
  else {
    const local = createLocalRoom({ room: `gallery-${variant.config.id}`, features: [pollsFeature] });
    local.command('poll.create', { poll: variant.config, open: true });
    for (const choice of variant.crowd ?? []) {
      const viewer = local.connect();
      void viewer.act('poll.vote', { poll: variant.config.id, choice }).finally(() => viewer.close());
    }
    if (variant.close) setTimeout(() => local.command('poll.close', { poll: variant.config.id }), 200);
    poll.room = createRoom({
      room: local.room,
      channel: local.connect(),
      ...(variant.theme ? { theme: variant.theme } : {}),
    });
  }
  if (variant.theme === 'light') figure.className = 'light-bg';
  figure.append(caption, poll);
  variants.append(figure);
}
