// What every scenario returns, and the statistics over repeated runs.

/** One measured quantity: the median over `runs`, with the spread (min–max) and every sample. */
export interface Figure {
  name: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  runs: number;
  samples: number[];
  /** Lower is better (default) or higher is better; only used to word the docs. */
  better?: 'lower' | 'higher';
}

export const STATUSES = ['ok', 'not built yet', 'not available', 'failed'] as const;
export type Status = (typeof STATUSES)[number];

export interface ScenarioResult {
  id: string;
  title: string;
  status: Status;
  /** Why a scenario did not run, or a remark about how it ran. */
  note?: string;
  figures: Figure[];
  /** Scenario-specific details (per-entry sizes, versions of what was measured). */
  details?: unknown;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function figure(name: string, unit: string, samples: number[], better?: Figure['better']): Figure {
  const clean = samples.filter((s) => Number.isFinite(s));
  return {
    name,
    unit,
    median: round(median(clean)),
    min: round(Math.min(...clean)),
    max: round(Math.max(...clean)),
    runs: clean.length,
    samples: clean.map(round),
    ...(better ? { better } : {}),
  };
}

/** Collects the same named figures over several runs: `add(run)` per run, then `figures()`. */
export function collector(): {
  add(values: Record<string, [unit: string, value: number]>): void;
  figures(): Figure[];
} {
  const series = new Map<string, { unit: string; samples: number[] }>();
  return {
    add(values) {
      for (const [name, [unit, value]] of Object.entries(values)) {
        const s = series.get(name) ?? { unit, samples: [] };
        s.samples.push(value);
        series.set(name, s);
      }
    },
    figures: () => [...series].map(([name, s]) => figure(name, s.unit, s.samples)),
  };
}

export function round(n: number): number {
  if (!Number.isFinite(n)) return n;
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 4;
  return Number(n.toFixed(digits));
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : String(round(n));
}

/** Runs `scenario`, turning a throw into a `failed` result so one scenario never ends the bench. */
export async function guarded(
  id: string,
  title: string,
  scenario: () => Promise<ScenarioResult>,
): Promise<ScenarioResult> {
  const started = performance.now();
  try {
    return await scenario();
  } catch (error) {
    return {
      id,
      title,
      status: 'failed',
      note: error instanceof Error ? error.message.split('\n')[0] : String(error),
      figures: [],
    };
  } finally {
    log(`  ${id}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

/** Progress goes to stderr, so stdout stays the table alone. */
export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
