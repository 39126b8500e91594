import { createRoom } from '@onair/core';
import { ActionRejectedError } from '@onair/core/channel.js';
import { expect, fixture, html } from '@open-wc/testing';
import '../onair-slot.js';
import '@onair/polls/onair-poll.js';
import '@onair/commerce/onair-product-card.js';
import { productsFeature } from '@onair/commerce/model.js';
import { pollsFeature } from '@onair/polls/model.js';
import { testRoom } from '../../../../test/support/local-room.js';
import { until } from '../../../../test/support/until.js';
import { showCampaign } from '../../test/fixtures.js';
import { campaignFeature } from '../model/feature.js';
import { resetExposures } from './exposure.js';
import type { OnairSlot } from './slot.js';

type Tracked = { type: string; props: Record<string, unknown> | undefined };

/** A live in-page room running the show campaign's features, with the items fired by hand. */
function showRoom(experiments = true) {
  const memory = testRoom([pollsFeature, productsFeature, campaignFeature]);
  const campaign = showCampaign();
  if (!experiments) campaign.experiments = [];
  memory.ops('campaign.load', { campaign: { ...campaign, room: memory.room } });
  memory.ops('campaign.live', {});
  const fire = (item: string, at: number) => {
    const entry = campaign.timeline.find((i) => i.id === item)!;
    memory.ops(entry.command, entry.args);
    memory.ops('campaign.fire', { item, at });
  };
  return { memory, fire };
}

function page(memory: ReturnType<typeof testRoom>, tracked: Tracked[] = [], lang = 'en') {
  return createRoom({
    room: memory.room,
    transport: memory.transport(),
    telemetry: { track: (type, props) => tracked.push({ type, props }) },
    lang,
  });
}

const widget = (el: OnairSlot) =>
  el.shadowRoot!.querySelector('.stage .item:not(.leaving) > *') as HTMLElement | null;

