/**
 * What a slot shows for an item: the element and attributes the item names, and what each
 * variation of an experiment shows instead (other attributes, or another item's element).
 */
import type { Campaign, Show, TimelineItem } from './schema.js';

export interface Shown {
  item: string;
  element: string;
  attributes: Record<string, string>;
}

/** A slot's record: what everyone sees, and what the viewers of each variation see instead. */
export interface SlotRecord extends Shown {
  slot: string;
  /** Campaign time the item fired at. */
  since: number;
  /** The experiment that changes this item, if any. */
  experiment?: string;
  /** By variation id: what its viewers see instead (`null`: nothing). */
  variants?: Record<string, Shown | null>;
}

const shown = (item: TimelineItem, show: Show, extra: Record<string, string> = {}): Shown => ({
  item: item.id,
  element: show.element,
  attributes: { ...show.attributes, ...extra },
});

/** The slot record for an item that fired, or null when it shows nothing. */
export function placementOf(campaign: Campaign, item: TimelineItem, since: number): SlotRecord | null {
  if (!item.slot || !item.show) return null;
  const record: SlotRecord = { slot: item.slot, since, ...shown(item, item.show) };
  for (const experiment of campaign.experiments) {
    const overrides = experiment.variations.filter((variation) => Object.hasOwn(variation.items, item.id));
    if (!overrides.length) continue;
    const variants: Record<string, Shown | null> = {};
    for (const variation of overrides) {
      const override = variation.items[item.id]!;
      const swapped = override.swap ? campaign.timeline.find((other) => other.id === override.swap) : item;
      variants[variation.id] = swapped?.show ? shown(swapped, swapped.show, override.attributes) : null;
    }
    return { ...record, experiment: experiment.key, variants };
  }
  return record;
}

/** Objects merged deeply (an override's `args` into the item's); anything else is replaced. */
export function mergeArgs(base: unknown, override: unknown): unknown {
  if (!isObject(base) || !isObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override))
    out[key] = Object.hasOwn(out, key) ? mergeArgs(out[key], value) : value;
  return out;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The distinct arguments an item's command runs with: its own, then each variation's that differ
 * (an experiment on a poll's text creates both polls). Paths name where each came from.
 */
export function argumentSets(campaign: Campaign, item: TimelineItem): { args: object; path: string }[] {
  const index = campaign.timeline.indexOf(item);
  const sets = [{ args: item.args as object, path: `timeline[${index}].args` }];
  const seen = new Set([JSON.stringify(item.args)]);
  campaign.experiments.forEach((experiment, e) => {
    experiment.variations.forEach((variation, v) => {
      const override = Object.hasOwn(variation.items, item.id) ? variation.items[item.id]! : undefined;
      if (!override?.args) return;
      const args = mergeArgs(item.args, override.args) as object;
      const key = JSON.stringify(args);
      if (seen.has(key)) return;
      seen.add(key);
      sets.push({ args, path: `experiments[${e}].variations[${v}].items.${item.id}.args` });
    });
  });
  return sets;
}
