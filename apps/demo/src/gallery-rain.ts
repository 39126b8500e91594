/**
 * Every state of `<onair-red-packet-rain>`, each on an in-page room (gifts and the rain) whose
 * clock moves only when this page says: the crowd grabs at set moments, so the amounts, the top
 * grabbers and the countdown are the same on every load (the packets' fall is the page's own).
 */
import 'onair/onair-red-packet-rain.js';
import { type Channel, createRoom } from '@onair/core';
import { createLocalRoom, type LocalRoom, type ManualClock, manualClock } from '@onair/core/local-room.js';
import { rainFeature } from '@onair/games/model.js';
import { giftsFeature } from '@onair/gifts/model.js';
import { type Caption, prefs, show } from './gallery.js';

const zh = prefs.lang === 'zh-CN';
const l = (en: string, cn: string) => (zh ? cn : en);
const T0 = Date.UTC(2026, 11, 4, 12);
const RAIN = {
  id: 'brand-day',
  title: l('Brand day red packets', '品牌日红包雨'),
  unit: 'coins',
  budget: 8_888,
  count: 60,
  minimum: 20,
  maxPerViewer: 3,
  durationMs: 30_000,
};
const CROWD = zh
  ? ['小林', '梅子', '阿浩', '月月', '俊杰', '桃桃']
  : ['Lin', 'Mei', 'Hao', 'Yue', 'Jun', 'Tao'];
const CATALOG = {
  categories: [{ id: 'hot', name: 'Hot', gifts: [{ id: 'rose', name: 'Rose', price: 10, icon: 'rose' }] }],
};

class RainStage {
  readonly local: LocalRoom;
  readonly clock: ManualClock = manualClock(T0);
  readonly me: Channel;

  constructor(name: string) {
    this.local = createLocalRoom({
      room: `gallery-rain-${name}`,
      features: [giftsFeature(), rainFeature()],
      clock: this.clock,
      // The same packets on every load.
      random: seeded(7),
    });
    this.me = this.local.connect('me');
    this.ops('gift.catalog', { catalog: CATALOG });
  }

  ops(name: string, input: object): void {
    const answer = this.local.command(name, input);
    if (!answer.ok) console.error(name, answer.error);
  }

  start(extra: object = {}): void {
    this.ops('rain.create', { rain: { ...RAIN, ...extra } });
  }

  /** The crowd (and `me` that many times) grab, 200 ms apart on the room's clock. */
  async grab(crowd: number, me = 0): Promise<void> {
    const order: [Channel, string][] = [];
    for (let i = 0; i < Math.max(crowd, me); i++) {
      if (i < crowd) order.push([this.local.connect(`crowd-${i}`), CROWD[i % CROWD.length]!]);
      if (i < me) order.push([this.me, l('Mia', '小美')]);
    }
    for (const [channel, name] of order) {
      this.clock.advance(200);
      await channel.act('rain.grab', { rain: RAIN.id, name }).catch(() => {});
    }
  }

  element(attrs: { calm?: boolean } = {}): HTMLElement {
    const el = document.createElement('onair-red-packet-rain');
    el.theme = prefs.theme;
    el.playerName = l('Mia', '小美');
    el.calm = !!attrs.calm;
    el.room = createRoom({ room: this.local.room, channel: this.me, theme: prefs.theme });
    return el;
  }
}

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Waits until `el` renders `selector`, then clicks it (a viewer's tap on the calm grid). */
async function tap(el: HTMLElement, selector: string): Promise<void> {
  for (let i = 0; i < 100 && !el.shadowRoot?.querySelector(selector); i++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  el.shadowRoot?.querySelector<HTMLElement>(selector)?.click();
  await new Promise((resolve) => setTimeout(resolve, 200));
}

interface Variant {
  caption: Caption;
  wide?: boolean;
  build(stage: RainStage): Promise<HTMLElement>;
}

const list: Variant[] = [
  {
    caption: { en: 'Before the start: the countdown and what is in it', zh: '开始前：倒计时和红包总额' },
    build: async (stage) => {
      stage.start({ startsAt: T0 + 45_000 });
      return stage.element();
    },
  },
  {
    caption: {
      en: 'Raining: tap a falling packet (arrows and Enter on a keyboard)',
      zh: '红包雨进行中：点击落下的红包（键盘：方向键和回车）',
    },
    build: async (stage) => {
      stage.start();
      await stage.grab(4, 1);
      return stage.element();
    },
  },
  {
    caption: {
      en: 'Reduced motion: a calm grid to tap (prefers-reduced-motion, or the calm attribute)',
      zh: '减少动态效果：静止的红包格子（prefers-reduced-motion 或 calm 属性）',
    },
    build: async (stage) => {
      stage.start();
      return stage.element({ calm: true });
    },
  },
  {
    caption: { en: 'Opened packets: what the server gave', zh: '拆开的红包：服务器给出的金额' },
    build: async (stage) => {
      stage.start();
      const el = stage.element({ calm: true });
      document.body.append(el); // rendered, so the taps land; moved into its figure below
      await tap(el, '[part~="packet"]');
      stage.clock.advance(300);
      await tap(el, 'li:nth-child(4) [part~="packet"]');
      return el;
    },
  },
  {
    caption: { en: 'The summary: the viewer’s total and the top grabbers', zh: '结束：你抢到的总额和手气榜' },
    build: async (stage) => {
      stage.start();
      await stage.grab(6, 3);
      stage.clock.advance(RAIN.durationMs);
      return stage.element();
    },
  },
  {
    caption: { en: 'The summary, with no packet for this viewer', zh: '结束：这位观众没有抢到' },
    build: async (stage) => {
      stage.start({ count: 5, budget: 500 });
      await stage.grab(5);
      return stage.element();
    },
  },
  {
    caption: { en: 'Called off by ops', zh: '运营取消了红包雨' },
    build: async (stage) => {
      stage.start({ startsAt: T0 + 60_000 });
      stage.ops('rain.cancel', { rain: RAIN.id });
      return stage.element();
    },
  },
  {
    caption: {
      en: 'Error: a grab refused (another tab of the viewer grabbed a moment before)',
      zh: '错误：抢红包被拒（同一观众的另一个页面刚刚抢过）',
    },
    build: async (stage) => {
      stage.start();
      const el = stage.element({ calm: true });
      document.body.append(el);
      for (let i = 0; i < 100 && !el.shadowRoot?.querySelector('[part~="packet"]'); i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      // The viewer's other tab grabs; this tab's tap leaves before it hears of it: under 150 ms apart.
      void stage.me.act('rain.grab', { rain: RAIN.id }).catch(() => {});
      el.shadowRoot?.querySelector<HTMLElement>('[part~="packet"]')?.click();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return el;
    },
  },
  {
    caption: { en: 'Error: not inside a room', zh: '错误：不在直播间内' },
    build: async () => {
      const el = document.createElement('onair-red-packet-rain');
      el.theme = prefs.theme;
      return el;
    },
  },
  {
    caption: { en: 'No rain in the room', zh: '直播间暂无红包雨' },
    build: async (stage) => stage.element(),
  },
];

// Built one after another and shown in order, each on a room of its own.
for (const [index, variant] of list.entries()) {
  const figure = show(variant.caption, document.createElement('div'), { wide: !!variant.wide });
  const el = await variant.build(new RainStage(String(index)));
  figure.querySelector('div')!.replaceWith(el);
}
