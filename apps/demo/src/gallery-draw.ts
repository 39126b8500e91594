/**
 * Every state of `<onair-lucky-draw>`, each on an in-page room whose clock moves only when this
 * page says: the crowd enters at set moments, so the count, the countdown (stopped where it is
 * shown) and the winners are the same on every load. The draws are real: "Verify" recomputes them.
 */
import 'onair/onair-lucky-draw.js';
import { type Channel, createRoom } from '@onair/core';
import type { Clock } from '@onair/core/feature.js';
import { createLocalRoom, type LocalRoom, type ManualClock, manualClock } from '@onair/core/local-room.js';
import { drawFeature, hostFactsFeature } from '@onair/games/model.js';
import { pollsFeature } from '@onair/polls/model.js';
import { type Caption, prefs, show } from './gallery.js';

const zh = prefs.lang === 'zh-CN';
const l = (en: string, cn: string) => (zh ? cn : en);
const CROWD = [
  'lin',
  'mei',
  'hao',
  'yue',
  'jun',
  'tao',
  'xin',
  'bo',
  'ning',
  'kai',
  'rui',
  'qi',
  'an',
  'le',
  'yu',
  'wen',
];
const KEYWORD = l('lucky', '抽奖');

const DRAW = {
  id: 'fukubukuro',
  prize: {
    name: l('Velvet lipstick gift set', '丝绒口红礼盒'),
    image: `${location.origin}/products/lipstick.svg`,
    quantity: 3,
  },
  conditions: [
    { type: 'join' },
    { type: 'poll', poll: 'shade' },
    { type: 'chat', keyword: KEYWORD },
    { type: 'follow' },
  ],
  durationMs: 180_000,
  rules: { maxWins: 1 },
};
const POLL = {
  id: 'shade',
  question: l('Which shade next?', '下一个讲哪个色号？'),
  options: [
    { id: 'rose', label: l('Rose', '玫瑰') },
    { id: 'plum', label: l('Plum', '梅子') },
  ],
};

/** A clock whose timers never fire: the countdown can end without the draw being revealed yet. */
function stalledClock(start: number): ManualClock {
  const clock = manualClock(start);
  return { ...clock, setTimer: () => ({ cancel() {} }) } as ManualClock & Clock;
}

class DrawStage {
  readonly local: LocalRoom;
  readonly clock: ManualClock;
  readonly me: Channel;

  constructor(name: string, options: { stalled?: boolean; draw?: object } = {}) {
    const start = Date.UTC(2026, 11, 4, 12);
    this.clock = options.stalled ? stalledClock(start) : manualClock(start);
    this.local = createLocalRoom({
      room: `gallery-draw-${name}`,
      features: [pollsFeature, hostFactsFeature, drawFeature],
      clock: this.clock,
      random: seeded(name.length + 3),
    });
    this.me = this.local.connect('mia');
    this.ops('poll.create', { poll: POLL, open: true });
    this.ops('draw.create', options.draw ?? DRAW);
  }

  ops(name: string, input: object = { draw: DRAW.id }): void {
    const answer = this.local.command(name, input);
    if (!answer.ok) console.error(name, answer.error);
  }

  /** A viewer does all it takes and enters (the host reports the chat and the follow). */
  async enter(channel: Channel, id: string, draw = DRAW.id): Promise<void> {
    await channel.act('poll.vote', { poll: 'shade', choice: ['rose'] }).catch(() => {});
    this.ops('chat.report', { viewer: id, signed: false, text: `${KEYWORD}!` });
    this.ops('follow.report', { viewer: id, signed: false });
    await channel.act('draw.enter', { draw }).catch(() => {});
  }

  /** `n` of the crowd enter, a few seconds apart. */
  async crowd(n: number, draw = DRAW.id): Promise<void> {
    for (const id of CROWD.slice(0, n)) {
      this.clock.advance(2_300);
      await this.enter(this.local.connect(id), id, draw);
    }
  }

