import { createRoom, type RoomContext } from '@onair/core';
import type { Clock } from '@onair/core/feature.js';
import { createLocalRoom, type LocalRoom, localNetwork } from '@onair/core/local-room.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../onair-lucky-draw.js';
import { listenersLeftOver } from '../../../../test/support/leaks.js';
import { until } from '../../../../test/support/until.js';
import type { PrizeClaimDetail } from '../events.js';
import { drawFeature } from '../model/draw-feature.js';
import { hostFactsFeature } from '../model/host-facts-feature.js';
import type { OnairLuckyDraw } from './draw.js';

const DRAW = {
  id: 'd1',
  prize: { name: 'Velvet lipstick set', quantity: 3 },
  conditions: [{ type: 'join' }, { type: 'chat', keyword: 'lucky' }],
  durationMs: 90_000,
  rules: { maxWins: 2 },
};

interface Setup {
  el: OnairLuckyDraw;
  local: LocalRoom;
  room: RoomContext;
  ops(name: string, input?: Record<string, unknown>): void;
  /** The element's viewer id in the room. */
  me(): string;
}

const rooms: LocalRoom[] = [];
afterEach(() => {
  for (const local of rooms.splice(0)) local.dispose();
});

async function liveDraw(
  attrs: {
    lang?: string;
    theme?: 'light' | 'dark';
    clock?: Clock;
    before?: () => void;
    draw?: object | null;
    events?: { type: string; props: Record<string, unknown> }[];
  } = {},
): Promise<Setup> {
  const local = createLocalRoom({
    room: `draw-${Math.random().toString(36).slice(2)}`,
    features: [hostFactsFeature, drawFeature],
    flushMs: 0,
    ...(attrs.clock ? { clock: attrs.clock } : {}),
  });
  rooms.push(local);
  const ops = (name: string, input: Record<string, unknown> = { draw: 'd1' }) => {
    const answer = local.command(name, input);
    if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
    local.flush();
  };
  if (attrs.draw !== null) ops('draw.create', (attrs.draw ?? DRAW) as Record<string, unknown>);
  attrs.before?.();
  const room = createRoom({
    room: local.room,
    transport: localNetwork(local).transport(),
    ...(attrs.theme ? { theme: attrs.theme } : {}),
    ...(attrs.events
      ? { telemetry: { track: (type: string, props = {}) => attrs.events!.push({ type, props }) } }
      : {}),
  });
  const el = await fixture<OnairLuckyDraw>(
    html`<onair-lucky-draw lang=${attrs.lang ?? 'en'} .room=${room}></onair-lucky-draw>`,
  );
  await until(el, () => !!el.shadowRoot?.querySelector('[part~="base"]') && !!room.channel!.$viewer.get());
  return { el, local, room, ops, me: () => room.channel!.$viewer.get()!.id };
}

const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const part = <E extends HTMLElement = HTMLElement>(el: Element, name: string) =>
  el.shadowRoot!.querySelector<E>(`[part~="${name}"]`);
const live = (el: Element) => el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent!.trim();

/** The element's viewer says the keyword in the host's chat, and joins. */
async function join(setup: Setup): Promise<void> {
  setup.ops('chat.report', { viewer: setup.me(), signed: false, text: 'feeling lucky!' });
  part<HTMLButtonElement>(setup.el, 'join')!.click();
  await until(setup.el, () => text(setup.el).includes('You’re in'));
}

/** Another viewer enters through their own channel. */
async function otherEnters(local: LocalRoom, draw = 'd1', said = true): Promise<void> {
  const id = `other-${Math.random().toString(36).slice(2, 8)}`;
  const channel = local.connect(id);
  if (said) local.command('chat.report', { viewer: id, signed: false, text: 'lucky' });
  await channel.act('draw.enter', { draw });
  channel.close();
  local.flush();
}

