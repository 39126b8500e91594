/**
 * The campaign document as JSON Schema (draft-07), for editors: the document's own shape from its
 * valibot schema, and each item's `args` from the ops-command schema of the feature that owns the
 * command (what `parser()` and `withField()` were built from), so a feature added later shows up
 * in every editor without campaign code. `@valibot/to-json-schema` converts; checks it cannot
 * express (trimming, URL schemes, cross-field rules) are left to `validateCampaign`, which the
 * server runs on every push.
 */
import type { AnyFeature } from '@onair/core/feature.js';
import { toJsonSchema } from '@valibot/to-json-schema';
import type { GenericSchema } from 'valibot';
import { campaignSchema } from './schema.js';
import { commandTable } from './validate.js';

export type JsonSchema = Record<string, unknown>;

const convert = (schema: unknown): JsonSchema => {
  const { $schema: _, ...rest } = toJsonSchema(schema as GenericSchema, {
    errorMode: 'ignore',
  }) as JsonSchema;
  return rest;
};

/** The JSON Schema of one command's input, or a plain object when its parser keeps no schema. */
export function commandJsonSchema(feature: AnyFeature, name: string): JsonSchema {
  type Described = { schema?: unknown; parts?: [Described, string, Described] };
  const parse = feature.ops?.[name]?.parse as Described | undefined;
  if (parse?.parts?.[0].schema) {
    const [outer, field, inner] = parse.parts;
    const described = convert(outer.schema);
    const properties = { ...(described['properties'] as Record<string, JsonSchema>) };
    properties[field] = inner.schema ? convert(inner.schema) : { type: 'object' };
    return { ...described, properties };
  }
  return parse?.schema ? convert(parse.schema) : { type: 'object' };
}

/** Every schedulable command's input schema, by command name. */
export function commandJsonSchemas(features: readonly AnyFeature[]): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [name, feature] of commandTable(features)) out[name] = commandJsonSchema(feature, name);
  return out;
}

/**
 * The whole document's schema: `timeline[].command` is one of the features' commands and
 * `timeline[].args` follows that command's schema (an `if`/`then` per command).
 */
export function campaignJsonSchema(features: readonly AnyFeature[]): JsonSchema {
  const root = convert(campaignSchema);
  const commands = commandJsonSchemas(features);
  const names = Object.keys(commands);
  const properties = root['properties'] as Record<string, JsonSchema>;
  const timeline = properties['timeline']!;
  const item = timeline['items'] as JsonSchema;
  const itemProperties = item['properties'] as Record<string, JsonSchema>;
  const withCommands: JsonSchema = {
    ...item,
    properties: { ...itemProperties, command: { type: 'string', enum: names } },
    allOf: names.map((name) => ({
      if: { properties: { command: { const: name } }, required: ['command'] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a thenable.
      then: { properties: { args: commands[name] } },
    })),
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Onair campaign',
    ...root,
    properties: { ...properties, timeline: { ...timeline, items: withCommands } },
  };
}
