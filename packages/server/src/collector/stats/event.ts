/**
 * One stored event as the stats sections see it, and how they count under sampling. A sampled
 * event stands for 1 / rate events (`sampleRate`, stamped by the client, absent = 1); any figure
 * built from one with a rate below 1 is an estimate and says so (`estimated: true`).
 */

export interface StatsEvent {
  type: string;
  /** Corrected time (the collector's skew correction), epoch ms. */
  ts: number;
  viewer: string;
  campaign: string | null;
  variant: string | null;
  widgetId: string | null;
  /** The sample rate the event survived, in (0, 1]. */
  rate: number;
  props: Readonly<Record<string, unknown>>;
}

/** A string prop (own property, non-empty, at most `max` characters), else null. */
export function textProp(props: Readonly<Record<string, unknown>>, key: string, max = 128): string | null {
  if (!Object.hasOwn(props, key)) return null;
  const value = props[key];
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : null;
}

/** A finite number prop (own property), else null. */
export function numberProp(props: Readonly<Record<string, unknown>>, key: string): number | null {
  if (!Object.hasOwn(props, key)) return null;
  const value = props[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Events counted with their weights. */
export class Tally {
  value = 0;
  estimated = false;

  add(rate: number, amount = 1): void {
    this.value += amount / rate;
    if (rate < 1) this.estimated = true;
  }
}

/**
 * Distinct viewers. A viewer weighs 1 / (the highest rate among the events that counted them):
 * sampling keeps or drops a viewer's events of a type together, so one kept event of a type sampled
 * at 0.25 stands for four such viewers.
 */
export class ViewerSet {
  private readonly rates = new Map<string, number>();

  add(viewer: string, rate: number): void {
    const seen = this.rates.get(viewer);
    if (seen === undefined || rate > seen) this.rates.set(viewer, rate);
  }

  has(viewer: string): boolean {
    return this.rates.has(viewer);
  }

  rateOf(viewer: string): number | undefined {
    return this.rates.get(viewer);
  }

  viewers(): IterableIterator<string> {
    return this.rates.keys();
  }

  /** The weighted count. */
  get count(): number {
    let sum = 0;
    for (const rate of this.rates.values()) sum += 1 / rate;
    return sum;
  }

  get estimated(): boolean {
    for (const rate of this.rates.values()) if (rate < 1) return true;
    return false;
  }
}

/** Keeps the `limit` entries with the highest `score` (ties: key order), and says how many were left out. */
export function top<T>(
  entries: Iterable<[string, T]>,
  score: (value: T) => number,
  limit: number,
): { kept: [string, T][]; leftOut: number } {
  const all = [...entries].sort(
    ([ka, a], [kb, b]) => score(b) - score(a) || (ka < kb ? -1 : ka > kb ? 1 : 0),
  );
  return { kept: all.slice(0, limit), leftOut: Math.max(0, all.length - limit) };
}

/** A section: the event types it reads, what it does with each, and its part of the answer. */
export interface Section<T> {
  readonly types: readonly string[];
  add(event: StatsEvent): void;
  result(): T;
}

export const minuteOf = (ts: number) => Math.floor(ts / 60_000);