describe('<onair-slot>', () => {
  beforeEach(() => resetExposures());

  it('passes axe: empty, with its fallback, and showing a poll (en and zh-CN)', async () => {
    const { memory, fire } = showRoom(false);
    const empty = await fixture<OnairSlot>(
      html`<onair-slot name="overlay-bottom-left" .room=${page(memory)}><p>Fallback</p></onair-slot>`,
    );
    await expect(empty).to.be.accessible();
    fire('mug', 0);
    fire('poll', 5_000);
    await until(empty, () => widget(empty)?.localName === 'onair-poll');
    await expect(empty).to.be.accessible();
    const zh = await fixture<OnairSlot>(
      html`<onair-slot lang="zh-CN" name="overlay-bottom-left" .room=${page(memory, [], 'zh-CN')}></onair-slot>`,
    );
    await until(zh, () => widget(zh)?.localName === 'onair-poll');
    await expect(zh).to.be.accessible();
  });

  it('shows what the campaign places in its name, configured by the item, and its own children otherwise', async () => {
    const { memory, fire } = showRoom(false);
    const room = page(memory);
    const el = await fixture<OnairSlot>(
      html`<onair-slot name="overlay-bottom-left" .room=${room}><p id="mine">Page's own</p></onair-slot>`,
    );
    const fallback = () => !el.shadowRoot!.querySelector('slot')!.hidden;
    expect(fallback()).to.equal(true);
    fire('mug', 0);
    fire('pin', 10_000); // another slot's item: not here
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(widget(el)).to.equal(null);
    fire('poll', 5_000);
    await until(el, () => widget(el)?.localName === 'onair-poll');
    const poll = widget(el)!;
    expect(poll.getAttribute('poll')).to.equal('p1');
    // The campaign's locale override (zh-CN in the show) reaches what it places.
    expect(poll.getAttribute('lang')).to.equal('zh-CN');
    expect(fallback()).to.equal(false);
    await until(poll as OnairSlot, () => !!poll.shadowRoot?.textContent?.includes('投票'));
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('New here: poll');
    // The item leaves: the slot goes back to the page's own children.
    memory.ops('campaign.leave', { item: 'poll', at: 65_000 });
    await until(el, () => fallback());
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Removed from this area.');
  });

  it('enters and leaves with a transition, and without one under reduced motion', async () => {
    const { memory, fire } = showRoom(false);
    const el = await fixture<OnairSlot>(
      html`<onair-slot name="overlay-bottom-left" .room=${page(memory)}></onair-slot>`,
    );
    fire('mug', 0);
    fire('poll', 5_000);
    await until(el, () => !!widget(el));
    const box = widget(el)!.parentElement!;
    expect(getComputedStyle(box).transitionDuration).to.contain('0.22s');
    memory.ops('campaign.leave', { item: 'poll', at: 65_000 });
    await until(el, () => box.classList.contains('leaving'));
    await until(el, () => !box.isConnected);
  });

  it('shows the viewer their variation and sends experiment.exposure once per viewer', async () => {
    const { memory, fire } = showRoom(true);
    const tracked: Tracked[] = [];
    const room = page(memory, tracked);
    const el = await fixture<OnairSlot>(html`<div>
      <onair-slot name="overlay-bottom-right" .room=${room}></onair-slot>
      <onair-slot name="overlay-bottom-right" .room=${room}></onair-slot>
    </div>`);
    const [a, b] = [...el.querySelectorAll('onair-slot')] as OnairSlot[];
    fire('mug', 0);
    fire('pin', 10_000);
    await until(a!, () => !!widget(a!) && !!widget(b!));
    const viewer = room.channel!.$viewer.get()!;
    const variation = (viewer.mine['experiments'] as Record<string, { variation: string }>)['promo-label']!
      .variation;
    expect(['control', 'discount']).to.include(variation);
    const card = widget(a!)!;
    expect(card.localName).to.equal('onair-product-card');
    expect(card.getAttribute('promotion') ?? '').to.equal(variation === 'discount' ? '限时直降 20 元' : '');
    const exposures = () => tracked.filter((t) => t.type === 'experiment.exposure');
    expect(exposures()).to.deep.equal([
      { type: 'experiment.exposure', props: { experiment: 'promo-label', variation } },
    ]);
    // The same viewer on a new element (a re-render, a reload of the slot): no second exposure.
    const again = await fixture<OnairSlot>(
      html`<onair-slot name="overlay-bottom-right" .room=${room}></onair-slot>`,
    );
    await until(again, () => !!widget(again));
    expect(exposures().length).to.equal(1);
  });

  it('shows the item as it is, without an exposure, when the server refuses to assign', async () => {
    const { memory, fire } = showRoom(true);
    const tracked: Tracked[] = [];
    const channel = memory.local.connect();
    // A server that refuses the assignment (a rate limit, a campaign replaced meanwhile).
    const refusing = {
      ...channel,
      act: () => Promise.reject(new ActionRejectedError({ code: 'rate_limited', message: 'slow down' })),
    };
    const room = createRoom({
      room: memory.room,
      channel: refusing as typeof channel,
      telemetry: { track: (type, props) => tracked.push({ type, props }) },
    });
    const errors: string[] = [];
    const el = await fixture<OnairSlot>(
      html`<onair-slot name="overlay-bottom-right" .room=${room} @onair-error=${(e: CustomEvent) => errors.push(e.detail.code)}></onair-slot>`,
    );
    fire('mug', 0);
    fire('pin', 10_000);
    await until(el, () => !!widget(el));
    expect(widget(el)!.getAttribute('promotion') ?? '').to.equal(''); // the product's own line
    expect(errors).to.deep.equal(['rate_limited']);
    expect(tracked.filter((t) => t.type === 'experiment.exposure')).to.deep.equal([]);
  });

  it('places only Onair widgets: an element name the schema would refuse is not created', async () => {
    const { memory } = showRoom(false);
    const el = await fixture<OnairSlot>(html`<onair-slot name="x" .room=${page(memory)}></onair-slot>`);
    // Records come only from the campaign feature, which checks names; a forged one changes nothing.
    memory.local.command('campaign.load', {
      campaign: {
        ...showCampaign(),
        room: memory.room,
        experiments: [],
        timeline: [
          {
            id: 'evil',
            command: 'poll.close',
            trigger: { type: 'manual' },
            slot: 'x',
            show: { element: 'script' },
          },
        ],
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(widget(el)).to.equal(null);
  });
});