describe('<onair-lucky-draw>', () => {
  describe('accessibility (axe)', () => {
    for (const [name, attrs] of [
      ['open, light', { theme: 'light' }],
      ['open, dark', { theme: 'dark' }],
      ['open, zh-CN', { lang: 'zh-CN' }],
      ['no draw', { draw: null }],
    ] as const)
      it(`passes axe: ${name}`, async () => {
        const { el } = await liveDraw(attrs);
        await expect(el).to.be.accessible();
      });

    it('passes axe entered, revealed (won), verified and claimed, in both themes', async () => {
      for (const theme of ['light', 'dark'] as const) {
        const setup = await liveDraw({ theme });
        const { el } = setup;
        await join(setup);
        await expect(el).to.be.accessible();
        setup.ops('draw.close');
        await until(el, () => text(el).includes('You won Velvet lipstick set!'));
        await expect(el).to.be.accessible();
        part<HTMLButtonElement>(el, 'verify')!.click();
        await until(el, () => !!part(el, 'verdict'));
        part<HTMLButtonElement>(el, 'claim')!.click();
        await until(el, () => !!part(el, 'claim-status'));
        await expect(el).to.be.accessible();
      }
    });
  });

  describe('joining', () => {
    it('shows the prize, the conditions with what is left to do, the entrants and the countdown', async () => {
      const setup = await liveDraw();
      const { el } = setup;
      expect(text(el))
        .to.contain('Velvet lipstick set')
        .and.contain('3 to win')
        .and.contain('0 viewers have joined');
      const rows = [...el.shadowRoot!.querySelectorAll('[part~="condition"]')];
      expect(rows.map((r) => r.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
        'Tap “Join” To do',
        'Send “lucky” in the chat To do',
      ]);
      expect(text(el)).to.contain('At most 2 wins per viewer in 30 days.');
      expect(part(el, 'timer')!.getAttribute('aria-label')).to.match(/^Draw in 1:(30|29)$/);
      await otherEnters(setup.local);
      await until(el, () => text(el).includes('1 viewer has joined'));
    });

    it('counts down on the server’s clock, not the page’s: a late page shows what everyone sees', async () => {
      // The room's clock runs 10 minutes ahead of this page's, and the draw opened 20 s ago.
      const offset = 600_000;
      let shift = offset - 20_000;
      const clock: Clock = {
        now: () => Date.now() + shift,
        setTimer: (fn, ms) => {
          const handle = setTimeout(fn, ms);
          return { cancel: () => clearTimeout(handle) };
        },
      };
      const { el } = await liveDraw({ clock, before: () => (shift = offset) });
      await until(el, () => /^Draw in 1:(10|09)$/.test(part(el, 'timer')?.getAttribute('aria-label') ?? ''));
      expect(part(el, 'timer')!.textContent!.replace(/\s+/g, ' ').trim()).to.match(/^Draw in 1:(10|09)$/);
    });

    it('a refused entry names what is left; once the host reports the keyword, the keyboard joins', async () => {
      const setup = await liveDraw();
      const { el } = setup;
      const failed = oneEvent(el, 'onair-error');
      part<HTMLButtonElement>(el, 'join')!.click();
      expect((await failed).detail).to.include({ code: 'condition_unmet', path: 'conditions[1]' });
      await until(el, () => text(el).includes('First do what is still marked “To do”'));
      setup.ops('chat.report', { viewer: setup.me(), signed: false, text: 'LUCKY me' });
      part(el, 'join')!.focus();
      const entered = oneEvent(el, 'onair-draw-enter');
      await sendKeys({ press: 'Enter' });
      expect((await entered).detail).to.deep.equal({ drawId: 'd1', entrants: 1 });
      await until(el, () => el.shadowRoot!.activeElement?.getAttribute('part') === 'status');
      expect(text(el)).to.contain('You’re in — good luck!').and.not.contain('To do');
      expect(live(el)).to.equal('You joined the draw.');
    });

    it('setting a property fires nothing', async () => {
      const { el } = await liveDraw();
      let fired = 0;
      for (const type of ['onair-draw-enter', 'onair-prize-claim', 'onair-error'])
        el.addEventListener(type, () => fired++);
      el.drawId = 'd1';
      el.lang = 'zh-CN';
      await el.updateComplete;
      el.drawId = '';
      await el.updateComplete;
      expect(fired).to.equal(0);
    });
  });

  describe('the result', () => {
    it('a winner claims through the host (respondWith), and the draw verifies in the browser', async () => {
      const events: { type: string; props: Record<string, unknown> }[] = [];
      const setup = await liveDraw({ events });
      const { el } = setup;
      await join(setup);
      await otherEnters(setup.local);
      setup.ops('draw.close');
      await until(el, () => text(el).includes('You won'));
      expect(part(el, 'result')!.dataset['outcome']).to.equal('won');
      expect(text(el)).to.contain('Winners (2)').and.contain('You');
      el.addEventListener(
        'onair-prize-claim',
        (e) => e.detail.respondWith(Promise.resolve({ ok: true, message: 'Ship to your saved address?' })),
        { once: true },
      );
      const claimed = oneEvent(el, 'onair-prize-claim');
      part<HTMLButtonElement>(el, 'claim')!.click();
      const detail = (await claimed).detail as PrizeClaimDetail;
      expect(detail).to.include({ drawId: 'd1', entrant: `a:${setup.me()}` });
      expect(detail.prize).to.deep.equal({ name: 'Velvet lipstick set', image: null });
      await until(el, () => text(el).includes('Ship to your saved address?'));
      part<HTMLButtonElement>(el, 'verify')!.click();
      await until(el, () => !!part(el, 'verdict'));
      expect(part(el, 'verdict')!.dataset['ok']).to.equal('true');
      expect(text(el)).to.contain('Verified: the seed matches the commitment');
      const types = events.map((e) => e.type);
      expect(types).to.include.members(['draw.view', 'draw.enter', 'draw.result']);
      expect(events.find((e) => e.type === 'draw.result')!.props).to.deep.equal({ draw: 'd1', won: true });
    });

    it('a page can take the claim over (preventDefault) or leave it (the host will call)', async () => {
      const setup = await liveDraw();
      const { el } = setup;
      await join(setup);
      setup.ops('draw.close');
      await until(el, () => !!part(el, 'claim'));
      el.addEventListener('onair-prize-claim', (e) => e.preventDefault(), { once: true });
      part<HTMLButtonElement>(el, 'claim')!.click();
      await el.updateComplete;
      expect(part(el, 'claim-status')).to.equal(null);
      part<HTMLButtonElement>(el, 'claim')!.click();
      await until(el, () => text(el).includes('The host will contact you about your prize.'));
    });

    it('"not this time" for a viewer drawn after those who have not won recently', async () => {
      const setup = await liveDraw({ draw: { ...DRAW, id: 'a', prize: { name: 'Mug', quantity: 1 } } });
      const { el } = setup;
      setup.ops('chat.report', { viewer: setup.me(), signed: false, text: 'lucky' });
      await setup.room.channel!.act('draw.enter', { draw: 'a' });
      setup.ops('draw.close', { draw: 'a' });
      setup.ops('draw.create', {
        ...DRAW,
        id: 'b',
        prize: { name: 'Mug', quantity: 1 },
        conditions: [{ type: 'join' }],
        rules: { recentFirst: true },
      });
      el.drawId = 'b';
      await until(el, () => !!part(el, 'join'));
      part<HTMLButtonElement>(el, 'join')!.click();
      await until(el, () => text(el).includes('You’re in'));
      await otherEnters(setup.local, 'b', false);
      setup.ops('draw.close', { draw: 'b' });
      await until(el, () => text(el).includes('Not this time'));
      expect(part(el, 'result')!.dataset['outcome']).to.equal('lost');
      expect(part(el, 'claim')).to.equal(null);
      await expect(el).to.be.accessible();
    });
  });

  describe('looks', () => {
    it('Chinese: every word in zh-CN', async () => {
      const setup = await liveDraw({ lang: 'zh-CN' });
      const { el } = setup;
      expect(text(el))
        .to.contain('福袋抽奖')
        .and.contain('共 3 份')
        .and.contain('0 人已参与')
        .and.contain('在聊天中发送“lucky”');
      expect(text(el)).to.contain('待完成').and.contain('每位观众 30 天内最多中奖 2 次。');
      expect(part(el, 'timer')!.getAttribute('aria-label')).to.match(/^距开奖 1:(30|29)$/);
      await join(setup).catch(() => undefined);
      await until(el, () => text(el).includes('已参与，祝你好运！'));
      setup.ops('draw.close');
      await until(el, () => text(el).includes('恭喜你抽中'));
      expect(text(el)).to.contain('中奖名单（1）').and.contain('领取奖品').and.contain('验证抽奖');
    });

    it('reduced motion: the join button does not breathe', async () => {
      const { el } = await liveDraw();
      const button = () => part(el, 'join')!;
      expect(getComputedStyle(button()).animationName).to.equal('breathe');
      await emulateMedia({ reducedMotion: 'reduce' });
      try {
        expect(getComputedStyle(button()).animationName).to.equal('none');
      } finally {
        await emulateMedia({ reducedMotion: 'no-preference' });
      }
    });

    it('leaves no listeners behind over 50 mounts', async () => {
      const { room } = await liveDraw();
      const { before, after } = await listenersLeftOver(room, () => {
        const el = document.createElement('onair-lucky-draw');
        el.room = room;
        return el;
      });
      expect(after).to.deep.equal(before);
    });
  });
});
