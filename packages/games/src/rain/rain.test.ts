import { createRoom, type RoomContext } from '@onair/core';
import { createLocalRoom, type LocalRoom, localNetwork } from '@onair/core/local-room.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../onair-red-packet-rain.js';
import { fakeClock } from '../../../../test/support/fake-clock.js';
import { listenersLeftOver } from '../../../../test/support/leaks.js';
import { until } from '../../../../test/support/until.js';
import { rainFeature } from '../model/rain-feature.js';
import type { RainConfigInput } from '../model/rain-schema.js';
import type { OnairRedPacketRain } from './rain.js';
import type { RainCanvas } from './rain-canvas.js';

interface Setup {
  el: OnairRedPacketRain;
  local: LocalRoom;
  room: RoomContext;
  clock: ReturnType<typeof fakeClock>;
  ops(name: string, input: Record<string, unknown>): void;
}

const rooms: LocalRoom[] = [];
afterEach(async () => {
  for (const local of rooms.splice(0)) local.dispose();
  await emulateMedia({ reducedMotion: 'no-preference' });
});

/** A rain element in an in-page room reached over frames, as a server would be, on a clock we move. */
async function liveRain(
  attrs: {
    lang?: string;
    theme?: 'light' | 'dark';
    rain?: Partial<RainConfigInput> | null;
    events?: { type: string; props: Record<string, unknown> }[];
  } = {},
): Promise<Setup> {
  const clock = fakeClock(Date.now());
  const local = createLocalRoom({
    room: `rain-${Math.random().toString(36).slice(2)}`,
    features: [rainFeature()],
    flushMs: 0,
    clock,
  });
  rooms.push(local);
  const ops = (name: string, input: Record<string, unknown>) => {
    const answer = local.command(name, input);
    if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
    local.flush();
  };
  if (attrs.rain !== null)
    ops('rain.create', {
      rain: { id: 'r1', unit: 'points', budget: 1_000, count: 20, durationMs: 30_000, ...attrs.rain },
    });
  const room = createRoom({
    room: local.room,
    transport: localNetwork(local).transport(),
    ...(attrs.theme ? { theme: attrs.theme } : {}),
    ...(attrs.events
      ? { telemetry: { track: (type: string, props = {}) => attrs.events!.push({ type, props }) } }
      : {}),
  });
  const el = await fixture<OnairRedPacketRain>(
    html`<onair-red-packet-rain lang=${attrs.lang ?? 'en'} .room=${room}></onair-red-packet-rain>`,
  );
  await until(el, () => !!el.shadowRoot?.querySelector('[part~="title"]'));
  return { el, local, room, clock, ops };
}

const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const live = (el: Element) => el.shadowRoot!.querySelector('[aria-live="polite"]')?.textContent?.trim() ?? '';
const canvasOf = (el: OnairRedPacketRain) => el.shadowRoot!.querySelector('canvas');
/** The drawing controller, to find where a packet is (the picture is the canvas's own). */
const spritesOf = (el: OnairRedPacketRain) => (el as unknown as { canvas: RainCanvas }).canvas;

/** Ends the rain on the room's clock. */
async function end(setup: Setup): Promise<void> {
  setup.clock.advance(30_000);
  setup.local.flush();
  await until(setup.el, () => !!setup.el.shadowRoot!.querySelector('[data-phase="ended"]'));
}

