import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { showCampaign } from '../../campaign/test/fixtures.js';
import {
  closeAll,
  type FakeClock,
  fakeClock,
  type Harness,
  type Json,
  startServer,
  tempDir,
  wait,
} from './helpers.js';

afterEach(closeAll);

const GO_LIVE = Date.parse('2026-12-24T12:00:00Z');
const room = 'live-1';
const base = `/v1/rooms/${room}/campaign`;

/** Moves the server's clock and lets the campaign's player finish what came due. */
async function tick(clock: FakeClock, ms: number) {
  clock.advance(ms);
  await wait(30);
}

async function live(h: Harness) {
  return (await h.ops('GET', base)).body as Json;
}

async function pushed(options: { db?: string; clock?: FakeClock } = {}) {
  const clock = options.clock ?? fakeClock(GO_LIVE - 60_000);
  const h = await startServer({ clock, ...(options.db ? { db: options.db } : {}) });
  const push = await h.ops('PUT', base, showCampaign());
  expect(push.status, JSON.stringify(push.body)).toBe(201);
  return { h, clock, push };
}

describe('campaigns on the server clock', () => {
  it('goes live at its go-live time and fires each item on time', async () => {
    const { h, clock, push } = await pushed();
    expect(push.body).toMatchObject({ version: 1, campaign: { status: 'scheduled' }, warnings: [] });
    await tick(clock, 59_999);
    expect((await live(h)).campaign.status).toBe('scheduled');
    await tick(clock, 1);
    expect((await live(h)).campaign).toMatchObject({ status: 'live', liveAt: GO_LIVE, fired: { mug: 0 } });
    await tick(clock, 4_999);
    expect((await live(h)).slots).toEqual({});
    await tick(clock, 1);
    const atFive = await live(h);
    expect(atFive.campaign.fired).toEqual({ mug: 0, poll: 5_000 });
    expect(atFive.slots['overlay-bottom-left']).toMatchObject({ item: 'poll', element: 'onair-poll' });
    const state = (await h.ops('GET', `/v1/rooms/${room}`)).body.state;
    expect(state.polls.p1).toMatchObject({ status: 'open', openedAt: GO_LIVE + 5_000 });
    await tick(clock, 5_000);
    expect((await h.ops('GET', `/v1/rooms/${room}`)).body.state.pins.current.productIds).toEqual(['mug']);
    // The poll's end: closed by its end command, gone from its slot, 60 s after it fired.
    await tick(clock, 55_000);
    const after = await live(h);
    expect(after.campaign.ended).toEqual({ poll: 65_000 });
    expect(Object.keys(after.slots)).toEqual(['overlay-bottom-right']);
    expect((await h.ops('GET', `/v1/rooms/${room}`)).body.state.polls.p1.status).toBe('closed');
  });

  it('pauses and resumes: a paused campaign holds its triggers', async () => {
    const { h, clock } = await pushed();
    expect((await h.ops('POST', `${base}/live`)).body.campaign.status).toBe('live');
    await tick(clock, 7_000);
    expect((await h.ops('POST', `${base}/pause`)).body.campaign).toMatchObject({ status: 'paused' });
    await tick(clock, 30_000);
    expect((await live(h)).campaign.fired).toEqual({ mug: 0, poll: 5_000 });
    await h.ops('POST', `${base}/resume`);
    await tick(clock, 2_999);
    expect((await live(h)).campaign.fired.pin).toBeUndefined();
    await tick(clock, 1);
    expect((await live(h)).campaign).toMatchObject({ fired: { pin: 10_000 }, pausedMs: 30_000 });
    // Pausing twice is harmless; resuming a live campaign too; ending empties the slots.
    expect((await h.ops('POST', `${base}/resume`)).status).toBe(200);
    const ended = await h.ops('POST', `${base}/end`);
    expect(ended.body).toMatchObject({ campaign: { status: 'ended' }, slots: {} });
    expect((await h.ops('POST', `${base}/pause`)).body.error.code).toBe('not_live');
  });

  it('shows a late joiner exactly the current slots, with a sticky variation across reconnects', async () => {
    const { h, clock } = await pushed();
    await h.ops('POST', `${base}/live`);
    const early = await h.connect(room, { viewer: 'early' });
    await tick(clock, 10_000);
    const delta = await early.next(
      (f) => f.t === 'delta' && JSON.stringify(f).includes('overlay-bottom-right'),
    );
    expect(JSON.stringify(delta)).toContain('onair-product-card');

    const late = await h.connect(room, { viewer: 'late' });
    const snapshot = late.frames.find((f) => f.t === 'snapshot') as Json;
    expect(Object.keys(snapshot.state.slots).sort()).toEqual(['overlay-bottom-left', 'overlay-bottom-right']);
    expect(snapshot.state.campaign.current).toMatchObject({ status: 'live', experiments: ['promo-label'] });
    expect(snapshot.state.campaign_docs).toBeUndefined();
    expect(snapshot.viewer.mine.experiments).toEqual({});

    const assigned = await late.act('campaign.assign', {});
    expect(assigned.ok).toBe(true);
    const variation = (assigned as Json).mine.experiments['promo-label'].variation;
    expect(['control', 'discount']).toContain(variation);
    // A reload or reconnect: the snapshot carries the assignment; assigning again changes nothing.
    const again = await h.connect(room, { viewer: 'late' });
    expect((again.frames.find((f) => f.t === 'snapshot') as Json).viewer.mine.experiments).toEqual({
      'promo-label': { campaign: 'xmas', variation },
    });
    expect(
      ((await again.act('campaign.assign', {})) as Json).result.experiments['promo-label'].variation,
    ).toBe(variation);
  });

  it('resumes after a restart at the right item: nothing fired twice, what came due fires', async () => {
    const temp = tempDir();
    try {
      const db = join(temp.dir, 'live.db');
      const first = await pushed({ db });
      await first.h.ops('POST', `${base}/live`);
      await tick(first.clock, 6_000);
      const before = (await first.h.ops('GET', `/v1/rooms/${room}`)).body.state;
      expect(before.polls.p1.status).toBe('open');
      await first.h.close();

      // Down for 30 s: the pin (+10 s) came due meanwhile.
      const clock = fakeClock(GO_LIVE - 60_000 + 36_000);
      const h = await startServer({ clock, db });
      await wait(50);
      const now = await live(h);
      expect(now.campaign.fired).toEqual({ mug: 0, poll: 5_000, pin: 10_000 });
      const state = (await h.ops('GET', `/v1/rooms/${room}`)).body.state;
      expect(state.polls.p1).toEqual(before.polls.p1); // not created or opened again
      expect(state.pins.current.productIds).toEqual(['mug']);
      expect((await h.ops('GET', `${base}/versions`)).body.versions).toMatchObject([
        { version: 1, id: 'xmas' },
      ]);
      // The poll's end is still on its way, on the new clock.
      await tick(clock, 65_000);
      expect((await live(h)).campaign.ended).toEqual({ poll: 65_000 });
    } finally {
      await closeAll();
      temp.remove();
    }
  });

  it('refuses a bad campaign with paths and stores nothing', async () => {
    const h = await startServer({ clock: fakeClock(GO_LIVE - 60_000) });
    const doc = showCampaign();
    (doc.timeline[1]!.args as Json).poll.question = '';
    doc.experiments![0]!.weights = [0.5, 0.7];
    const bad = await h.ops('PUT', base, doc);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: 'invalid_campaign',
      path: 'timeline[1].args.poll.question',
      message: 'timeline[1].args.poll.question: expected a string of 1–120 characters',
    });
    const other = await h.ops('PUT', base, { ...showCampaign(), room: 'elsewhere' });
    expect(other.body.error).toMatchObject({ code: 'invalid_campaign', path: 'room' });
    // Valid but the room would refuse it: a pin of a product no item creates.
    const ghost = showCampaign();
    ghost.timeline.shift();
    const refused = await h.ops('PUT', base, ghost);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'preflight_failed', path: 'timeline[1].args' });
    expect(refused.body.error.message).toContain('unknown_product');
    const zh = await fetch(`${h.url}${base}`, {
      method: 'PUT',
      headers: {
        authorization: 'Bearer test-ops-token-0123456789',
        'content-type': 'application/json',
        'accept-language': 'zh-CN',
      },
      body: JSON.stringify(doc),
    });
    expect(((await zh.json()) as Json).error.message).toBe(
      'timeline[1].args.poll.question: 应为 1–120 个字符的文本',
    );
    expect((await h.ops('GET', `${base}/versions`)).body.versions).toEqual([]);
    expect((await live(h)).campaign).toBeNull();
    expect((await h.ops('PUT', base, showCampaign(), 'wrong-token')).status).toBe(401);
    // Campaign bodies may be up to 512 KiB (a long timeline); more is refused before it is parsed.
    const big = { ...showCampaign(), title: 'x'.repeat(600 * 1024) };
    expect((await h.ops('PUT', base, big)).body.error.code).toBe('body_too_large');
    const large = { ...showCampaign(), title: 'x'.repeat(100 * 1024) };
    expect((await h.ops('PUT', base, large)).body.error).toMatchObject({
      code: 'invalid_campaign',
      path: 'title',
    });
    expect((await h.ops('PUT', `${base}?force=true`, ghost)).status).toBe(201);
  });

  it('keeps every push as a version and rolls back to one, keeping what fired', async () => {
    const { h, clock } = await pushed();
    await h.ops('POST', `${base}/live`);
    await tick(clock, 6_000);
    const edited = showCampaign();
    edited.title = 'Christmas special (edited)';
    (edited.timeline[2]!.trigger as Json).ms = 20_000;
    expect((await h.ops('PUT', base, edited)).body).toMatchObject({
      version: 2,
      campaign: { status: 'live' },
    });
    await tick(clock, 5_000);
    expect((await live(h)).campaign.fired.pin).toBeUndefined();
    const rolled = await h.ops('POST', `${base}/versions/1/rollback`);
    expect(rolled.body).toMatchObject({
      version: 3,
      campaign: { title: 'Christmas special', fired: { pin: 10_000 } },
    });
    expect(
      (await h.ops('GET', `${base}/versions`)).body.versions.map((v: Json) => [v.version, v.rolledBackFrom]),
    ).toEqual([
      [3, 1],
      [2, null],
      [1, null],
    ]);
    expect((await h.ops('GET', `${base}/versions/2`)).body.campaign.title).toBe('Christmas special (edited)');
    expect((await h.ops('POST', `${base}/versions/9/rollback`)).body.error.code).toBe('unknown_version');
  });

  it('triggers a manual item when ops say so, once', async () => {
    const clock = fakeClock(GO_LIVE - 60_000);
    const h = await startServer({ clock });
    const doc = showCampaign();
    doc.timeline[2]!.trigger = { type: 'manual' };
    expect((await h.ops('PUT', base, doc)).status).toBe(201);
    expect((await h.ops('POST', `${base}/items/pin/trigger`)).body.error.code).toBe('not_live');
    await h.ops('POST', `${base}/live`);
    await tick(clock, 60_000);
    expect((await live(h)).campaign.fired.pin).toBeUndefined();
    expect((await h.ops('POST', `${base}/items/poll/trigger`)).body.error.code).toBe('not_manual');
    const pressed = await h.ops('POST', `${base}/items/pin/trigger`);
    await wait(30);
    expect(pressed.status).toBe(200);
    expect((await live(h)).campaign.fired.pin).toBe(60_000);
    expect((await h.ops('POST', `${base}/items/pin/trigger`)).body.error.code).toBe('already_fired');
  });

  it('serves the JSON Schema built from the running features', async () => {
    const h = await startServer();
    const schema = (await h.ops('GET', '/v1/campaigns/schema')).body;
    expect(schema.properties.timeline.items.properties.command.enum).toEqual(
      expect.arrayContaining(['poll.create', 'product.pin', 'survey.open', 'quiz.start', 'gift.grant']),
    );
  });
});

describe('campaigns in cluster mode', () => {
  it('a campaign pushed to one node runs on its clock; every node serves what is live', async () => {
    const { startRedis } = await import('./redis-server.js');
    const redis = await startRedis();
    try {
      const clock = fakeClock(GO_LIVE - 60_000);
      const a = await startServer({ clock, redis: redis.url });
      const b = await startServer({ clock, redis: redis.url });
      expect((await a.ops('PUT', base, showCampaign())).status).toBe(201);
      await a.ops('POST', `${base}/live`);
      await tick(clock, 5_000);
      await wait(100);
      const seen = (await b.ops('GET', base)).body;
      expect(seen.campaign.fired).toEqual({ mug: 0, poll: 5_000 });
      expect(seen.slots['overlay-bottom-left']).toMatchObject({ item: 'poll' });
      const viewer = await b.connect(room, { viewer: 'cluster-viewer' });
      const assigned = (await viewer.act('campaign.assign', {})) as Json;
      expect(assigned.ok).toBe(true);
    } finally {
      await closeAll();
      await redis.stop();
    }
  }, 30_000);
});
