/**
 * The lucky draw widget's state and its actions. The element renders what this store says: the
 * draw shown, its phase, the time left by the server's clock, each condition with whether the
 * viewer meets it, their entry and result, the winners, and what "verify" found.
 */
import { type Channel, mineRecord } from '@onair/core/element.js';
import { atom, computed, onMount, type ReadableAtom } from 'nanostores';
import { type ConditionFacts, type DrawRecord, type MyDrawView, meets } from '../model/draw.js';
import type { Exclusion } from '../model/draw-fairness.js';
import type { DrawCondition } from '../model/draw-schema.js';
import { type DrawProof, type Verified, verifyDraw } from '../model/draw-verify.js';
import { serverClock } from '../shared/server-clock.js';

/** No draw; entries open; the countdown ended and the reveal is on its way; revealed. */
export type DrawPhase = 'none' | 'open' | 'drawing' | 'revealed';

export interface ConditionRow {
  condition: DrawCondition;
  met: boolean;
}

export type VerifyState = { state: 'idle' } | { state: 'running' } | { state: 'done'; result: Verified };

export interface DrawView {
  draw: DrawRecord | null;
  phase: DrawPhase;
  remainingMs: number | null;
  conditions: ConditionRow[];
  entered: boolean;
  pending: boolean;
  canEnter: boolean;
  /** After the reveal: `won`, `lost`, or `out` (the viewer did not enter); null before. */
  outcome: 'won' | 'lost' | 'out' | null;
  /** The viewer's entrant id (`s:<id>` or `a:<id>`), once known. */
  entrant: string | null;
  verify: VerifyState;
}

export interface DrawStore {
  $view: ReadableAtom<DrawView>;
  /** Enters the draw; rejects with the server's refusal (`condition_unmet` names the condition). */
  enter(): Promise<{ draw: string; entrants: number }>;
  /** Reads every published list and recomputes the draw with Web Crypto. */
  verify(): Promise<Verified>;
}

/** The draw a widget shows: the one it names, else the open one created last, else the last revealed. */
export function pickDraw(draws: Readonly<Record<string, DrawRecord>>, id: string | null): DrawRecord | null {
  if (id) return Object.hasOwn(draws, id) ? draws[id]! : null;
  let best: DrawRecord | null = null;
  for (const draw of Object.values(draws)) {
    const order = best
      ? Number(draw.status === 'open') - Number(best.status === 'open') ||
        (draw.revealedAt ?? draw.createdAt) - (best.revealedAt ?? best.createdAt)
      : 1;
    if (order > 0 || (order === 0 && draw.id < best!.id)) best = draw;
  }
  return best;
}

interface Standing {
  draw: string;
  entrant: string;
  entered: boolean;
  won: boolean | null;
  unmet: number[];
}

