/**
 * Preflight: what a campaign would do in a room, before it is pushed. Errors stop a push; warnings
 * are worth a look. Each finding has the path of the field at fault, a message key and its words.
 *
 * Beyond `validateCampaign` it reads time (go-live in the past, an end before its start, items
 * overlapping in one slot, weights that do not add up) and the room: every item's command is run,
 * in the order the timeline would run them, on a copy of the room's records (`state`, as the ops API
 * returns it) — so an unknown product id, a survey that does not exist or a duplicate poll is found
 * by the feature's own rules, whatever the feature.
 */
import { type AnyFeature, RoomEngine } from '@onair/core/feature.js';
import type { RoomState } from '@onair/core/protocol.js';
import { describeCampaign } from './messages.js';
import { argumentSets } from './placement.js';
import type { Campaign } from './schema.js';
import { endTime, fireTimes } from './timeline.js';
import { validateCampaign } from './validate.js';

export interface Finding {
  path: string;
  key: string;
  message: string;
}

export interface PreflightResult {
  /** No errors: the campaign may be pushed. */
  ok: boolean;
  errors: Finding[];
  warnings: Finding[];
  /** The checked campaign, when it parsed. */
  campaign: Campaign | null;
}

export interface PreflightOptions {
  features: readonly AnyFeature[];
  /** Epoch ms (default: now). */
  now?: number;
  /** The room's records as ops read them (`GET /v1/rooms/:room` → `state`); default: an empty room. */
  state?: RoomState;
  /** Language of the messages (default `en`). */
  lang?: string;
  /**
   * Items that already ran in this room (another version of the campaign running there): they are
   * not rehearsed again, their effects being in `state` already.
   */
  fired?: readonly string[];
}

const seconds = (ms: number) => String(Math.round(ms / 100) / 10);
const clean = (text: string) => text.replaceAll('|', '/');

export function preflight(input: unknown, options: PreflightOptions): PreflightResult {
  const lang = options.lang ?? 'en';
  const finding = (path: string, key: string): Finding => ({
    path,
    key,
    message: describeCampaign(key, lang),
  });
  const parsed = validateCampaign(input, options.features);
  if (!parsed.ok)
    return {
      ok: false,
      errors: parsed.issues.map((i) => finding(i.path, i.key)),
      warnings: [],
      campaign: null,
    };
  const campaign = parsed.value;
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const now = options.now ?? Date.now();
  const goLive = Date.parse(campaign.goLive);
  if (goLive < now) warnings.push(finding('goLive', `pastGoLive|${seconds(now - goLive)}`));

  const times = fireTimes(campaign, goLive);
  campaign.timeline.forEach((item, i) => {
    if (item.trigger.type === 'at') {
      const at = Date.parse(item.trigger.at);
      if (at < goLive)
        warnings.push(finding(`timeline[${i}].trigger.at`, `beforeGoLive|${seconds(goLive - at)}`));
    }
    if (item.slot && !item.show) warnings.push(finding(`timeline[${i}].show`, 'noSlotShow'));
    const start = times.get(item.id) ?? null;
    if (item.end?.at !== undefined && start !== null) {
      const end = Date.parse(item.end.at) - goLive;
      if (end <= start)
        errors.push(finding(`timeline[${i}].end.at`, `endBeforeStart|${seconds(end)}|${seconds(start)}`));
    }
  });

  // Two items in one slot whose shown times cross: the later would cut the earlier short.
  const shown = campaign.timeline
    .map((item, index) => {
      const start = times.get(item.id) ?? null;
      return { item, index, start, end: start === null ? null : endTime(item, start, goLive) };
    })
    .filter((entry) => entry.item.slot && entry.start !== null);
  for (const a of shown)
    for (const b of shown) {
      if (a.index >= b.index || a.item.slot !== b.item.slot) continue;
      const [first, second] = a.start! <= b.start! ? [a, b] : [b, a];
      const firstEnd = first.end ?? Number.POSITIVE_INFINITY;
      if (second.start! < firstEnd && (first.end !== null || second.start === first.start))
        errors.push(
          finding(
            `timeline[${second.index}].slot`,
            `overlap|${second.item.slot}|${first.item.id}|${seconds(second.start!)}|${seconds(Math.min(firstEnd, second.end ?? firstEnd))}`,
          ),
        );
    }

  campaign.experiments.forEach((experiment, e) => {
    const sum = experiment.weights.reduce((total, w) => total + w, 0);
    if (Math.abs(sum - 1) > 1e-9)
      // GrowthBook splits evenly when weights miss 1 by more than 0.01: then it is an error.
      (Math.abs(sum - 1) > 0.01 ? errors : warnings).push(
        finding(`experiments[${e}].weights`, `weightsSum|${Math.round(sum * 1e4) / 1e4}`),
      );
  });

  errors.push(...rehearse(campaign, times, goLive, options, finding));
  return { ok: errors.length === 0, errors, warnings, campaign };
}

/** Runs every command in timeline order on a copy of the room; each refusal is an error. */
function rehearse(
  campaign: Campaign,
  times: Map<string, number | null>,
  goLive: number,
  options: PreflightOptions,
  finding: (path: string, key: string) => Finding,
): Finding[] {
  let clock = goLive;
  let seed = 1;
  const engine = new RoomEngine({
    room: campaign.room,
    features: options.features,
    now: () => clock,
    random: () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    },
  });
  engine.load(
    Object.entries(options.state ?? {}).flatMap(([coll, records]) =>
      Object.entries(records ?? {}).map(([id, value]) => ({ coll, id, value: value as object })),
    ),
  );
  // Manual items run after the timed ones, in document order (when ops press them is unknown).
  const order = campaign.timeline
    .map((item, index) => ({ item, index, at: times.get(item.id) ?? Number.POSITIVE_INFINITY }))
    .sort((a, b) => a.at - b.at || a.index - b.index);
  const found: Finding[] = [];
  const fired = new Set(options.fired ?? []);
  for (const { item, at } of order) {
    if (Number.isFinite(at)) clock = goLive + at;
    if (fired.has(item.id)) continue;
    for (const set of argumentSets(campaign, item)) {
      const ran = engine.runCommand(item.command, set.args);
      if (ran.ok) continue;
      const path = ran.error.path ? `${set.path}.${ran.error.path}` : set.path;
      found.push(finding(path, `refused|${clean(ran.error.code)}|${clean(ran.error.message)}`));
    }
  }
  return found;
}