describe('<onair-red-packet-rain>', () => {
  describe('accessibility (axe)', () => {
    it('passes axe scheduled, raining, in the calm grid and at the summary, in both themes and languages', async () => {
      for (const [theme, lang] of [
        ['light', 'en'],
        ['dark', 'zh-CN'],
      ] as const) {
        const setup = await liveRain({ theme, lang, rain: { startsAt: Date.now() + 60_000 } });
        const { el } = setup;
        await until(el, () => !!el.shadowRoot!.querySelector('[part~="countdown"]'));
        await expect(el).to.be.accessible();
        setup.clock.advance(60_000);
        setup.local.flush();
        await until(el, () => !!canvasOf(el));
        await expect(el).to.be.accessible();
        await emulateMedia({ reducedMotion: 'reduce' });
        await until(el, () => !!el.shadowRoot!.querySelector('[part~="grid"]'));
        await expect(el).to.be.accessible();
        el.shadowRoot!.querySelector<HTMLElement>('[part~="packet"]')!.click();
        await until(el, () => !!el.shadowRoot!.querySelector('[data-opened]'));
        await expect(el).to.be.accessible();
        await emulateMedia({ reducedMotion: 'no-preference' });
        await end(setup);
        await expect(el).to.be.accessible();
      }
    });

    it('passes axe without a rain, and says it needs a room without one', async () => {
      const { el } = await liveRain({ rain: null });
      await until(el, () => text(el).includes('No red packets right now'));
      await expect(el).to.be.accessible();
      // Nothing to play: a line, not the rain's 22rem box.
      expect(el.getBoundingClientRect().height).to.be.below(160);
      const lonely = await fixture<OnairRedPacketRain>(
        html`<onair-red-packet-rain lang="en"></onair-red-packet-rain>`,
      );
      await until(lonely, () => !!lonely.shadowRoot!.querySelector('[role="alert"]'));
      expect(text(lonely)).to.contain('<onair-room>');
      await expect(lonely).to.be.accessible();
    });
  });

  describe('playing', () => {
    it('plays with the keyboard: Tab to the rain, arrows pick a packet, Enter grabs it and it is announced', async () => {
      const events: { type: string; props: Record<string, unknown> }[] = [];
      const { el } = await liveRain({ events });
      const before = document.createElement('button');
      before.textContent = 'before';
      el.before(before);
      before.focus();
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(canvasOf(el));
      expect(canvasOf(el)!.getAttribute('aria-label')).to.contain('Enter or Space grabs it');
      // Packets fall in within half a second; the focus ring goes to the lowest.
      await until(el, () => spritesOf(el).sprites.some((s) => s.state === 'falling'));
      await sendKeys({ press: 'ArrowRight' });
      expect(spritesOf(el).focused()).to.not.equal(undefined);
      const opened = oneEvent(el, 'onair-packet-open');
      await sendKeys({ press: 'Enter' });
      const { detail } = await opened;
      expect(detail.rainId).to.equal('r1');
      expect(detail.amount).to.be.within(1, 1_000);
      expect(detail.total).to.equal(detail.amount);
      await until(el, () => live(el).startsWith('You opened a packet'));
      expect(live(el)).to.equal(
        `You opened a packet: ${detail.amount} pts. Your total: ${detail.amount} pts.`,
      );
      expect(text(el)).to.contain(`Yours: 1/3 · ${detail.amount} pts`);
      expect(events.filter((e) => e.type.startsWith('packet.'))).to.deep.equal([
        { type: 'packet.grab', props: { rain: 'r1', surface: 'rain' } },
        { type: 'packet.result', props: { rain: 'r1', amount: detail.amount, reason: null } },
      ]);
      before.remove();
    });

    it('a tap on a falling packet grabs it; taps faster than a person are not sent; past the cap it says why', async () => {
      const setup = await liveRain({ rain: { maxPerViewer: 1 } });
      const { el } = setup;
      const canvas = canvasOf(el)!;
      const tapPacket = async () => {
        await until(el, () => spritesOf(el).sprites.some((s) => s.state === 'falling' && s.y > 30));
        const s = spritesOf(el).sprites.find((p) => p.state === 'falling' && p.y > 30)!;
        const box = canvas.getBoundingClientRect();
        // Where it is drawn this frame (it sways a little; the hit box has slack for it).
        canvas.dispatchEvent(
          new PointerEvent('pointerdown', {
            clientX: box.left + s.x,
            clientY: box.top + s.y + 2,
            bubbles: true,
          }),
        );
      };
      const opened = oneEvent(el, 'onair-packet-open');
      await tapPacket();
      const { detail } = await opened;
      expect(detail.amount).to.be.greaterThan(0);
      await until(el, () => text(el).includes('Yours: 1/1'));
      // At the cap the page sends no more grabs; another viewer can still take packets.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await tapPacket();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const other = setup.local.connect('other');
      const { result } = await other.act<{ amount: number }>('rain.grab', { rain: 'r1' });
      expect(result.amount).to.be.greaterThan(0);
      const grabs = setup.local.query('rain.grabs', { rain: 'r1' });
      const rows = grabs.ok ? (grabs.result as { grabs: { viewer: string }[] }).grabs : [];
      expect(rows.map((g) => g.viewer.startsWith('a:other'))).to.deep.equal([false, true]);
    });

    it('a refused grab shows why and fires onair-error', async () => {
      const setup = await liveRain({ rain: { count: 1, budget: 10 } });
      const { el } = setup;
      await emulateMedia({ reducedMotion: 'reduce' });
      await until(el, () => !!el.shadowRoot!.querySelector('[part~="packet"]'));
      // Someone else takes the only packet before this viewer's tap reaches the server.
      await setup.local.connect('other').act('rain.grab', { rain: 'r1' });
      const failed = oneEvent(el, 'onair-error');
      el.shadowRoot!.querySelector<HTMLElement>('[part~="packet"]')!.click();
      const { detail } = await failed;
      expect(detail.code).to.be.oneOf(['rain_empty']);
      await until(
        el,
        () => text(el).includes('All packets are gone') || text(el).includes('The rain is over'),
      );
    });

    it('ends on the server’s clock with the viewer’s total and the room’s top grabbers', async () => {
      const setup = await liveRain({ rain: { budget: 300, count: 3 } });
      const { el } = setup;
      await emulateMedia({ reducedMotion: 'reduce' });
      await until(el, () => !!el.shadowRoot!.querySelector('[part~="packet"]'));
      el.shadowRoot!.querySelector<HTMLElement>('[part~="packet"]')!.click();
      await until(el, () => !!el.shadowRoot!.querySelector('[data-opened]'));
      const mine = Number(el.shadowRoot!.querySelector('[data-opened]')!.textContent!.replace(/\D/g, ''));
      await setup.local.connect('mia').act('rain.grab', { rain: 'r1', name: 'Mia' });
      await end(setup);
      expect(el.shadowRoot!.querySelector('[part~="total"]')!.textContent).to.equal(`${mine} pts`);
      const board = [...el.shadowRoot!.querySelectorAll('[part~="entry"]')].map((e) =>
        e.textContent!.replace(/\s+/g, ' ').trim(),
      );
      expect(board).to.have.length(2);
      expect(board.some((line) => line.includes('(You)') && line.includes(`${mine} pts`))).to.equal(true);
      expect(board.some((line) => line.includes('Mia'))).to.equal(true);
      expect(text(el)).to.contain('2 of 3 packets grabbed');
      expect(live(el)).to.equal(`The rain is over. Your total: ${mine} pts.`);
    });
  });

  describe('looks', () => {
    it('reduced motion: a calm grid of buttons, no canvas, no animation frames', async () => {
      await emulateMedia({ reducedMotion: 'reduce' });
      const { el } = await liveRain();
      await until(el, () => !!el.shadowRoot!.querySelector('[part~="grid"]'));
      expect(canvasOf(el)).to.equal(null);
      const cells = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="packet"]');
      expect(cells.length).to.equal(12);
      expect(cells[0]!.textContent).to.contain('Red packet 1');
      cells[0]!.focus();
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(cells[1]);
      await sendKeys({ press: 'Enter' });
      await until(el, () => cells[1]!.hasAttribute('data-opened'));
      expect(cells[1]!.textContent!.trim()).to.match(/^\+\d+ pts$/);
    });

    it('moved in the page, it keeps raining (the drawing starts again)', async () => {
      const { el } = await liveRain();
      await until(el, () => spritesOf(el).sprites.length > 0);
      const parent = el.parentElement!;
      el.remove();
      parent.append(el);
      const before = spritesOf(el)
        .sprites.map((s) => s.y)
        .join();
      await until(
        el,
        () =>
          spritesOf(el)
            .sprites.map((s) => s.y)
            .join() !== before,
      );
    });

    it('the calm attribute shows the grid whatever the system setting', async () => {
      const { el } = await liveRain();
      await until(el, () => !!canvasOf(el));
      el.calm = true;
      await until(el, () => !!el.shadowRoot!.querySelector('[part~="grid"]'));
      expect(canvasOf(el)).to.equal(null);
      expect(el.hasAttribute('calm')).to.equal(true);
      el.calm = false;
      await until(el, () => !!canvasOf(el));
    });

    it('Chinese: every word in zh-CN, amounts in the locale’s words', async () => {
      const setup = await liveRain({ lang: 'zh-CN', rain: { startsAt: Date.now() + 65_000, budget: 5_000 } });
      const { el } = setup;
      await until(el, () => text(el).includes('后开始'));
      expect(text(el))
        .to.contain('红包雨')
        .and.contain('1:05 后开始')
        .and.contain('共 20 个红包 · 总额 5,000 积分')
        .and.contain('每人最多 3 个');
      setup.clock.advance(65_000 + 30_000);
      setup.local.flush();
      await until(el, () => text(el).includes('红包雨结束'));
      expect(text(el)).to.contain('这次没有抢到红包').and.contain('已抢 0/20 个红包').and.contain('手气榜');
    });

    it('takes input only inside its own box: the page around it keeps its clicks', async () => {
      const { el } = await liveRain();
      el.style.blockSize = '200px';
      const below = document.createElement('button');
      below.textContent = 'page button';
      el.after(below);
      await until(el, () => !!canvasOf(el));
      const box = el.getBoundingClientRect();
      const canvasBox = canvasOf(el)!.getBoundingClientRect();
      expect(canvasBox.bottom).to.be.at.most(box.bottom + 0.5);
      expect(canvasBox.top).to.be.at.least(box.top - 0.5);
      const target = below.getBoundingClientRect();
      expect(document.elementFromPoint(target.left + 5, target.top + 5)).to.equal(below);
      // The canvas is as sharp as the screen: its backing store follows devicePixelRatio (up to 2).
      await until(
        el,
        () => canvasOf(el)!.width === Math.round(canvasBox.width * Math.min(2, devicePixelRatio)),
      );
      below.remove();
    });

    it('leaves no listeners behind over 50 mounts; setting a property fires nothing', async () => {
      const { el, room } = await liveRain();
      const { before, after } = await listenersLeftOver(room, () => {
        const next = document.createElement('onair-red-packet-rain');
        next.room = room;
        return next;
      });
      expect(after).to.deep.equal(before);
      let fired = 0;
      for (const type of ['onair-packet-open', 'onair-error']) el.addEventListener(type, () => fired++);
      el.rainId = 'r1';
      el.playerName = 'Mia';
      await el.updateComplete;
      expect(fired).to.equal(0);
    });
  });
});
