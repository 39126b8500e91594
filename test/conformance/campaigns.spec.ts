// Campaigns on every host: the campaign feature's records, its refusals, the slots viewers see and
// each viewer's variation (GrowthBook's hashing on the viewer's id), alike in the page and on servers.
import { describe, expect } from 'vitest';
import { showCampaign } from '../../packages/campaign/test/fixtures.js';
import { T0 } from './hosts.js';
import { scenario } from './scenario.js';

const doc = () => ({ ...showCampaign(), room: 'conformance' });

describe('campaigns conformance', () => {
  scenario('load, go live, fire into slots, pause, resume, leave and end', async (host, t) => {
    const viewer = await host.join('alice');
    await t.refused(host, 'campaign.live', {}, 'no_campaign');
    await t.refused(
      host,
      'campaign.load',
      { campaign: { ...doc(), timeline: [] } },
      'invalid_body',
      'campaign.timeline',
    );
    await t.ok(host, 'campaign.load', { campaign: doc() });
    await host.settle();
    expect(t.log('viewer campaign', viewer.state['campaign'])).toEqual({
      current: {
        id: 'xmas',
        title: 'Christmas special',
        status: 'scheduled',
        locale: 'zh-CN',
        theme: null,
        experiments: ['promo-label'],
      },
    });
    expect(Object.keys(viewer.state)).not.toContain('campaign_docs');
    const live = await t.ok(host, 'campaign.live', {});
    expect(live.result['campaign']).toMatchObject({ status: 'live', liveAt: T0 });
    await t.refused(host, 'campaign.live', {}, 'already_live');
    await t.ok(host, 'campaign.fire', { item: 'pin', at: 10_000 });
    await host.advance(2_000);
    await t.ok(host, 'campaign.pause', {});
    await host.advance(3_000);
    const resumed = await t.ok(host, 'campaign.resume', {});
    expect(resumed.result['campaign']).toMatchObject({ status: 'live', pausedMs: 3_000 });
    await t.refused(host, 'campaign.trigger', { item: 'pin' }, 'not_manual', 'item');
    await t.refused(host, 'campaign.trigger', { item: 'ghost' }, 'unknown_item', 'item');
    await host.settle();
    expect(t.log('slots', viewer.state['slots'])).toMatchObject({
      'overlay-bottom-right': { item: 'pin', element: 'onair-product-card', experiment: 'promo-label' },
    });
    await t.ok(host, 'campaign.leave', { item: 'pin', at: 20_000 });
    await host.settle();
    expect(viewer.state['slots']).toEqual({});
    await t.ok(host, 'campaign.end', {});
    await t.refused(host, 'campaign.pause', {}, 'not_live');
  });

  scenario('each viewer gets their variation once, kept across reconnects', async (host, t) => {
    const alice = await host.join('alice');
    expect(t.log('no campaign', await alice.act('campaign.assign', {}))).toMatchObject({
      ok: false,
      error: { code: 'no_campaign' },
    });
    await t.ok(host, 'campaign.load', { campaign: doc() });
    const variations: unknown[] = [];
    for (const name of ['alice', 'bob', 'carol', 'dave']) {
      const viewer = name === 'alice' ? alice : await host.join(name);
      const ack = t.log(`assign ${name}`, await viewer.act('campaign.assign', {}));
      expect(ack).toMatchObject({ ok: true });
      variations.push((ack as { mine: unknown }).mine);
    }
    const again = await host.join('bob');
    expect(t.log('bob again', again.mine)).toMatchObject({
      experiments: (variations[1] as { experiments: object }).experiments,
    });
  });
});
