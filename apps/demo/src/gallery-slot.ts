/**
 * `<onair-slot>` in every state, on in-page rooms running the campaign feature (no server): empty
 * with the page's own fallback, a poll placed by the campaign, a pinned product in each variation
 * of a 50/50 promotion experiment. With `?server=<url>&room=<id>` it is instead a viewer page of
 * that live room: two slots over a stage, filled by whatever campaign runs there (the e2e test).
 */
import 'onair/onair-slot.js';
import 'onair/onair-poll.js';
import 'onair/onair-product-card.js';
import { type CampaignInput, campaignFeature } from '@onair/campaign/model.js';
import { productsFeature } from '@onair/commerce/model.js';
import { createRoom } from '@onair/core';
import { createLocalRoom } from '@onair/core/local-room.js';
import { pollsFeature } from '@onair/polls/model.js';
import { prefs, show, stage } from './gallery.js';

const zh = prefs.lang === 'zh-CN';
const l = (en: string, cn: string) => (zh ? cn : en);
const params = new URLSearchParams(location.search);

function campaign(room: string, weights: [number, number]): CampaignInput {
  return {
    id: 'gallery',
    title: l('Friday brand day', '周五品牌日'),
    room,
    goLive: '2026-12-24T12:00:00Z',
    timeline: [
      {
        id: 'mug',
        command: 'product.put',
        args: {
          product: 'mug',
          config: {
            title: l('Holiday mug, 350 ml', '节日马克杯 350 毫升'),
            image: `${location.origin}/products/item.svg`,
            price: { amount: 4900, currency: 'CNY' },
            originalPrice: { amount: 6900, currency: 'CNY' },
            promotion: l('Save ¥20 over ¥199', '满 199 减 20'),
            stock: 120,
          },
        },
        trigger: { type: 'offset', ms: 0 },
      },
      {
        id: 'poll',
        command: 'poll.create',
        args: {
          poll: {
            id: 'p1',
            question: l('Which color should we open next?', '下一款开哪个颜色？'),
            options: [
              { id: 'red', label: l('Red', '红色') },
              { id: 'green', label: l('Green', '绿色') },
            ],
          },
          open: true,
        },
        trigger: { type: 'offset', ms: 5_000 },
        slot: 'overlay-bottom-left',
        show: { element: 'onair-poll', attributes: { poll: 'p1' } },
      },
      {
        id: 'pin',
        command: 'product.pin',
        args: { product: 'mug' },
        trigger: { type: 'offset', ms: 10_000 },
        slot: 'overlay-bottom-right',
        show: { element: 'onair-product-card', attributes: { product: 'mug', pinned: '' } },
      },
    ],
    experiments: [
      {
        key: 'promo-label',
        weights,
        variations: [
          { id: 'control' },
          {
            id: 'discount',
            items: { pin: { attributes: { promotion: l('¥20 off today only', '限时直降 20 元') } } },
          },
        ],
      },
    ],
  };
}

/** An in-page room with the campaign loaded, live, and the given items fired. */
function room(fired: string[], weights: [number, number] = [0.5, 0.5]) {
  const local = createLocalRoom({ features: [pollsFeature, productsFeature, campaignFeature], flushMs: 0 });
  const doc = campaign(local.room, weights);
  const must = (result: { ok: boolean }) => {
    if (!result.ok) throw new Error(JSON.stringify(result));
  };
  must(local.command('campaign.load', { campaign: doc }));
  must(local.command('campaign.live', {}));
  for (const id of fired) {
    const item = doc.timeline.find((entry) => entry.id === id)!;
    must(local.command(item.command, item.args));
    must(
      local.command('campaign.fire', { item: id, at: item.trigger.type === 'offset' ? item.trigger.ms : 0 }),
    );
  }
  return createRoom({ room: local.room, channel: local.connect(), lang: prefs.lang, theme: prefs.theme });
}

function slot(name: string, context: ReturnType<typeof createRoom> | null, fallback?: string) {
  const el = document.createElement('onair-slot');
  el.name = name;
  el.className = name;
  if (context) el.room = context;
  if (fallback) {
    const own = document.createElement('p');
    own.className = 'slot-fallback';
    own.textContent = fallback;
    el.append(own);
  }
  return el;
}

if (params.has('server') && params.has('room')) {
  // A viewer page of a live room: the campaign on the server fills the slots.
  const live = createRoom({
    room: params.get('room')!,
    server: params.get('server')!,
    lang: prefs.lang,
    theme: prefs.theme,
    telemetryEndpoint: new URL('/v1/events', params.get('server')!).href,
  });
  (window as unknown as { onairRoom: unknown }).onairRoom = live;
  show(
    { en: 'Live room', zh: '直播间' },
    stage(slot('overlay-bottom-left', live), slot('overlay-bottom-right', live)),
    { wide: true },
  );
} else {
  show(
    { en: 'Before go-live: the page’s own content', zh: '开播前：页面自己的内容' },
    stage(slot('overlay-bottom-left', room([]), l('Welcome! The show starts soon.', '欢迎！直播马上开始。'))),
    { wide: true },
  );
  const five = room(['mug', 'poll']);
  show(
    { en: '+5 s: the campaign’s poll in overlay-bottom-left', zh: '+5 秒：活动的投票出现在左下' },
    stage(slot('overlay-bottom-left', five), slot('overlay-bottom-right', five)),
    { wide: true },
  );
  const control = room(['mug', 'poll', 'pin'], [1, 0]);
  show(
    { en: '+10 s: pinned product, variation “control”', zh: '+10 秒：讲解商品，版本“control”' },
    stage(slot('overlay-bottom-left', control), slot('overlay-bottom-right', control)),
    { wide: true },
  );
  const discount = room(['mug', 'poll', 'pin'], [0, 1]);
  show(
    { en: '+10 s: pinned product, variation “discount”', zh: '+10 秒：讲解商品，版本“discount”' },
    stage(slot('overlay-bottom-left', discount), slot('overlay-bottom-right', discount)),
    { wide: true },
  );
}
