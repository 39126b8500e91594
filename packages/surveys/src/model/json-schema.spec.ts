import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { surveyJsonSchema } from './json-schema.js';
import { QUESTION_TYPES, SURVEY_LIMITS } from './schema.js';

const FILE = new URL('../../survey.schema.json', import.meta.url);

describe('survey.schema.json', () => {
  it('is the JSON Schema of the document the validator runs (UPDATE_SCHEMA=1 writes it)', () => {
    if (process.env['UPDATE_SCHEMA']) writeFileSync(FILE, `${JSON.stringify(surveyJsonSchema(), null, 2)}\n`);
    expect(JSON.parse(readFileSync(FILE, 'utf8'))).toEqual(surveyJsonSchema());
  });

  it('carries the types, limits and required fields an editor needs', () => {
    // biome-ignore lint/suspicious/noExplicitAny: the test walks a JSON document by paths it knows.
    const schema = surveyJsonSchema() as Record<string, any>;
    expect(schema['required']).toEqual(['id', 'title']);
    expect(schema['additionalProperties']).toBe(false);
    const question = schema['properties'].pages.items.properties.questions.items;
    expect(question.properties.type.enum).toEqual([...QUESTION_TYPES]);
    expect(question.required).toEqual(['id', 'type', 'title']);
    expect(question.properties.visibleIf).toMatchObject({
      type: 'string',
      maxLength: SURVEY_LIMITS.expression,
    });
    expect(schema['properties'].pages).toMatchObject({
      type: 'array',
      minItems: 1,
      maxItems: SURVEY_LIMITS.pages,
    });
    expect(question.properties.title.anyOf[0]).toMatchObject({
      type: 'string',
      minLength: 1,
      maxLength: SURVEY_LIMITS.title,
    });
  });
});
