/**
 * The ordered funnel watch → product click → add to cart → order placed. A viewer counts at a step
 * when they have that step's event at or after their first event of the previous step (so adding
 * to cart without a click, or before the first click, does not count at "add to cart"). Per step:
 * `viewers`, `conversion` from the previous step and `leak` = 1 − conversion.
 */
import type { Section } from './event.js';
import { ratio, round } from './math.js';

export const FUNNEL_STEPS = [
  { step: 'watch', types: ['session.start'] },
  { step: 'click', types: ['product.click'] },
  // Buy now is a confirmed add to cart that goes straight to checkout.
  { step: 'add_to_cart', types: ['product.add_to_cart', 'product.buy_now'] },
  { step: 'order', types: ['order.placed'] },
] as const;

export interface FunnelStep {
  step: string;
  viewers: number;
  conversion: number | null;
  leak: number | null;
}

export function funnel(): Section<{ steps: FunnelStep[]; estimated: boolean }> {
  const stepOf = new Map<string, number>();
  FUNNEL_STEPS.forEach((s, i) => {
    for (const type of s.types) stepOf.set(type, i);
  });
  /** Per viewer, per step: [time, rate] of each event (a step's types arrive one after the other). */
  const byViewer = new Map<string, [number, number][][]>();
  return {
    types: FUNNEL_STEPS.flatMap((s) => s.types),
    add(e) {
      const step = stepOf.get(e.type)!;
      let steps = byViewer.get(e.viewer);
      if (!steps) {
        steps = FUNNEL_STEPS.map(() => []);
        byViewer.set(e.viewer, steps);
      }
      steps[step]!.push([e.ts, e.rate]);
    },
    result() {
      const counts = FUNNEL_STEPS.map(() => 0);
      let estimated = false;
      for (const steps of byViewer.values()) {
        let after = Number.NEGATIVE_INFINITY;
        for (let i = 0; i < steps.length; i++) {
          // The first event of this step at or after the previous step's first (qualifying) one.
          let first: [number, number] | null = null;
          for (const hit of steps[i]!) if (hit[0] >= after && (!first || hit[0] < first[0])) first = hit;
          if (!first) break;
          counts[i]! += 1 / first[1];
          if (first[1] < 1) estimated = true;
          after = first[0];
        }
      }
      return {
        steps: FUNNEL_STEPS.map(({ step }, i) => {
          const conversion = i === 0 ? null : ratio(counts[i]!, counts[i - 1]!);
          return {
            step,
            viewers: counts[i]!,
            conversion,
            leak: conversion === null ? null : round(1 - conversion),
          };
        }),
        estimated,
      };
    },
  };
}
