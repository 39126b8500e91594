/**
 * The rain widget's state and its one action. The element renders what this store says: which
 * rain shows, its phase by the server's clock, the time to the start or the end, the viewer's own
 * packets and the room's top grabbers.
 */
import { type Channel, mineRecord } from '@onair/core/element.js';
import { computed, type ReadableAtom } from 'nanostores';
import type { MyRain, RainRecord } from '../model/rain.js';
import { serverClock } from '../shared/server-clock.js';

/** No rain; one scheduled; packets falling; over (its summary); called off. */
export type RainPhase = 'none' | 'scheduled' | 'raining' | 'ended' | 'cancelled';

export interface RainView {
  rain: RainRecord | null;
  phase: RainPhase;
  /** Until the start (scheduled) or the end (raining), ms by the server's clock; else null. */
  remainingMs: number | null;
  /** The viewer's grabs in this rain. */
  mine: MyRain | null;
  /** Whether the viewer may still try a grab (raining, packets left, under their cap). */
  canGrab: boolean;
  viewerId: string | null;
}

export interface GrabResult {
  rain: string;
  amount: number;
  /** The viewer's packets and total in this rain after it. */
  packets: number;
  total: number;
}

export interface RainStore {
  $view: ReadableAtom<RainView>;
  /** Tries to grab a packet; rejects with the server's refusal (`rain_empty`, `grab_too_fast`…). */
  grab(name?: string): Promise<GrabResult>;
}

/** The rain to show: the one named, else one raining, else the next scheduled, else the last one. */
export function pickRain(rains: Readonly<Record<string, RainRecord>>, id: string | null): RainRecord | null {
  if (id) return Object.hasOwn(rains, id) ? rains[id]! : null;
  const weight = (r: RainRecord) => (r.status === 'raining' ? 3 : r.status === 'scheduled' ? 2 : 1);
  let best: RainRecord | null = null;
  for (const rain of Object.values(rains)) {
    const order = best
      ? weight(rain) - weight(best) ||
        (rain.status === 'scheduled' ? best.startsAt - rain.startsAt : rain.startsAt - best.startsAt)
      : 1;
    if (order > 0) best = rain;
  }
  return best;
}

export function createRainStore(channel: Channel, rainId: string | null): RainStore {
  const $rains = channel.collection<RainRecord>('rains');
  const $rain = computed($rains, (rains) => pickRain(rains, rainId));
  const $now = serverClock(channel, $rain, (rain) =>
    rain && (rain.status === 'scheduled' || rain.status === 'raining') ? rain.endsAt : null,
  );

  const $view = computed([$rain, channel.$viewer, $now], (rain, viewer, now): RainView => {
    const viewerId = viewer?.id ?? null;
    if (!rain) return { rain: null, phase: 'none', remainingMs: null, mine: null, canGrab: false, viewerId };
    const mine = mineRecord<MyRain>(viewer?.mine, 'rains', rain.id) ?? null;
    let phase: RainPhase = rain.status;
    // The record changes at the start and end by the server's timers; the clock says it sooner.
    if (phase === 'scheduled' && now >= rain.startsAt) phase = 'raining';
    if (phase === 'raining' && (now >= rain.endsAt || rain.grabbed >= rain.count)) phase = 'ended';
    const remainingMs =
      phase === 'scheduled'
        ? rain.startsAt - now
        : phase === 'raining'
          ? Math.max(0, rain.endsAt - now)
          : null;
    const canGrab = phase === 'raining' && (mine?.packets.length ?? 0) < rain.maxPerViewer;
    return { rain, phase, remainingMs, mine, canGrab, viewerId };
  });

  return {
    $view,
    async grab(name) {
      const rain = $view.get().rain;
      if (!rain) throw Object.assign(new Error('no rain'), { code: 'rain_ended' });
      const { result } = await channel.act<GrabResult>('rain.grab', {
        rain: rain.id,
        ...(name ? { name } : {}),
      });
      return result;
    },
  };
}
