/** The campaign as the console reads it from the server, and what it works out from it. */
export interface CampaignRecordView {
  id: string;
  title: string;
  version: number;
  status: 'scheduled' | 'live' | 'paused' | 'ended';
  goLive: number;
  liveAt: number | null;
  pausedAt: number | null;
  pausedMs: number;
  fired: Record<string, number>;
  ended: Record<string, number>;
  triggered: Record<string, number>;
  experiments: string[];
}

export interface LiveNow {
  room: string;
  campaign: CampaignRecordView | null;
  slots: Record<string, { item: string; element: string; experiment?: string }>;
}

export interface VersionInfo {
  version: number;
  id: string;
  title: string;
  pushedAt: number;
  rolledBackFrom: number | null;
}

export interface TimelineItemDoc {
  id: string;
  command: string;
  trigger:
    | { type: 'at'; at: string }
    | { type: 'offset'; ms: number }
    | { type: 'after'; item: string; ms?: number }
    | { type: 'manual' };
  end?: { afterMs?: number; at?: string };
  slot?: string;
}

export interface CampaignDoc {
  id?: string;
  goLive?: string;
  timeline?: TimelineItemDoc[];
  experiments?: { key: string; weights: number[]; variations: { id: string }[] }[];
  [key: string]: unknown;
}

/** Campaign time now (ms since going live, pauses not counted), or null before. */
export function campaignTime(record: CampaignRecordView, now = Date.now()): number | null {
  if (record.liveAt === null) return null;
  return (record.pausedAt ?? now) - record.liveAt - record.pausedMs;
}

export const manualItems = (doc: CampaignDoc) =>
  (doc.timeline ?? []).filter((item) => item.trigger?.type === 'manual');

/** A new campaign's document: what the schema requires, going live in an hour. */
export function starterCampaign(room: string): CampaignDoc {
  const goLive = new Date(Date.now() + 3_600_000);
  goLive.setSeconds(0, 0);
  return { id: 'new-campaign', title: 'New campaign', room, goLive: goLive.toISOString(), timeline: [] };
}

/** Expected variation weights for the Stats API's sample-ratio check: `control:0.5,b:0.5`. */
export function weightsParam(doc: CampaignDoc, experiment: string): string | null {
  const found = (doc.experiments ?? []).find((e) => e.key === experiment);
  if (!found || found.weights.length !== found.variations.length) return null;
  return found.variations.map((v, i) => `${v.id}:${found.weights[i]}`).join(',');
}

export interface Placed {
  id: string;
  command: string;
  slot: string;
  /** Campaign ms; null for manual items and items after one. */
  start: number | null;
  end: number | null;
  after?: string;
  manual: boolean;
}

/** Where each item sits on the time axis, by its trigger (`after` chains resolved; manual apart). */
export function placeItems(doc: CampaignDoc): Placed[] {
  const items = doc.timeline ?? [];
  const goLive = Date.parse(doc.goLive ?? '');
  const byId = new Map(items.map((item) => [item.id, item]));
  const memo = new Map<string, number | null>();
  const startOf = (id: string, seen: Set<string>): number | null => {
    if (memo.has(id)) return memo.get(id)!;
    const item = byId.get(id);
    if (!item?.trigger || seen.has(id)) return null;
    seen.add(id);
    const trigger = item.trigger;
    let start: number | null = null;
    if (trigger.type === 'offset') start = trigger.ms;
    else if (trigger.type === 'at') start = Number.isNaN(goLive) ? null : Date.parse(trigger.at) - goLive;
    else if (trigger.type === 'after') {
      const before = startOf(trigger.item, seen);
      start = before === null ? null : before + (trigger.ms ?? 0);
    }
    memo.set(id, Number.isFinite(start) ? start : null);
    return memo.get(id)!;
  };
  return items.map((item) => {
    const start = startOf(item.id, new Set());
    const end =
      start === null || !item.end
        ? null
        : item.end.afterMs !== undefined
          ? start + item.end.afterMs
          : item.end.at && !Number.isNaN(goLive)
            ? Date.parse(item.end.at) - goLive
            : null;
    return {
      id: item.id,
      command: item.command,
      slot: item.slot ?? '',
      start,
      end,
      ...(item.trigger?.type === 'after' ? { after: item.trigger.item } : {}),
      manual: item.trigger?.type === 'manual',
    };
  });
}
