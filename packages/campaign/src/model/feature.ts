/**
 * Campaigns as a live feature: the room's campaign and its progress, what each slot shows, and each
 * viewer's experiment variations (private). Its commands only record; the campaign player
 * (`player.ts`) runs the items' own commands on the host's clock and tells this feature what fired.
 * Run alike by the server and the in-page room (the dry run, the console's preview).
 */
import { defineFeature, done, type RoomView, refuse } from '@onair/core/feature.js';
import { id, int, parser, strict } from '@onair/core/validation.js';
import * as v from 'valibot';
import { assignVariation } from './bucketing.js';
import { placementOf, type SlotRecord } from './placement.js';
import { type Campaign, campaignSchema } from './schema.js';
import { elapsed, NO_PROGRESS, type Progress } from './timeline.js';

export type CampaignStatus = 'scheduled' | 'live' | 'paused' | 'ended';

/** The room's campaign (id `current`): what ops see in full. */
export interface CampaignRecord extends Progress {
  id: string;
  title: string;
  /** The stored version this is (the server's push number; 1 in the in-page room). */
  version: number;
  status: CampaignStatus;
  /** Scheduled go-live, epoch ms. */
  goLive: number;
  locale: string | null;
  theme: string | null;
  /** Experiment keys (the variations viewers get are theirs, in `mine.experiments`). */
  experiments: string[];
}

/** What viewers receive of the campaign: enough to theme the page and know it is on. */
export interface PublicCampaign {
  id: string;
  title: string;
  status: CampaignStatus;
  locale: string | null;
  theme: string | null;
  experiments: string[];
}

/** A viewer's variation of one experiment: its id, or null outside the coverage. */
export interface Assignment {
  campaign: string;
  variation: string | null;
}

export interface CampaignRecords {
  campaign: CampaignRecord;
  /** The document itself, for the player and assignment: never sent to viewers. */
  campaign_docs: { campaign: Campaign };
  slots: SlotRecord;
}

export interface CampaignMine {
  experiments: { [experiment: string]: Assignment };
}

export const CURRENT = 'current';

const loadSchema = strict({ campaign: campaignSchema, version: v.optional(int(1, 2 ** 31 - 1), 1) });
const itemRef = strict({ item: id(64) });
const fireSchema = strict({ item: id(64), at: int(0, 2 ** 42) });

export const publicCampaign = (record: CampaignRecord): PublicCampaign => ({
  id: record.id,
  title: record.title,
  status: record.status,
  locale: record.locale,
  theme: record.theme,
  experiments: record.experiments,
});

const noCampaign = () => refuse('no_campaign', 'this room has no campaign; push one first');

type State = RoomView<CampaignRecords>;

/** Changes that empty every slot (a new campaign, or the end of this one). */
const clearSlots = (state: State) =>
  [...state.all('slots').keys()].map((slot) => ({ coll: 'slots' as const, id: slot, value: null }));

