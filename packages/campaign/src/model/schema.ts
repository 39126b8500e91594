/**
 * The campaign document: one JSON object per campaign. Only its shape is checked here; the
 * arguments of each item's command are checked by the feature that owns the command
 * (`validate.ts`), and what depends on time or the room by `preflight.ts`.
 */
import { id, list, oneOf, strict, text } from '@onair/core/validation.js';
import * as v from 'valibot';

/** Longest a campaign may run, ms: offsets and delays stay below it (a week). */
export const MAX_SPAN_MS = 7 * 24 * 60 * 60 * 1000;
export const MAX_ITEMS = 200;
export const MAX_EXPERIMENTS = 20;
export const MAX_VARIATIONS = 10;

/** An ISO 8601 date-time with a zone (`2026-12-24T20:00:00+08:00`), kept as written. */
export const dateTime = () =>
  v.pipe(
    v.string('date'),
    v.maxLength(40, 'date'),
    v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, 'date'),
    v.check((value) => !Number.isNaN(Date.parse(value)), 'date'),
  );

const duration = (min: number) =>
  v.pipe(
    v.number(`int|${min}|${MAX_SPAN_MS}`),
    v.integer(`int|${min}|${MAX_SPAN_MS}`),
    v.minValue(min, `int|${min}|${MAX_SPAN_MS}`),
    v.maxValue(MAX_SPAN_MS, `int|${min}|${MAX_SPAN_MS}`),
  );

/** A share in [0, 1]: a weight or a coverage. */
export const share = () => v.pipe(v.number('share'), v.minValue(0, 'share'), v.maxValue(1, 'share'));

/** A command's arguments: any JSON object; its feature checks it. */
const args = () => v.record(v.string(), v.unknown(), 'object');

/** A widget tag: one of the `onair-` elements (`onair-poll`), never an arbitrary element. */
export const elementName = () =>
  v.pipe(v.string('element'), v.regex(/^onair-[a-z][a-z0-9-]{0,40}$/, 'element'));

/** Attributes set on the element a slot renders: names as HTML writes them, string values. */
const attributes = () =>
  v.pipe(
    v.record(
      v.pipe(v.string('attribute'), v.regex(/^[a-z][a-z0-9-]{0,40}$/, 'attribute')),
      text(0, 500),
      'object',
    ),
    v.check((value) => Object.keys(value).length <= 20, 'list|0|20'),
  );

/** What a slot shows while the item is live: `<onair-poll poll="p1">`. */
export const showSchema = strict({ element: elementName(), attributes: v.optional(attributes(), {}) });

export const triggerSchema = v.variant(
  'type',
  [
    strict({ type: v.literal('at'), at: dateTime() }),
    strict({ type: v.literal('offset'), ms: duration(0) }),
    strict({ type: v.literal('after'), item: id(64), ms: v.optional(duration(0), 0) }),
    strict({ type: v.literal('manual') }),
  ],
  'trigger',
);

/**
 * An optional end: the item leaves its slot `afterMs` after it fired, or at the wall time `at`
 * (one of the two), running `command` if given (`poll.close`).
 */
export const endSchema = v.pipe(
  strict({
    afterMs: v.optional(duration(1_000)),
    at: v.optional(dateTime()),
    command: v.optional(text(1, 64)),
    args: v.optional(args(), {}),
  }),
  v.check((end) => (end.afterMs === undefined) !== (end.at === undefined), 'endWhen'),
);

export const itemSchema = strict({
  id: id(64),
  /** Any feature's ops command: `poll.create`, `product.pin`, … */
  command: text(1, 64),
  args: v.optional(args(), {}),
  trigger: triggerSchema,
  end: v.optional(endSchema),
  /** The `<onair-slot name>` it shows in; none: it only runs its command. */
  slot: v.optional(id(64)),
  show: v.optional(showSchema),
});

/** How a variation changes an item for the viewers who get it. */
export const itemOverrideSchema = strict({
  /** Merged into the item's arguments (objects deeply, anything else replaced). */
  args: v.optional(args()),
  /** Merged into the attributes of what the slot shows. */
  attributes: v.optional(attributes()),
  /** Viewers of this variation see that item in this item's place. */
  swap: v.optional(id(64)),
});

export const variationSchema = strict({
  id: id(32),
  name: v.optional(text(1, 80)),
  items: v.optional(v.record(id(64), itemOverrideSchema, 'object'), {}),
});

export const experimentSchema = strict({
  key: id(64),
  /** GrowthBook's hash seed; default: the key. */
  seed: v.optional(text(1, 64)),
  /** Share of viewers in the experiment; the rest see the items unchanged. */
  coverage: v.optional(share(), 1),
  weights: list(share(), 2, MAX_VARIATIONS),
  variations: list(variationSchema, 2, MAX_VARIATIONS),
});

export const campaignSchema = strict({
  id: id(64),
  title: text(1, 120),
  room: id(64),
  locale: v.optional(oneOf(['en', 'zh-CN'] as const)),
  theme: v.optional(oneOf(['light', 'dark', 'auto'] as const)),
  goLive: dateTime(),
  timeline: list(itemSchema, 1, MAX_ITEMS),
  experiments: v.optional(list(experimentSchema, 0, MAX_EXPERIMENTS), []),
});

export type CampaignInput = v.InferInput<typeof campaignSchema>;
export type Campaign = v.InferOutput<typeof campaignSchema>;
export type TimelineItem = v.InferOutput<typeof itemSchema>;
export type Trigger = v.InferOutput<typeof triggerSchema>;
export type Experiment = v.InferOutput<typeof experimentSchema>;
export type Variation = v.InferOutput<typeof variationSchema>;
export type ItemOverride = v.InferOutput<typeof itemOverrideSchema>;
export type Show = v.InferOutput<typeof showSchema>;