export function createDrawStore(channel: Channel, drawId: string | null): DrawStore {
  const $draws = channel.collection<DrawRecord>('draws');
  const $pending = atom(false);
  const $verify = atom<{ draw: string; status: VerifyState } | null>(null);
  /** What the server said of this viewer (the conditions it sees met, the result). */
  const $standing = atom<Standing | null>(null);
  const $shown = computed($draws, (draws) => pickDraw(draws, drawId));
  const $open = computed($shown, (draw) => (draw?.status === 'open' ? draw : null));
  const $now = serverClock(channel, $open, (draw) => draw?.closesAt ?? null);

  const ask = async (draw: DrawRecord) => {
    try {
      const { result } = await channel.act<Standing>('draw.result', { draw: draw.id });
      $standing.set(result);
    } catch {
      // Not connected yet, or refused: the conditions show what the page knows.
    }
  };
  // Ask the server once per draw and phase: host-reported facts never reach the page by themselves.
  onMount($shown, () => {
    let asked = '';
    return $shown.subscribe((draw) => {
      const step = draw ? `${draw.id}|${draw.status}` : '';
      if (draw && step !== asked && channel.$status.get() !== 'closed') {
        asked = step;
        void ask(draw);
      }
    });
  });

  const $view = computed(
    [$shown, channel.$viewer, $standing, $pending, $now, $verify],
    (draw, viewer, standing, pending, now, verify): DrawView => {
      if (!draw) return empty;
      const mine = mineRecord<MyDrawView>(viewer?.mine, 'draws', draw.id);
      const told = standing?.draw === draw.id ? standing : null;
      const entered = !!mine || !!told?.entered;
      const facts = (viewer?.mine ?? {}) as ConditionFacts;
      const conditions = draw.conditions.map((condition, i) => ({
        condition,
        // "Join" is the entry itself; the others are what the page and the server know of the viewer.
        met:
          entered ||
          (condition.type !== 'join' &&
            (meets(condition, facts, draw) || (!!told && !told.unmet.includes(i)))),
      }));
      const open = draw.status === 'open' && now < draw.closesAt;
      const phase: DrawPhase = draw.status === 'revealed' ? 'revealed' : open ? 'open' : 'drawing';
      const won = mine?.won ?? told?.won ?? null;
      const outcome =
        phase !== 'revealed' ? null : !entered ? 'out' : won ? 'won' : won === false ? 'lost' : null;
      return {
        draw,
        phase,
        remainingMs: open ? Math.max(0, draw.closesAt - now) : null,
        conditions,
        entered,
        pending,
        canEnter: open && !entered && !pending,
        outcome,
        entrant: told?.entrant ?? null,
        verify: verify?.draw === draw.id ? verify.status : { state: 'idle' },
      };
    },
  );

  /** Every chunk of one published list, read as any viewer can. */
  const readList = async (draw: DrawRecord, name: string): Promise<{ items: unknown[]; sha256: string }> => {
    const info = draw.lists?.find((l) => l.name === name);
    if (!info) return { items: [], sha256: '' };
    const items: unknown[] = [];
    for (let chunk = 0; chunk < info.chunks; chunk++) {
      const { result } = await channel.act<{ items: unknown[] }>('draw.list', {
        draw: draw.id,
        list: name,
        chunk,
      });
      items.push(...result.items);
    }
    return { items, sha256: info.sha256 };
  };

  return {
    $view,
    async enter() {
      const draw = $view.get().draw;
      if (!draw || !$view.get().canEnter)
        throw Object.assign(new Error('this draw takes no entries now'), { code: 'draw_closed' });
      $pending.set(true);
      try {
        const { result } = await channel.act<{ draw: string; entrants: number }>('draw.enter', {
          draw: draw.id,
        });
        await ask(draw);
        return result;
      } catch (error) {
        await ask(draw);
        throw error;
      } finally {
        $pending.set(false);
      }
    },
    async verify() {
      const draw = $view.get().draw;
      if (draw?.status !== 'revealed' || !draw.seed)
        return { ok: false, reason: 'malformed', message: 'the draw is not revealed yet' };
      $verify.set({ draw: draw.id, status: { state: 'running' } });
      let result: Verified;
      try {
        const tiers = [];
        for (const info of draw.lists!.filter((l) => l.name.startsWith('tier'))) {
          const { items, sha256 } = await readList(draw, info.name);
          tiers.push({ ids: items as string[], sha256 });
        }
        const excluded = await readList(draw, 'excluded');
        const proof: DrawProof = {
          id: draw.id,
          commitment: draw.commitment,
          seed: draw.seed,
          quantity: draw.prize.quantity,
          tiers,
          excluded: { rows: excluded.items as Exclusion[], sha256: excluded.sha256 },
          winners: (await readList(draw, 'winners')).items as string[],
        };
        result = await verifyDraw(proof);
        // The winners the record names must be the first of the list that was checked.
        const named = draw.winners ?? [];
        if (result.ok && named.some((id, i) => id !== proof.winners[i]))
          result = {
            ok: false,
            reason: 'winners_mismatch',
            message: 'the record names other winners than its list',
          };
      } catch (error) {
        result = { ok: false, reason: 'malformed', message: String((error as Error).message ?? error) };
      }
      $verify.set({ draw: draw.id, status: { state: 'done', result } });
      return result;
    },
  };
}

const empty: DrawView = {
  draw: null,
  phase: 'none',
  remainingMs: null,
  conditions: [],
  entered: false,
  pending: false,
  canEnter: false,
  outcome: null,
  entrant: null,
  verify: { state: 'idle' },
};