export const campaignFeature = defineFeature<CampaignRecords, CampaignMine>({
  name: 'campaigns',
  collections: {
    campaign: { view: publicCampaign },
    campaign_docs: { view: false },
    slots: {},
  },
  private: ['experiments'],
  actions: {
    /**
     * Assigns the viewer a variation of every experiment of the campaign (GrowthBook's hashing on
     * the viewer id), kept in `mine.experiments`: sticky across reloads, reconnects and pushes of
     * the same campaign.
     */
    'campaign.assign': {
      parse: parser(strict({})),
      limit: { rate: 1, burst: 5 },
      run(state, _payload, ctx) {
        const doc = state.get('campaign_docs', CURRENT)?.campaign;
        if (!doc) return noCampaign();
        const assigned: Record<string, Assignment> = {};
        for (const experiment of doc.experiments) {
          const kept = ctx.mine.experiments?.[experiment.key];
          if (kept?.campaign === doc.id) continue;
          const index = assignVariation(experiment, ctx.viewer.id);
          assigned[experiment.key] = {
            campaign: doc.id,
            variation: index < 0 ? null : experiment.variations[index]!.id,
          };
        }
        const experiments = { ...ctx.mine.experiments, ...assigned };
        return done({ experiments }, Object.keys(assigned).length ? { mine: { experiments: assigned } } : {});
      },
    },
  },
  queries: {
    /** The campaign and its document as the player reads them (null fields: no campaign). */
    'campaign.get': {
      parse: parser(strict({})),
      run(state) {
        const campaign = state.get('campaign_docs', CURRENT)?.campaign ?? null;
        return { ok: true, result: { record: state.get('campaign', CURRENT) ?? null, campaign } };
      },
    },
  },
  ops: {
    /**
     * Puts a campaign in the room, replacing the one there: a new campaign starts scheduled with
     * empty slots; another version of the campaign in the room keeps its progress.
     */
    'campaign.load': {
      parse: parser(loadSchema),
      run(state, { campaign, version }: v.InferOutput<typeof loadSchema>) {
        const before = state.get('campaign', CURRENT);
        const record: CampaignRecord = {
          id: campaign.id,
          title: campaign.title,
          version,
          status: 'scheduled',
          goLive: Date.parse(campaign.goLive),
          locale: campaign.locale ?? null,
          theme: campaign.theme ?? null,
          experiments: campaign.experiments.map((experiment) => experiment.key),
          ...NO_PROGRESS,
        };
        // Another version of the running campaign (an edit, a rollback) carries on where it was:
        // what fired stays fired, and the slots show what the new version places for it.
        const carried = before && before.id === campaign.id && before.status !== 'ended';
        if (carried) {
          const ids = new Set(campaign.timeline.map((item) => item.id));
          const keep = (map: Record<string, number>) =>
            Object.fromEntries(Object.entries(map).filter(([item]) => ids.has(item)));
          Object.assign(record, {
            status: before.status,
            liveAt: before.liveAt,
            pausedAt: before.pausedAt,
            pausedMs: before.pausedMs,
            fired: keep(before.fired),
            ended: keep(before.ended),
            triggered: keep(before.triggered),
          });
        }
        const placed = new Map<string, SlotRecord>();
        if (carried)
          for (const item of campaign.timeline) {
            const at = record.fired[item.id];
            if (at === undefined || Object.hasOwn(record.ended, item.id)) continue;
            const slot = placementOf(campaign, item, at);
            if (slot && (placed.get(slot.slot)?.since ?? -1) <= at) placed.set(slot.slot, slot);
          }
        return done(
          { campaign: record },
          {
            changes: [
              ...clearSlots(state).filter((change) => !placed.has(change.id)),
              ...[...placed.values()].map((slot) => ({ coll: 'slots' as const, id: slot.slot, value: slot })),
              { coll: 'campaign', id: CURRENT, value: record },
              { coll: 'campaign_docs', id: CURRENT, value: { campaign } },
            ],
          },
        );
      },
    },
    'campaign.live': {
      parse: parser(strict({})),
      run(state, _input, ctx) {
        const record = state.get('campaign', CURRENT);
        if (!record) return noCampaign();
        if (record.status !== 'scheduled')
          return refuse('already_live', `campaign ${record.id} is ${record.status}`);
        return update({ ...record, status: 'live', liveAt: ctx.now });
      },
    },
    'campaign.pause': {
      parse: parser(strict({})),
      run(state, _input, ctx) {
        const record = state.get('campaign', CURRENT);
        if (!record) return noCampaign();
        if (record.status === 'paused') return done({ campaign: record });
        if (record.status !== 'live') return refuse('not_live', `campaign ${record.id} is ${record.status}`);
        return update({ ...record, status: 'paused', pausedAt: ctx.now });
      },
    },
    'campaign.resume': {
      parse: parser(strict({})),
      run(state, _input, ctx) {
        const record = state.get('campaign', CURRENT);
        if (!record) return noCampaign();
        if (record.status === 'live') return done({ campaign: record });
        if (record.status !== 'paused' || record.pausedAt === null)
          return refuse('not_paused', `campaign ${record.id} is ${record.status}`);
        return update({
          ...record,
          status: 'live',
          pausedAt: null,
          pausedMs: record.pausedMs + (ctx.now - record.pausedAt),
        });
      },
    },
    /** Ends the campaign and empties its slots; what its items opened stays as it is. */
    'campaign.end': {
      parse: parser(strict({})),
      run(state, _input, ctx) {
        const record = state.get('campaign', CURRENT);
        if (!record) return noCampaign();
        if (record.status === 'ended') return done({ campaign: record });
        const next: CampaignRecord = { ...record, status: 'ended', pausedAt: null };
        if (record.pausedAt !== null) next.pausedMs += ctx.now - record.pausedAt;
        return done(
          { campaign: next },
          { changes: [...clearSlots(state), { coll: 'campaign', id: CURRENT, value: next }] },
        );
      },
    },
    /** Fires a manual item now (the player runs its command). */
    'campaign.trigger': {
      parse: parser(itemRef),
      run(state, { item }, ctx) {
        const record = state.get('campaign', CURRENT);
        const doc = state.get('campaign_docs', CURRENT)?.campaign;
        if (!record || !doc) return noCampaign();
        const found = doc.timeline.find((entry) => entry.id === item);
        if (!found) return refuse('unknown_item', `campaign ${record.id} has no item "${item}"`, 'item');
        if (found.trigger.type !== 'manual')
          return refuse('not_manual', `item "${item}" fires on its own (${found.trigger.type})`, 'item');
        if (record.status !== 'live') return refuse('not_live', `campaign ${record.id} is ${record.status}`);
        if (Object.hasOwn(record.triggered, item) || Object.hasOwn(record.fired, item))
          return refuse('already_fired', `item "${item}" has already fired`, 'item');
        return update({ ...record, triggered: { ...record.triggered, [item]: elapsed(record, ctx.now) } });
      },
    },
    /** The player ran an item's command (at campaign time `at`): it shows in its slot. */
    'campaign.fire': {
      parse: parser(fireSchema),
      run(state, { item, at }) {
        const record = state.get('campaign', CURRENT);
        const doc = state.get('campaign_docs', CURRENT)?.campaign;
        if (!record || !doc) return noCampaign();
        const found = doc.timeline.find((entry) => entry.id === item);
        if (!found) return refuse('unknown_item', `campaign ${record.id} has no item "${item}"`, 'item');
        if (Object.hasOwn(record.fired, item)) return done({ campaign: record });
        const next = { ...record, fired: { ...record.fired, [item]: at } };
        const placed = placementOf(doc, found, at);
        return done(
          { campaign: next },
          {
            changes: [
              { coll: 'campaign', id: CURRENT, value: next },
              ...(placed ? [{ coll: 'slots' as const, id: placed.slot, value: placed }] : []),
            ],
          },
        );
      },
    },
    /** The item's end came: it leaves its slot (unless another item took the slot since). */
    'campaign.leave': {
      parse: parser(fireSchema),
      run(state, { item, at }) {
        const record = state.get('campaign', CURRENT);
        const doc = state.get('campaign_docs', CURRENT)?.campaign;
        if (!record || !doc) return noCampaign();
        if (Object.hasOwn(record.ended, item)) return done({ campaign: record });
        const next = { ...record, ended: { ...record.ended, [item]: at } };
        const slot = doc.timeline.find((entry) => entry.id === item)?.slot;
        const occupant = slot ? state.get('slots', slot) : undefined;
        return done(
          { campaign: next },
          {
            changes: [
              { coll: 'campaign', id: CURRENT, value: next },
              ...(slot && occupant?.item === item ? [{ coll: 'slots' as const, id: slot, value: null }] : []),
            ],
          },
        );
      },
    },
  },
});

function update(record: CampaignRecord) {
  return done({ campaign: record }, { changes: [{ coll: 'campaign' as const, id: CURRENT, value: record }] });
}
