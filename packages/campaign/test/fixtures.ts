/** Features and a campaign the specs share: every feature the server runs, and a small show. */
import { productsFeature } from '@onair/commerce/model.js';
import type { AnyFeature } from '@onair/core/feature.js';
import { quizFeature } from '@onair/games/model.js';
import { giftsFeature } from '@onair/gifts/model.js';
import { pollsFeature } from '@onair/polls/model.js';
import { surveysFeature } from '@onair/surveys/model.js';
import type { CampaignInput } from '../src/model/schema.js';

export const features: AnyFeature[] = [
  pollsFeature,
  giftsFeature({}),
  productsFeature,
  surveysFeature,
  quizFeature,
];

export const GO_LIVE = Date.parse('2026-12-24T12:00:00Z');

/** A poll at +5 s (closed 60 s later), a product put at once and pinned at +10 s, a 50/50 on its label. */
export function showCampaign(): CampaignInput {
  return {
    id: 'xmas',
    title: 'Christmas special',
    room: 'live-1',
    locale: 'zh-CN',
    goLive: '2026-12-24T12:00:00Z',
    timeline: [
      {
        id: 'mug',
        command: 'product.put',
        args: {
          product: 'mug',
          config: {
            title: 'Holiday mug',
            price: { amount: 4900, currency: 'CNY' },
            href: 'https://shop.example/mug',
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
            question: 'Which color?',
            options: [
              { id: 'red', label: 'Red' },
              { id: 'green', label: 'Green' },
            ],
          },
          open: true,
        },
        trigger: { type: 'offset', ms: 5_000 },
        end: { afterMs: 60_000, command: 'poll.close', args: { poll: 'p1' } },
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
        weights: [0.5, 0.5],
        variations: [
          { id: 'control' },
          { id: 'discount', items: { pin: { attributes: { promotion: '限时直降 20 元' } } } },
        ],
      },
    ],
  };
}
