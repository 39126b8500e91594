/**
 * The survey document as JSON Schema (draft 2020-12), for editors: derived from the same valibot
 * schema the validator runs, so the two cannot drift. Rules that span fields (see `validateSurvey`)
 * are not expressible here; the validator is the authority.
 */
import type * as v from 'valibot';
import { surveySchema } from './schema.js';

type Json = Record<string, unknown>;
type Node = v.GenericSchema & {
  type: string;
  pipe?: { type: string; requirement?: unknown }[];
  entries?: Record<string, Node>;
  options?: Node[] | string[];
  item?: Node;
  value?: Node;
  wrapped?: Node;
};

/** JSON Schema of one valibot schema (the kinds the survey document uses). */
function convert(node: Node): Json {
  let out: Json;
  switch (node.type) {
    case 'string':
      out = { type: 'string' };
      break;
    case 'number':
      out = { type: 'number' };
      break;
    case 'boolean':
      out = { type: 'boolean' };
      break;
    case 'picklist':
      out = { enum: node.options };
      break;
    case 'union':
      out = { anyOf: (node.options as Node[]).map(convert) };
      break;
    case 'array':
      out = { type: 'array', items: convert(node.item!) };
      break;
    case 'record':
      out = { type: 'object', additionalProperties: convert(node.value!) };
      break;
    case 'strict_object':
    case 'object': {
      const properties: Json = {};
      const required: string[] = [];
      for (const [key, entry] of Object.entries(node.entries!)) {
        properties[key] = convert(entry);
        if (entry.type !== 'optional') required.push(key);
      }
      out = { type: 'object', properties, ...(required.length && { required }) };
      if (node.type === 'strict_object') out['additionalProperties'] = false;
      break;
    }
    case 'optional': {
      const { default: fallback } = node as unknown as { default?: unknown };
      return { ...convert(node.wrapped!), ...(fallback !== undefined && { default: fallback }) };
    }
    default:
      out = {};
  }
  const array = out['type'] === 'array';
  for (const action of node.pipe ?? []) {
    const n = action.requirement;
    if (action.type === 'min_length') out[array ? 'minItems' : 'minLength'] = n;
    else if (action.type === 'max_length') out[array ? 'maxItems' : 'maxLength'] = n;
    else if (action.type === 'min_value') out['minimum'] = n;
    else if (action.type === 'max_value') out['maximum'] = n;
    else if (action.type === 'integer') out['type'] = 'integer';
    else if (action.type === 'regex') out['pattern'] = (n as RegExp).source;
  }
  return out;
}

/** The JSON Schema of a survey document, as `packages/surveys/survey.schema.json` ships it. */
export function surveyJsonSchema(): Json {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Onair survey',
    description:
      'A survey for <onair-survey>: pages of questions with conditions (visibleIf, enableIf, requiredIf). Rules across fields are checked by validateSurvey() from @onair/surveys/model.js.',
    ...convert(surveySchema as unknown as Node),
  };
}
