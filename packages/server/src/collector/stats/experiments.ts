/**
 * A/B comparisons from the host-reported `experiment.exposure` (`experiment`, `variation`; the
 * envelope's `variant` stands in for a missing `variation`) and a goal event type (`goal=`,
 * default `order.placed`). Per experiment and variation:
 * - `exposed`: distinct viewers exposed; `converted`: exposed viewers with a goal event at or after
 *   their first exposure to that experiment; `rate` = converted ÷ exposed with its 95 % Wilson
 *   interval;
 * - `difference` from the control (`control=`, else a variation named `control`, else the first by
 *   name) with Newcombe's 95 % interval;
 * - `srm`: Pearson's chi-square of the exposed counts against the expected weights (`weights=`;
 *   equal for any variation not listed: no campaign configuration is read) and its p-value.
 * Viewers here are counted once each, unweighted: an experiment compares raw viewers, and a sampled
 * exposure or goal marks the experiment `estimated`. At most `MAX_EXPERIMENTS` experiments and
 * `MAX_VARIATIONS` variations each (most exposed first).
 */
import { type Section, type StatsEvent, textProp, top } from './event.js';
import { differenceInterval, type Interval, ratio, round, sampleRatioTest, wilson } from './math.js';
import type { StatsQuery } from './query.js';

export const MAX_EXPERIMENTS = 20;
export const MAX_VARIATIONS = 20;

export interface VariationResult {
  variation: string;
  exposed: number;
  converted: number;
  rate: number | null;
  interval: Interval | null;
  /** Rate − the control's rate, and Newcombe's interval; null for the control itself. */
  difference: { value: number; interval: Interval } | null;
}

export interface ExperimentResult {
  experiment: string;
  control: string;
  variations: VariationResult[];
  variationsLeftOut: number;
  srm: { weights: Record<string, number>; chiSquare: number; p: number } | null;
  estimated: boolean;
}

const roundInterval = (i: Interval | null) => (i ? { low: round(i.low), high: round(i.high) } : null);

export function experiments(
  query: Pick<StatsQuery, 'goal' | 'control' | 'weights'>,
): Section<{ goal: string; experiments: ExperimentResult[]; experimentsLeftOut: number }> {
  /** experiment → variation → viewer → first exposure time. */
  const exposures = new Map<string, Map<string, Map<string, number>>>();
  const goals = new Map<string, number[]>();
  const estimated = new Set<string>();
  let goalSampled = false;
  const expose = (e: StatsEvent) => {
    const experiment = textProp(e.props, 'experiment');
    const variation = textProp(e.props, 'variation') ?? e.variant;
    if (experiment === null || variation === null) return;
    let variations = exposures.get(experiment);
    if (!variations) {
      variations = new Map();
      exposures.set(experiment, variations);
    }
    let viewers = variations.get(variation);
    if (!viewers) {
      viewers = new Map();
      variations.set(variation, viewers);
    }
    if (!viewers.has(e.viewer)) viewers.set(e.viewer, e.ts);
    if (e.rate < 1) estimated.add(experiment);
  };
  return {
    types:
      query.goal === 'experiment.exposure' ? ['experiment.exposure'] : ['experiment.exposure', query.goal],
    add(e) {
      if (e.type === 'experiment.exposure') expose(e);
      if (e.type === query.goal) {
        const times = goals.get(e.viewer);
        if (times) times.push(e.ts);
        else goals.set(e.viewer, [e.ts]);
        if (e.rate < 1) goalSampled = true;
      }
    },
    result() {
      const converted = (viewer: string, exposedAt: number) =>
        goals.get(viewer)?.some((t) => t >= exposedAt) ?? false;
      const size = (variations: Map<string, Map<string, number>>) => {
        let n = 0;
        for (const viewers of variations.values()) n += viewers.size;
        return n;
      };
      const { kept, leftOut } = top(exposures, size, MAX_EXPERIMENTS);
      return {
        goal: query.goal,
        experiments: kept.map(([experiment, variations]) => {
          const chosen = top(variations, (viewers) => viewers.size, MAX_VARIATIONS);
          const rows = chosen.kept.map(([variation, viewers]) => {
            let hits = 0;
            for (const [viewer, at] of viewers) if (converted(viewer, at)) hits++;
            return { variation, exposed: viewers.size, converted: hits };
          });
          const names = rows.map((r) => r.variation);
          const control =
            query.control !== null && names.includes(query.control)
              ? query.control
              : names.includes('control')
                ? 'control'
                : [...names].sort()[0]!;
          const base = rows.find((r) => r.variation === control)!;
          const weights = Object.fromEntries(
            rows.map((r) => [
              r.variation,
              Object.hasOwn(query.weights, r.variation) ? query.weights[r.variation]! : 1,
            ]),
          );
          const srm = sampleRatioTest(
            rows.map((r) => r.exposed),
            rows.map((r) => weights[r.variation]!),
          );
          return {
            experiment,
            control,
            variations: rows.map((r) => {
              const diff =
                r.variation === control
                  ? null
                  : differenceInterval(r.converted, r.exposed, base.converted, base.exposed);
              return {
                ...r,
                rate: ratio(r.converted, r.exposed),
                interval: roundInterval(wilson(r.converted, r.exposed)),
                difference: diff
                  ? {
                      value: round(r.converted / r.exposed - base.converted / base.exposed),
                      interval: roundInterval(diff)!,
                    }
                  : null,
              };
            }),
            variationsLeftOut: chosen.leftOut,
            srm: srm ? { weights, chiSquare: round(srm.chiSquare), p: round(srm.p) } : null,
            estimated: goalSampled || estimated.has(experiment),
          };
        }),
        experimentsLeftOut: leftOut,
      };
    },
  };
}
