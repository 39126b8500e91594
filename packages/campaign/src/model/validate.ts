/**
 * A campaign checked in full: its shape, the rules across its fields, and every item's arguments
 * by the feature that owns its command — the feature's own `parse`, so a feature added later is
 * checked without a line here. Issue paths name the field in the document
 * (`timeline[2].args.poll.question`, `experiments[0].variations[1].items.pin.args.product`).
 */
import type { AnyFeature } from '@onair/core/feature.js';
import { parse, type ValidationIssue } from '@onair/core/validation.js';
import { argumentSets, placementOf } from './placement.js';
import { type Campaign, campaignSchema } from './schema.js';
import { cycles } from './timeline.js';

/** Largest slot record, bytes: under the protocol's 12 KiB per record, with room for its envelope. */
export const MAX_SLOT_BYTES = 11 * 1024;

export type CampaignParse = { ok: true; value: Campaign } | { ok: false; issues: ValidationIssue[] };

/** Every ops command of these features by name, with its parser (campaigns cannot drive campaigns). */
export function commandTable(features: readonly AnyFeature[]): Map<string, AnyFeature> {
  const table = new Map<string, AnyFeature>();
  for (const feature of features)
    for (const name of Object.keys(feature.ops ?? {}))
      if (!name.startsWith('campaign.')) table.set(name, feature);
  return table;
}

const sanitize = (text: string) => text.replaceAll('|', '/');

export function validateCampaign(input: unknown, features: readonly AnyFeature[]): CampaignParse {
  const parsed = parse(campaignSchema, input);
  if (!parsed.ok) return parsed;
  const campaign = parsed.value;
  const issues: ValidationIssue[] = [];
  const commands = commandTable(features);
  const known = [...commands.keys()].join(', ');
  const ids = new Set<string>();
  campaign.timeline.forEach((item, i) => {
    if (ids.has(item.id)) issues.push({ path: `timeline[${i}].id`, key: `duplicateItem|${item.id}` });
    ids.add(item.id);
  });

  campaign.timeline.forEach((item, i) => {
    const at = `timeline[${i}]`;
    if (item.trigger.type === 'after' && !ids.has(item.trigger.item))
      issues.push({ path: `${at}.trigger.item`, key: `unknownItem|${item.trigger.item}` });
    const checkCommand = (name: string, args: unknown, path: string, argsPath: string) => {
      const feature = commands.get(name);
      if (!feature) {
        issues.push({ path, key: `command|${sanitize(name)}|${known}` });
        return;
      }
      const result = feature.ops![name]!.parse(args);
      if (!result.ok)
        for (const issue of result.issues)
          issues.push({ ...issue, path: issue.path ? `${argsPath}.${issue.path}` : argsPath });
    };
    if (!commands.has(item.command)) checkCommand(item.command, item.args, `${at}.command`, `${at}.args`);
    else
      for (const set of argumentSets(campaign, item))
        checkCommand(item.command, set.args, `${at}.command`, set.path);
    if (item.end?.command)
      checkCommand(item.end.command, item.end.args, `${at}.end.command`, `${at}.end.args`);
  });

  const keys = new Set<string>();
  campaign.experiments.forEach((experiment, e) => {
    const at = `experiments[${e}]`;
    if (keys.has(experiment.key))
      issues.push({ path: `${at}.key`, key: `duplicateExperiment|${experiment.key}` });
    keys.add(experiment.key);
    if (experiment.weights.length !== experiment.variations.length)
      issues.push({ path: `${at}.weights`, key: `weightsLength|${experiment.variations.length}` });
    const variationIds = new Set<string>();
    experiment.variations.forEach((variation, v) => {
      if (variationIds.has(variation.id))
        issues.push({ path: `${at}.variations[${v}].id`, key: `duplicateVariation|${variation.id}` });
      variationIds.add(variation.id);
      for (const [item, override] of Object.entries(variation.items)) {
        const path = `${at}.variations[${v}].items.${item}`;
        if (!ids.has(item)) issues.push({ path, key: `unknownItem|${item}` });
        if (override.swap !== undefined && !ids.has(override.swap))
          issues.push({ path: `${path}.swap`, key: `unknownItem|${override.swap}` });
      }
    });
  });

  // What a slot shows goes to viewers as one record, which must fit a frame's record limit.
  campaign.timeline.forEach((item, i) => {
    const placed = ids.size === campaign.timeline.length ? placementOf(campaign, item, 0) : null;
    if (placed && new TextEncoder().encode(JSON.stringify(placed)).length > MAX_SLOT_BYTES)
      issues.push({ path: `timeline[${i}].show`, key: `slotTooLarge|${MAX_SLOT_BYTES}` });
  });

  for (const cycle of cycles(campaign)) {
    const index = campaign.timeline.findIndex((item) => item.id === cycle[0]);
    issues.push({
      path: `timeline[${index}].trigger.item`,
      key: `cycle|${[...cycle, cycle[0]].join(' → ')}`,
    });
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: campaign };
}
