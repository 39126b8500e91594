/**
 * What ops configure for a red-packet rain and what viewers send, with a limit on everything:
 * budget, packets, duration, how far ahead a start may be, rains per room.
 */
import { id, int, oneOf, parse, strict, text, type ValidationIssue } from '@onair/core/validation.js';
import * as v from 'valibot';
import { splitProblem } from './rain-split.js';

/** Coins credit the viewer's gift wallet (the ledger shows each grab); points are the rain's own. */
export const RAIN_UNITS = ['coins', 'points'] as const;
export type RainUnit = (typeof RAIN_UNITS)[number];

export const RAIN_LIMITS = {
  title: 40,
  /** Integer minor units (coins) or points. */
  budget: { min: 1, max: 100_000_000 },
  count: { min: 1, max: 2_000 },
  durationMs: { min: 5_000, max: 60_000, default: 20_000 },
  /** Packets one viewer may grab in one rain. */
  perViewer: { min: 1, max: 100, default: 3 },
  /** How far ahead a rain may be scheduled: one day. */
  aheadMs: 86_400_000,
  /**
   * The shortest time between one viewer's grabs, ms. A person tapping separate falling packets
   * manages about 5 a second at most; a grab within 150 ms of the viewer's last (over 6.6 a
   * second) is a script's, and is refused with `grab_too_fast`.
   */
  grabIntervalMs: 150,
  /** Grabbers the rain record ranks. */
  top: 10,
  rainsPerRoom: 50,
  /** A grabber's display name. */
  name: 24,
} as const;

export const rainConfigSchema = strict({
  id: id(64),
  title: v.optional(text(1, RAIN_LIMITS.title)),
  unit: oneOf(RAIN_UNITS),
  budget: int(RAIN_LIMITS.budget.min, RAIN_LIMITS.budget.max),
  count: int(RAIN_LIMITS.count.min, RAIN_LIMITS.count.max),
  /** The least one packet holds. */
  minimum: v.optional(int(1, RAIN_LIMITS.budget.max), 1),
  maxPerViewer: v.optional(
    int(RAIN_LIMITS.perViewer.min, RAIN_LIMITS.perViewer.max),
    RAIN_LIMITS.perViewer.default,
  ),
  durationMs: v.optional(
    int(RAIN_LIMITS.durationMs.min, RAIN_LIMITS.durationMs.max),
    RAIN_LIMITS.durationMs.default,
  ),
  /** Epoch ms; absent starts the rain at once. */
  startsAt: v.optional(int(0, Number.MAX_SAFE_INTEGER)),
});

export type RainConfigInput = v.InferInput<typeof rainConfigSchema>;
export type RainConfig = v.InferOutput<typeof rainConfigSchema>;

/** `rain.grab`: the rain the viewer tapped a packet of. */
export const grabPayloadSchema = strict({
  rain: id(64),
  name: v.optional(text(1, RAIN_LIMITS.name)),
});
export type GrabPayload = v.InferOutput<typeof grabPayloadSchema>;

export const rainRefSchema = strict({ rain: id(64) });

/**
 * Validates a config, including the rule that spans fields: `count` packets of at least `minimum`
 * fit in `budget` (the issue names `minimum` with the most it may be, or `count` when even packets
 * of 1 do not fit).
 */
export function validateRainConfig(
  input: unknown,
): { ok: true; value: RainConfig } | { ok: false; issues: ValidationIssue[] } {
  const parsed = parse(rainConfigSchema, input);
  if (!parsed.ok) return parsed;
  const { budget, count, minimum } = parsed.value;
  const problem = splitProblem(budget, count, minimum);
  if (!problem) return parsed;
  const issue: ValidationIssue =
    problem.most !== undefined && problem.most >= 1
      ? { path: 'minimum', key: `int|1|${problem.most}` }
      : { path: 'count', key: `int|${RAIN_LIMITS.count.min}|${Math.min(budget, RAIN_LIMITS.count.max)}` };
  return { ok: false, issues: [issue] };
}
