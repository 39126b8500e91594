/**
 * The freeze and the reveal (FAIRNESS.md 2–3) on the server side, which hashes synchronously.
 */
import { atWinLimit, chunked, type DrawRecord, type DrawWins, type ListInfo, recentWins } from './draw.js';
import { type Exclusion, exclusionBytes, listBytes, sortEntrants, toHex } from './draw-fairness.js';
import { drawWinners, sha256Hex } from './draw-proof.js';
import { DRAW_LIMITS, type ListName } from './draw-schema.js';

export interface Frozen {
  draw: DrawRecord;
  /** Every published list's chunks, by name. */
  lists: { name: ListName; chunks: (string | Exclusion)[][] }[];
  winners: string[];
}

/**
 * The freeze and the reveal (FAIRNESS.md 2–3): entrants over the win limit are excluded, the rest
 * sorted into tiers, each list hashed, and the winners drawn from the seed.
 */
export function freeze(
  draw: DrawRecord,
  seed: Uint8Array,
  entrants: Iterable<string>,
  winsOf: (entrant: string) => DrawWins | undefined,
  now: number,
): Frozen {
  const tiers: string[][] = draw.rules.recentFirst ? [[], []] : [[]];
  const excluded: Exclusion[] = [];
  for (const entrant of sortEntrants(entrants)) {
    const wins = winsOf(entrant);
    if (atWinLimit(draw, wins, now)) excluded.push([entrant, 'win_limit']);
    else tiers[draw.rules.recentFirst && recentWins(wins, now).length > 0 ? 1 : 0]!.push(entrant);
  }
  const winners = drawWinners(seed, draw.id, tiers, draw.prize.quantity);
  const lists: Frozen['lists'] = [];
  const infos: ListInfo[] = [];
  const publish = (name: ListName, items: (string | Exclusion)[], sha256: string) => {
    const chunks = chunked(items);
    lists.push({ name, chunks });
    infos.push({ name, count: items.length, sha256, chunks: chunks.length });
  };
  for (const [n, ids] of tiers.entries())
    publish(n === 0 ? 'tier0' : 'tier1', ids, sha256Hex(listBytes(ids)));
  publish('excluded', excluded, sha256Hex(exclusionBytes(excluded)));
  publish('winners', winners, sha256Hex(listBytes(winners)));
  return {
    draw: {
      ...draw,
      status: 'revealed',
      seed: toHex(seed),
      revealedAt: now,
      lists: infos,
      winners: winners.slice(0, DRAW_LIMITS.winnersShown),
    },
    lists,
    winners,
  };
}
