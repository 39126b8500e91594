/**
 * A lucky draw's records and the pure rules around them: which conditions a viewer meets (from
 * their own records of other features), the win limit, and the freeze that turns entries into
 * tiers, exclusions and winners.
 */
import type { Exclusion } from './draw-fairness.js';
import { DRAW_LIMITS } from './draw-limits.js';
import type { DrawCondition, ListName } from './draw-schema.js';

export type DrawStatus = 'open' | 'revealed';

/** A published list: its size, SHA-256 (FAIRNESS.md) and how many `draw.list` chunks hold it. */
export interface ListInfo {
  name: ListName;
  count: number;
  sha256: string;
  chunks: number;
}

/** The draw as every viewer receives it; the seed is null until the reveal. */
export interface DrawRecord {
  id: string;
  prize: { name: string; image: string | null; quantity: number };
  conditions: DrawCondition[];
  rules: { maxWins: number | null; recentFirst: boolean };
  createdAt: number;
  closesAt: number;
  status: DrawStatus;
  /** hex(SHA-256(seed)), from creation on. */
  commitment: string;
  entrants: number;
  seed: string | null;
  revealedAt: number | null;
  /** Tiers, then `excluded`, then `winners`; null until the reveal. */
  lists: ListInfo[] | null;
  /** The first winners, in order (all of them are in the `winners` list). */
  winners: string[] | null;
}

export interface DrawSecret {
  seed: string;
}
export interface DrawEntry {
  at: number;
}
/** One chunk of a published list: ids, or `[id, reason]` rows for `excluded`. */
export interface DrawChunk {
  items: (string | Exclusion)[];
}
/** A viewer's wins in this room (the last 30 days), by entrant id. */
export interface DrawWins {
  wins: { draw: string; at: number }[];
}

/** A viewer's entry, in their own records. */
export interface MyDraw {
  entrant: string;
  at: number;
}
/** What a viewer sees of their entry: won is null until the reveal. */
export interface MyDrawView {
  at: number;
  won: boolean | null;
}

export const entryId = (draw: string, entrant: string) => `${draw}/${entrant}`;
export const chunkId = (draw: string, list: ListName, chunk: number) => `${draw}/${list}/${chunk}`;

/** The records a viewer has of other features, as the draw reads them (all optional). */
export interface ConditionFacts {
  polls?: { [poll: string]: unknown };
  quizzes?: { [quiz: string]: { answers?: object } };
  surveys?: { [survey: string]: unknown };
  chat?: { recent?: { messages: [string, number][] } };
  follows?: { room?: { at: number } };
}

const own = (records: object | undefined, id: string) => !!records && Object.hasOwn(records, id);
const folded = (text: string) => text.normalize('NFKC').toLowerCase();

/** Whether the viewer's records meet one condition of `draw`. */
export function meets(condition: DrawCondition, facts: ConditionFacts, draw: DrawRecord): boolean {
  switch (condition.type) {
    case 'join':
      return true;
    case 'poll':
      return own(facts.polls, condition.poll);
    case 'quiz': {
      const mine = own(facts.quizzes, condition.quiz) ? facts.quizzes![condition.quiz] : undefined;
      return !!mine?.answers && Object.keys(mine.answers).length > 0;
    }
    case 'survey':
      return own(facts.surveys, condition.survey);
    case 'chat': {
      const keyword = folded(condition.keyword);
      return (facts.chat?.recent?.messages ?? []).some(
        ([text, at]) => at >= draw.createdAt && folded(text).includes(keyword),
      );
    }
    case 'follow':
      return !!facts.follows?.room;
  }
}

/** The indexes of the conditions the viewer does not meet yet. */
export function unmet(draw: DrawRecord, facts: ConditionFacts): number[] {
  return draw.conditions.flatMap((c, i) => (meets(c, facts, draw) ? [] : [i]));
}

/** The viewer's wins within the window before `now`. */
export function recentWins(wins: DrawWins | undefined, now: number): DrawWins['wins'] {
  return (wins?.wins ?? []).filter((w) => w.at > now - DRAW_LIMITS.winWindowMs);
}

export function atWinLimit(draw: DrawRecord, wins: DrawWins | undefined, now: number): boolean {
  return draw.rules.maxWins !== null && recentWins(wins, now).length >= draw.rules.maxWins;
}

/** Splits a list into chunks of at most `chunkBytes` UTF-8 bytes each (at least one chunk). */
export function chunked<T extends string | Exclusion>(items: readonly T[]): T[][] {
  const chunks: T[][] = [[]];
  let bytes = 0;
  for (const item of items) {
    const size = (typeof item === 'string' ? item.length : item[0].length + item[1].length) * 3 + 8;
    if (bytes + size > DRAW_LIMITS.chunkBytes && chunks.at(-1)!.length > 0) {
      chunks.push([]);
      bytes = 0;
    }
    chunks.at(-1)!.push(item);
    bytes += size;
  }
  return chunks;
}
