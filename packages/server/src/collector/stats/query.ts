/**
 * The query string of `GET /v1/stats/rooms/:room`, checked field by field (every message names
 * its field). The range is bounded — at most 31 days — and on whole minutes, the grain of every
 * per-minute figure and of the presence rollup, so figures over the range stay exact.
 */
import { formatIssue, int, parse, strict, text, v } from '@onair/core/validation.js';

export const MAX_RANGE_MS = 31 * 86_400_000;
/** Variation weights given for the sample-ratio check, at most. */
export const MAX_WEIGHTS = 20;

export interface StatsQuery {
  room: string;
  from: number;
  to: number;
  campaign: string | null;
  /** The experiments' goal event type. */
  goal: string;
  /** The experiments' control variation, when named. */
  control: string | null;
  /** Expected share of each variation (any positive scale); unlisted variations weigh 1. */
  weights: Record<string, number>;
}

const EVENT_TYPE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
const WEIGHTS = /^[^:,]{1,128}:\d{1,6}(\.\d{1,6})?(,[^:,]{1,128}:\d{1,6}(\.\d{1,6})?)*$/;
const MINUTE = 60_000;

const wholeMinute = v.check(
  (ms: number) => ms % MINUTE === 0,
  'expected a whole minute: a multiple of 60000 ms',
);

const schema = v.pipe(
  strict({
    room: text(1, 128),
    from: v.pipe(int(0, 8_640_000_000_000_000), wholeMinute),
    to: v.pipe(int(0, 8_640_000_000_000_000), wholeMinute),
    campaign: v.optional(text(1, 128)),
    goal: v.optional(
      v.pipe(
        v.string('expected an event type such as order.placed'),
        v.maxLength(64, 'expected an event type such as order.placed'),
        v.regex(EVENT_TYPE, 'expected an event type such as order.placed'),
      ),
      'order.placed',
    ),
    control: v.optional(text(1, 128)),
    weights: v.optional(
      v.pipe(
        v.string('expected <variation>:<weight>,… such as control:1,b:1'),
        v.regex(WEIGHTS, 'expected <variation>:<weight>,… such as control:1,b:1'),
      ),
    ),
  }),
  v.forward(
    v.check((q) => q.to > q.from, 'expected a time after from'),
    ['to'],
  ),
  v.forward(
    v.check((q) => q.to - q.from <= MAX_RANGE_MS, `expected a range of at most 31 days (${MAX_RANGE_MS} ms)`),
    ['to'],
  ),
);

export type QueryResult = { ok: true; value: StatsQuery } | { ok: false; path: string; message: string };

/** Numbers arrive as text; digits become numbers so the schema can say what is wrong with the rest. */
const numeric = (value: string | undefined) =>
  value !== undefined && /^\d{1,16}$/.test(value) ? Number(value) : value;

export function parseStatsQuery(
  room: string,
  query: Record<string, string | string[] | undefined>,
): QueryResult {
  for (const [key, value] of Object.entries(query))
    if (Array.isArray(value)) return { ok: false, path: key, message: `${key}: expected one value` };
  const given = query as Record<string, string | undefined>;
  // A missing `from` or `to` stays undefined, which the schema reports as required.
  const parsed = parse(schema, { ...given, room, from: numeric(given['from']), to: numeric(given['to']) });
  if (!parsed.ok) {
    const issue = parsed.issues[0]!;
    return { ok: false, path: issue.path, message: formatIssue(issue) };
  }
  const weights: Record<string, number> = Object.create(null);
  for (const pair of parsed.value.weights?.split(',') ?? []) {
    const at = pair.lastIndexOf(':');
    const weight = Number(pair.slice(at + 1));
    if (weight <= 0) return { ok: false, path: 'weights', message: 'weights: expected weights above 0' };
    weights[pair.slice(0, at)] = weight;
  }
  if (Object.keys(weights).length > MAX_WEIGHTS)
    return { ok: false, path: 'weights', message: `weights: expected at most ${MAX_WEIGHTS} variations` };
  const { from, to, campaign, goal, control } = parsed.value;
  return {
    ok: true,
    value: { room, from, to, campaign: campaign ?? null, goal, control: control ?? null, weights },
  };
}
