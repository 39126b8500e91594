// The editor's side runs in a browser: schema assembly, preflight and the dry run, in Chromium.
import { expect } from '@open-wc/testing';
import { features, showCampaign } from '../../test/fixtures.js';
import { dryRun } from './dry-run.js';
import { campaignJsonSchema } from './json-schema.js';
import { preflight } from './preflight.js';

describe('@onair/campaign/model.js in the browser', () => {
  it('assembles the JSON Schema, preflights and dry-runs the show at 500×', async () => {
    const schema = campaignJsonSchema(features) as {
      properties: { timeline: { items: { allOf: unknown[] } } };
    };
    expect(schema.properties.timeline.items.allOf.length).to.be.greaterThan(20);
    const checked = preflight(showCampaign(), {
      features,
      now: Date.parse('2026-12-24T11:00:00Z'),
      lang: 'zh-CN',
    });
    expect(checked.errors).to.deep.equal([]);
    const bad = preflight({ ...showCampaign(), timeline: [] }, { features, lang: 'zh-CN' });
    expect(bad.errors[0]).to.deep.include({ path: 'timeline', message: '应为包含 1–200 项的列表' });
    const report = await dryRun(showCampaign(), { features, speed: 500 });
    expect(report.events.filter((e) => e.kind === 'fire').map((e) => [e.at, e.item])).to.deep.equal([
      [0, 'mug'],
      [5_000, 'poll'],
      [10_000, 'pin'],
    ]);
  });
});
