// What the Campaigns page works out from a document: where each item sits on the timeline (by its
// trigger, `after` chains resolved, manual items apart), campaign time with pauses, and the
// `weights=` the dashboard sends the Stats API.
import { describe, expect, it } from 'vitest';
import { type CampaignRecordView, campaignTime, placeItems, weightsParam } from '../src/campaign-data.js';

describe('placeItems', () => {
  it('places offsets, absolute times and after-chains on campaign time; manual items and their followers apart', () => {
    const placed = placeItems({
      goLive: '2026-12-24T20:00:00+08:00',
      timeline: [
        { id: 'a', command: 'product.put', trigger: { type: 'offset', ms: 5_000 }, end: { afterMs: 60_000 } },
        {
          id: 'b',
          command: 'poll.create',
          trigger: { type: 'at', at: '2026-12-24T12:01:00Z' },
          slot: 'left',
        },
        { id: 'c', command: 'poll.close', trigger: { type: 'after', item: 'a', ms: 2_000 } },
        { id: 'm', command: 'draw.create', trigger: { type: 'manual' } },
        { id: 'n', command: 'draw.close', trigger: { type: 'after', item: 'm' }, end: { afterMs: 1_000 } },
        { id: 'x', command: 'quiz.start', trigger: { type: 'after', item: 'y' } },
        { id: 'y', command: 'quiz.close', trigger: { type: 'after', item: 'x' } },
      ],
    });
    expect(placed.map((p) => [p.id, p.start, p.end, p.manual])).toEqual([
      ['a', 5_000, 65_000, false],
      ['b', 60_000, null, false],
      ['c', 7_000, null, false],
      ['m', null, null, true],
      ['n', null, null, false],
      ['x', null, null, false], // a cycle (refused by validation) places nothing rather than looping
      ['y', null, null, false],
    ]);
    expect(placed[1]!.slot).toBe('left');
    expect(placed[4]!.after).toBe('m');
  });
});

describe('campaignTime', () => {
  const record = (over: Partial<CampaignRecordView>): CampaignRecordView => ({
    id: 'c',
    title: 'c',
    version: 1,
    status: 'live',
    goLive: 0,
    liveAt: 1_000,
    pausedAt: null,
    pausedMs: 0,
    fired: {},
    ended: {},
    triggered: {},
    experiments: [],
    ...over,
  });
  it('counts from going live, without the pauses', () => {
    expect(campaignTime(record({ liveAt: null }), 5_000)).toBeNull();
    expect(campaignTime(record({}), 5_000)).toBe(4_000);
    expect(campaignTime(record({ pausedMs: 1_500 }), 5_000)).toBe(2_500);
    expect(campaignTime(record({ pausedAt: 3_000, pausedMs: 500 }), 9_000)).toBe(1_500);
  });
});

describe('weightsParam', () => {
  it('pairs each variation with its weight, for the experiment asked', () => {
    const doc = {
      experiments: [
        { key: 'a', weights: [0.5, 0.5], variations: [{ id: 'control' }, { id: 'discount' }] },
        { key: 'b', weights: [0.2, 0.3, 0.5], variations: [{ id: 'x' }, { id: 'y' }, { id: 'z' }] },
      ],
    };
    expect(weightsParam(doc, 'a')).toBe('control:0.5,discount:0.5');
    expect(weightsParam(doc, 'b')).toBe('x:0.2,y:0.3,z:0.5');
    expect(weightsParam(doc, 'missing')).toBeNull();
  });
});
