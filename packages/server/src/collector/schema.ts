/**
 * The batch and envelope v1 as the collector accepts them (packages/telemetry/EVENTS.md is the
 * reference). The batch is checked once; each event on its own, so one bad event costs only
 * itself and the rest of the batch is kept.
 */
import { findReservedKey } from '@onair/core/protocol.js';
import { formatIssue, id, int, parse, strict, text, v } from '@onair/core/validation.js';

/** Largest `props` object, serialized. Bigger analytics payloads belong in a dedicated API. */
export const MAX_PROPS_CHARS = 8192;
/** Most events in one batch; the client sends 50. */
export const MAX_BATCH_EVENTS = 1000;
/** Deepest nesting inside `props` (`props` itself is level 1); the taxonomy's props nest 2 at most. */
export const MAX_PROPS_DEPTH = 16;
/** The same limit from the body's root: body, `events`, the event, then `props`. */
export const MAX_BODY_DEPTH = 3 + MAX_PROPS_DEPTH;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `poll.vote`, `order.placed`, `follow`: lowercase dotted words. */
const TYPE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

const name = () => text(1, 128);

export const eventSchema = strict({
  v: v.literal(1, 'unsupported envelope version; expected 1'),
  id: v.pipe(v.string('expected a UUID'), v.regex(UUID, 'expected a UUID')),
  type: v.pipe(
    v.string('expected an event type'),
    v.maxLength(64, 'expected an event type of at most 64 characters'),
    v.regex(TYPE, 'expected a lowercase dotted event type such as poll.vote'),
  ),
  ts: int(0, 8_640_000_000_000_000),
  seq: int(0, 2 ** 31),
  session: id(64),
  viewer: name(),
  room: v.optional(name()),
  campaign: v.optional(name()),
  variant: v.optional(name()),
  widget: v.optional(strict({ kind: id(64), id: v.optional(name()) })),
  props: v.optional(
    v.pipe(
      // A record alone takes an array and stores it as {"0": …}: props must be a plain object.
      v.custom<Record<string, unknown>>(
        (p) => typeof p === 'object' && p !== null && !Array.isArray(p),
        'object',
      ),
      v.record(v.string(), v.unknown(), 'object'),
      v.check(
        (p) => JSON.stringify(p).length <= MAX_PROPS_CHARS,
        `props larger than ${MAX_PROPS_CHARS} characters`,
      ),
    ),
  ),
  sampleRate: v.optional(
    v.pipe(
      v.number('expected a rate in (0, 1]'),
      v.gtValue(0, 'expected a rate in (0, 1]'),
      v.maxValue(1, 'expected a rate in (0, 1]'),
    ),
  ),
});

export type CollectedEvent = v.InferOutput<typeof eventSchema>;

const batchSchema = v.object(
  {
    sentAt: int(0, 8_640_000_000_000_000),
    events: v.pipe(
      v.array(v.unknown(), `list|1|${MAX_BATCH_EVENTS}`),
      v.minLength(1, `list|1|${MAX_BATCH_EVENTS}`),
      v.maxLength(MAX_BATCH_EVENTS, `list|1|${MAX_BATCH_EVENTS}`),
    ),
  },
  'object',
);

export interface EventError {
  /** Position in `events`; -1 for the batch itself. */
  index: number;
  id?: string;
  path: string;
  message: string;
}

/** At most this many error entries per answer, so a bad client cannot make the answer huge. */
const MAX_ERRORS = 100;

export function checkBatch(
  input: unknown,
):
  | { ok: true; sentAt: number; events: CollectedEvent[]; indexes: number[]; errors: EventError[] }
  | { ok: false; errors: EventError[] } {
  const batch = parse(batchSchema, input);
  if (!batch.ok)
    return {
      ok: false,
      errors: batch.issues.map((issue) => ({ index: -1, path: issue.path, message: formatIssue(issue) })),
    };
  const events: CollectedEvent[] = [];
  const indexes: number[] = [];
  const errors: EventError[] = [];
  batch.value.events.forEach((raw, index) => {
    const result = parse(eventSchema, raw);
    // The schema's record drops these keys silently; refuse them instead of storing other props.
    const reserved = result.ok ? findReservedKey((raw as { props?: unknown }).props, 'props') : null;
    if (result.ok && reserved === null) {
      events.push(result.value);
      indexes.push(index);
      return;
    }
    const issues = result.ok
      ? [{ path: reserved!, message: `${reserved}: a reserved name cannot be a key` }]
      : result.issues.map((issue) => ({ path: issue.path, message: formatIssue(issue) }));
    const rawId = (raw as { id?: unknown } | null)?.id;
    for (const issue of issues) {
      if (errors.length >= MAX_ERRORS) break;
      errors.push({ index, ...(typeof rawId === 'string' ? { id: rawId.slice(0, 64) } : {}), ...issue });
    }
  });
  return { ok: true, sentAt: batch.value.sentAt, events, indexes, errors };
}
