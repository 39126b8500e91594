/**
 * The ops review of one room over [from, to): presence from the rollups, then each event type the
 * sections read, once, handed to every section that reads it. Runs on the collector's thread
 * (`../worker.ts`), never on the live channel's. STATS.md defines every field.
 */
import type { Database } from 'better-sqlite3';
import { chat } from './chat.js';
import type { Section, StatsEvent } from './event.js';
import { experiments } from './experiments.js';
import { funnel } from './funnel.js';
import { gifts } from './gifts.js';
import { incidents } from './incidents.js';
import { GAME_TYPES, LiveActivity, MAX_PER_MINUTE } from './live.js';
import { ratio } from './math.js';
import { participation } from './participation.js';
import { polls } from './polls.js';
import { dwellOf, readPresence, returningOf } from './presence.js';
import { products } from './products.js';
import type { StatsQuery } from './query.js';
import { regions } from './regions.js';
import { createStatsSource } from './source.js';
import { surveys } from './surveys.js';

export function roomStats(db: Database, query: StatsQuery) {
  const source = createStatsSource(db, query);
  const presence = readPresence(source);
  const live = new LiveActivity();
  const sections = {
    participation: participation(),
    polls: polls(),
    surveys: surveys(),
    products: products(),
    funnel: funnel(),
    chat: chat(),
    incidents: incidents(query, (minute) => presence.concurrent(minute)),
    regions: regions(() => presence.viewers),
    experiments: experiments(query),
  };
  const giftSection = gifts(query, (minute) => ({
    pinnedProducts: sections.products.pinnedAt(minute).slice(0, MAX_PER_MINUTE),
    ...live.at(minute),
  }));
  const readers = new Map<string, Section<unknown>[]>();
  for (const section of [...Object.values(sections), giftSection] as Section<unknown>[])
    for (const type of section.types) readers.set(type, [...(readers.get(type) ?? []), section]);
  // Games only tell what was live; nothing else reads them (yet).
  for (const type of GAME_TYPES) if (!readers.has(type)) readers.set(type, []);
  for (const [type, list] of readers)
    source.events(type, (event: StatsEvent) => {
      live.add(event);
      for (const section of list) section.add(event);
    });

  const participants = sections.participation.result();
  return {
    room: query.room,
    from: query.from,
    to: query.to,
    campaign: query.campaign,
    viewers: presence.viewers.size,
    participants: participants.count,
    participationRate: ratio(participants.count, presence.viewers.size),
    participantsEstimated: participants.estimated,
    participationMinutes: sections.participation.minutes((minute) => presence.concurrent(minute)),
    polls: sections.polls.result(),
    surveys: sections.surveys.result(),
    products: sections.products.result(),
    funnel: sections.funnel.result(),
    gifts: giftSection.result(),
    dwell: dwellOf(presence),
    returning: returningOf(presence, source, query.from),
    regions: sections.regions.result(),
    chat: sections.chat.result(),
    incidents: sections.incidents.result(),
    experiments: sections.experiments.result(),
  };
}

export type StatsDocument = ReturnType<typeof roomStats>;