  element(): HTMLElement {
    const el = document.createElement('onair-lucky-draw');
    el.theme = prefs.theme;
    el.room = createRoom({ room: this.local.room, channel: this.me, theme: prefs.theme });
    return el;
  }
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Variant {
  caption: Caption;
  build(): Promise<HTMLElement>;
  /** What the viewer does once it shows. */
  after?(el: HTMLElement): Promise<void>;
}

/** Clicks a part of the element once it renders (within 3 s). */
async function press(el: HTMLElement, part: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const target = el.shadowRoot?.querySelector<HTMLElement>(`[part~="${part}"]`);
    if (target) return target.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const list: Variant[] = [
  {
    caption: {
      en: 'Open: the prize, what it takes, what is left to do, the countdown',
      zh: '抽奖中：奖品、参与条件、还需完成的条件和倒计时',
    },
    build: async () => {
      const stage = new DrawStage('open');
      await stage.crowd(9);
      await stage.me.act('poll.vote', { poll: 'shade', choice: ['plum'] });
      return stage.element();
    },
  },
  {
    caption: { en: 'Every condition met: one tap to join', zh: '条件均已完成：点击即可参与' },
    build: async () => {
      const stage = new DrawStage('ready');
      await stage.crowd(12);
      await stage.me.act('poll.vote', { poll: 'shade', choice: ['plum'] });
      stage.ops('chat.report', { viewer: 'mia', signed: false, text: KEYWORD });
      stage.ops('follow.report', { viewer: 'mia', signed: false });
      return stage.element();
    },
  },
  {
    caption: { en: 'Joined, the last seconds', zh: '已参与，最后几秒' },
    build: async () => {
      const stage = new DrawStage('joined');
      await stage.enter(stage.me, 'mia');
      await stage.crowd(14);
      stage.clock.advance(DRAW.durationMs - 14 * 2_300 - 7_000);
      return stage.element();
    },
  },
  {
    caption: { en: 'Entries closed: drawing the winners', zh: '参与已截止：正在开奖' },
    build: async () => {
      const stage = new DrawStage('drawing', { stalled: true });
      await stage.enter(stage.me, 'mia');
      await stage.crowd(10);
      stage.clock.advance(DRAW.durationMs);
      return stage.element();
    },
  },
  {
    caption: { en: 'Won: claim the prize, verify the draw', zh: '中奖：领取奖品，验证抽奖' },
    build: async () => {
      const stage = new DrawStage('won', { draw: { ...DRAW, prize: { ...DRAW.prize, quantity: 8 } } });
      await stage.enter(stage.me, 'mia');
      await stage.crowd(11);
      stage.ops('draw.close');
      const el = stage.element();
      // The host answers the claim (as a shop's page would, from its own address book).
      el.addEventListener('onair-prize-claim', (event) =>
        event.detail.respondWith({
          ok: true,
          message: l('Claimed: shipping to your saved address.', '已领取：将寄往你的默认地址。'),
        }),
      );
      return el;
    },
    after: async (el) => {
      await press(el, 'claim');
      await press(el, 'verify');
    },
  },
  {
    caption: {
      en: 'Not this time: the winners, verified in the browser',
      zh: '未中奖：中奖名单，在浏览器中验证',
    },
    build: async () => {
      const stage = new DrawStage('lost', { draw: { ...DRAW, prize: { ...DRAW.prize, quantity: 2 } } });
      await stage.crowd(16);
      await stage.enter(stage.me, 'mia');
      // Mia won another draw after entering, and the limit is one win in 30 days: excluded at the freeze.
      stage.ops('draw.create', { ...DRAW, id: 'earlier', conditions: [{ type: 'join' }], rules: {} });
      await stage.me.act('draw.enter', { draw: 'earlier' });
      stage.ops('draw.close', { draw: 'earlier' });
      stage.ops('draw.delete', { draw: 'earlier' });
      stage.ops('draw.close');
      return stage.element();
    },
    after: (el) => press(el, 'verify'),
  },
  {
    caption: { en: 'Ended, without the viewer', zh: '已结束，未参与' },
    build: async () => {
      const stage = new DrawStage('out', { draw: { ...DRAW, rules: { recentFirst: true } } });
      await stage.crowd(6);
      stage.ops('draw.close');
      return stage.element();
    },
  },
  {
    caption: { en: 'No draw in the room', zh: '直播间暂无抽奖' },
    build: async () => {
      const stage = new DrawStage('none');
      stage.ops('draw.delete');
      return stage.element();
    },
  },
];

for (const variant of list) {
  const figure = show(variant.caption, document.createElement('div'));
  const el = await variant.build();
  figure.querySelector('div')!.replaceWith(el);
  await variant.after?.(el);
}
