import { manualClock } from '@onair/core/local-room.js';
import { describe, expect, it } from 'vitest';
import { features, GO_LIVE, showCampaign } from '../../test/fixtures.js';
import { dryRun } from './dry-run.js';
import { campaignJsonSchema, commandJsonSchemas } from './json-schema.js';
import { formatCampaignIssue } from './messages.js';
import { preflight } from './preflight.js';
import { validateCampaign } from './validate.js';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('schema assembly', () => {
  it('offers every feature command with the schema of its own input', () => {
    const schemas = commandJsonSchemas(features);
    for (const feature of features)
      for (const name of Object.keys(feature.ops ?? {})) expect(schemas, name).toHaveProperty([name]);
    expect(schemas['poll.open']).toMatchObject({
      type: 'object',
      properties: { poll: { type: 'string' }, durationMs: { type: 'integer', minimum: 5000 } },
      required: ['poll'],
      additionalProperties: false,
    });
    // A nested config (withField) is described by its outer schema and its config's own.
    expect(schemas['poll.create']).toMatchObject({
      properties: {
        open: { type: 'boolean' },
        poll: { type: 'object', required: ['id', 'question'], properties: { question: { maxLength: 120 } } },
      },
    });
    expect(schemas['quiz.create']).toMatchObject({ properties: { quiz: { type: 'object' } } });
    expect(schemas['gift.catalog']).toMatchObject({ properties: { catalog: { type: 'object' } } });
    expect(
      Object.keys(
        (schemas['quiz.create']!['properties'] as { quiz: { properties: object } }).quiz.properties,
      ),
    ).toContain('questions');
    expect(schemas['product.pin']).toMatchObject({ properties: { product: { type: 'string' } } });
  });

  it('ties each timeline item’s args to its command, for every feature, including one added later', () => {
    const extra = {
      name: 'draws',
      collections: {},
      ops: {
        'draw.open': {
          parse: Object.assign(() => ({ ok: true, value: {} }), {
            schema: (features[0]!.ops!['poll.close']!.parse as unknown as { schema: unknown }).schema,
          }),
          run: () => ({ ok: true, result: {} }),
        },
      },
    };
    const schema = campaignJsonSchema([...features, extra as never]);
    const item = (schema['properties'] as Record<string, { items: Record<string, unknown> }>)['timeline']!
      .items;
    const commands = (item['properties'] as Record<string, { enum: string[] }>)['command']!.enum;
    expect(commands).toContain('poll.create');
    expect(commands).toContain('draw.open');
    expect(commands).not.toContain('campaign.load');
    const rule = (item['allOf'] as { if: unknown; then: unknown }[]).find((r) =>
      JSON.stringify(r.if).includes('"draw.open"'),
    );
    expect(rule?.then).toMatchObject({ properties: { args: { properties: { poll: { type: 'string' } } } } });
    expect(schema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema['required']).toEqual(expect.arrayContaining(['id', 'title', 'room', 'goLive', 'timeline']));
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});

describe('validateCampaign', () => {
  it('accepts the show', () => {
    const result = validateCampaign(showCampaign(), features);
    expect(result.ok, JSON.stringify(result)).toBe(true);
  });

  it("checks each item's args with its feature's own rules, with paths into the document", () => {
    const doc = clone(showCampaign());
    (doc.timeline[1]!.args as { poll: { question: string } }).poll.question = '';
    doc.timeline[2]!.command = 'product.explode';
    const result = validateCampaign(doc, features);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = result.issues.map((issue) => formatCampaignIssue(issue));
    expect(lines).toContain('timeline[1].args.poll.question: expected a string of 1–120 characters');
    expect(
      lines.find((l) => l.startsWith('timeline[2].command: unknown command "product.explode"')),
    ).toBeTruthy();
    expect(result.issues.map((i) => formatCampaignIssue(i, 'zh-CN'))).toContain(
      'timeline[1].args.poll.question: 应为 1–120 个字符的文本',
    );
  });

  it('checks variation args, unknown items in after triggers and swaps, and cycles', () => {
    const doc = clone(showCampaign());
    doc.experiments![0]!.variations[1]!.items = { pin: { args: { product: 'bad id!' }, swap: 'nope' } };
    doc.timeline.push(
      { id: 'a', command: 'poll.close', args: { poll: 'p1' }, trigger: { type: 'after', item: 'b' } },
      { id: 'b', command: 'poll.close', args: { poll: 'p1' }, trigger: { type: 'after', item: 'a' } },
      { id: 'c', command: 'poll.close', args: { poll: 'p1' }, trigger: { type: 'after', item: 'ghost' } },
    );
    const result = validateCampaign(doc, features);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.issues.map((issue) => `${issue.path} ${issue.key.split('|')[0]}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'experiments[0].variations[1].items.pin.args.product id',
        'experiments[0].variations[1].items.pin.swap unknownItem',
        'timeline[5].trigger.item unknownItem',
        'timeline[3].trigger.item cycle',
      ]),
    );
  });

  it('refuses what a slot could not send: variations whose attributes exceed a record', () => {
    const doc = clone(showCampaign());
    const long = 'x'.repeat(500);
    const attributes = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`a${i}`, long]));
    doc.experiments![0]!.variations[1]!.items = { pin: { attributes } };
    doc.experiments![0]!.variations.push({ id: 'third', items: { pin: { attributes } } });
    doc.experiments![0]!.weights = [0.4, 0.3, 0.3];
    const result = validateCampaign(doc, features);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toEqual([{ path: 'timeline[2].show', key: 'slotTooLarge|11264' }]);
  });

  it('names a missing or mistyped field of the document itself', () => {
    const result = validateCampaign({ ...showCampaign(), goLive: 'tomorrow', title: undefined }, features);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => formatCampaignIssue(i))).toEqual(
      expect.arrayContaining([
        'title: is required',
        'goLive: expected an ISO 8601 date-time with a zone (2026-12-24T20:00:00+08:00)',
      ]),
    );
  });
});

describe('preflight', () => {
  const before = GO_LIVE - 60_000;

  it('passes the show in an empty room', () => {
    const result = preflight(showCampaign(), { features, now: before });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('finds overlaps, ends before starts, weights, a past go-live and unknown ids', () => {
    const doc = clone(showCampaign());
    doc.timeline.push(
      {
        id: 'poll2',
        command: 'poll.create',
        args: { poll: { id: 'p2', kind: 'rating', question: 'Rate it' }, open: true },
        trigger: { type: 'offset', ms: 30_000 },
        end: { at: '2026-12-24T12:00:20Z' },
        slot: 'overlay-bottom-left',
        show: { element: 'onair-poll', attributes: { poll: 'p2' } },
      },
      { id: 'ghost-pin', command: 'product.pin', args: { product: 'ghost' }, trigger: { type: 'manual' } },
      {
        id: 'survey',
        command: 'survey.open',
        args: { survey: 'nope' },
        trigger: { type: 'offset', ms: 1_000 },
      },
    );
    doc.experiments![0]!.weights = [0.5, 0.4];
    const result = preflight(doc, { features, now: GO_LIVE + 90_000 });
    const found = [...result.errors, ...result.warnings].map((f) => `${f.path} ${f.key.split('|')[0]}`);
    expect(result.ok).toBe(false);
    expect(found).toEqual(
      expect.arrayContaining([
        'timeline[3].slot overlap',
        'timeline[3].end.at endBeforeStart',
        'experiments[0].weights weightsSum',
        'timeline[4].args refused',
        'timeline[5].args refused',
      ]),
    );
    expect(result.warnings.map((w) => w.path)).toContain('goLive');
    const ghost = result.errors.find((e) => e.path === 'timeline[4].args')!;
    expect(ghost.message).toMatch(/unknown_product/);
    expect(result.errors.find((e) => e.path === 'timeline[5].args')!.message).toMatch(/unknown_survey/);
  });

  it('knows the products already in the room', () => {
    const doc = clone(showCampaign());
    doc.timeline = doc.timeline.filter((item) => item.id !== 'mug');
    expect(preflight(doc, { features, now: before }).errors.map((e) => e.path)).toEqual(['timeline[1].args']);
    const state = {
      products: {
        mug: {
          id: 'mug',
          title: 'Mug',
          price: { amount: 1, currency: 'CNY' },
          stock: null,
          createdAt: 1,
          updatedAt: 1,
        },
      },
    };
    // The room's records as ops read them; a product there is a product the pin can find.
    const withMug = preflight(doc, { features, now: before, state: state as never });
    expect(withMug.errors.filter((e) => e.message.includes('unknown_product'))).toEqual([]);
  });

  it('answers in zh-CN', () => {
    const doc = clone(showCampaign());
    doc.experiments![0]!.weights = [0.5, 0.6];
    const result = preflight(doc, { features, now: before, lang: 'zh-CN' });
    expect(result.errors[0]).toMatchObject({
      path: 'experiments[0].weights',
      message: '权重之和为 1.1，不是 1',
    });
  });
});

describe('dry run', () => {
  it('plays the timeline on a manual clock and reports what fired when', async () => {
    const clock = manualClock(GO_LIVE);
    const done = dryRun(showCampaign(), { features, clock });
    for (let i = 0; i < 100; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      clock.advance(1_000);
    }
    const report = await done;
    const fires = report.events.filter((e) => e.kind === 'fire').map((e) => [e.at, e.item, e.answer?.ok]);
    expect(fires).toEqual([
      [0, 'mug', true],
      [5_000, 'poll', true],
      [10_000, 'pin', true],
    ]);
    const slots = report.events.filter((e) => e.kind === 'slot').map((e) => [e.at, e.slot, e.item]);
    expect(slots).toEqual([
      [5_000, 'overlay-bottom-left', 'poll'],
      [10_000, 'overlay-bottom-right', 'pin'],
      [65_000, 'overlay-bottom-left', null],
    ]);
    expect(report.events.find((e) => e.kind === 'end')).toMatchObject({ at: 65_000, command: 'poll.close' });
    expect(report.state['polls']?.['p1']).toMatchObject({ status: 'closed' });
    expect(report.state['slots']?.['overlay-bottom-right']).toMatchObject({
      element: 'onair-product-card',
      experiment: 'promo-label',
      variants: { discount: { attributes: { promotion: '限时直降 20 元' } } },
    });
  });

  it('runs in real time at N× speed', async () => {
    const started = Date.now();
    const report = await dryRun(showCampaign(), { features, speed: 500 });
    const took = Date.now() - started;
    // 65 campaign seconds at 500×: 130 ms of real time, give or take the machine.
    expect(took).toBeGreaterThanOrEqual(120);
    expect(took).toBeLessThan(5_000);
    expect(report.events.filter((e) => e.kind === 'fire').map((e) => e.item)).toEqual(['mug', 'poll', 'pin']);
  });

  it('runs an item once per distinct arguments its variations give it', async () => {
    const doc = clone(showCampaign());
    doc.experiments!.push({
      key: 'poll-text',
      weights: [0.5, 0.5],
      variations: [
        { id: 'a' },
        {
          id: 'b',
          items: {
            poll: { args: { poll: { id: 'p2', question: 'Red or green?' } }, attributes: { poll: 'p2' } },
          },
        },
      ],
    });
    const report = await dryRun(doc, { features, speed: 1_000 });
    const polls = report.events.filter((e) => e.kind === 'fire' && e.item === 'poll');
    expect(polls.map((e) => e.answer?.ok)).toEqual([true, true]);
    expect(Object.keys(report.state['polls'] ?? {}).sort()).toEqual(['p1', 'p2']);
    expect(report.state['polls']?.['p2']).toMatchObject({ question: 'Red or green?', status: 'open' });
    expect(report.state['slots']?.['overlay-bottom-left']).toBeUndefined(); // ended at +65 s
  });

  it('presses manual items when told, and refuses an invalid campaign with its paths', async () => {
    const doc = clone(showCampaign());
    doc.timeline[2]!.trigger = { type: 'manual' };
    const report = await dryRun(doc, { features, speed: 1_000, trigger: { pin: 20_000 } });
    expect(report.events.find((e) => e.kind === 'fire' && e.item === 'pin')?.at).toBeGreaterThanOrEqual(
      20_000,
    );
    await expect(dryRun({ ...doc, timeline: [] }, { features })).rejects.toMatchObject({
      issues: [{ path: 'timeline', key: 'list|1|200' }],
    });
  });
});

describe('the README', () => {
  it('shows a campaign that is valid and passes preflight before its go-live', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const doc = JSON.parse(readme.split('```json')[1]!.split('```')[0]!) as unknown;
    const result = preflight(doc, { features, now: Date.parse('2026-12-24T19:00:00+08:00') });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });
});

describe('campaign.assign in the in-page room', () => {
  it('assigns once and keeps the variation across reconnects of the viewer', async () => {
    const { createLocalRoom } = await import('@onair/core/local-room.js');
    const { campaignFeature } = await import('./feature.js');
    const room = createLocalRoom({ features: [...features, campaignFeature], flushMs: 0 });
    expect(room.command('campaign.load', { campaign: showCampaign() }).ok).toBe(true);
    const first = room.connect('viewer-42');
    const assigned = await first.act<{ experiments: Record<string, { variation: string }> }>(
      'campaign.assign',
      {},
    );
    const variation = assigned.result.experiments['promo-label']!.variation;
    first.close();
    const again = room.connect('viewer-42');
    expect(again.$viewer.get()!.mine['experiments']).toEqual({
      'promo-label': { campaign: 'xmas', variation },
    });
    // Pushing new weights does not move a viewer already assigned in this campaign.
    const reweighted = clone(showCampaign());
    reweighted.experiments![0]!.weights = variation === 'control' ? [0, 1] : [1, 0];
    room.command('campaign.load', { campaign: reweighted });
    const kept = await again.act<{ experiments: Record<string, { variation: string }> }>(
      'campaign.assign',
      {},
    );
    expect(kept.result.experiments['promo-label']!.variation).toBe(variation);
    room.dispose();
  });
});
