/**
 * The survey document: what ops (or a static embed) write. A survey has pages of questions; each
 * question has a type, a title, and the rules that apply to its type. Limits bound every string and
 * list. Rules that span fields (a type's own fields, unique ids, expressions and what they name,
 * the largest response fitting one frame) are checked in `validateSurvey`, where issue paths can
 * name the field at fault; `surveyJsonSchema()` exports the same document for editors.
 */
import { bool, id, int, list, oneOf, strict, text } from '@onair/core/validation.js';
import * as v from 'valibot';

export const QUESTION_TYPES = [
  'single',
  'multiple',
  'dropdown',
  'yesno',
  'rating',
  'text',
  'longtext',
  'ranking',
  'info',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** What a short-text answer is: typed on the phone's keyboard, and checked as such. */
export const INPUT_TYPES = ['text', 'number', 'email', 'tel', 'url'] as const;
export type InputType = (typeof INPUT_TYPES)[number];

/** Anonymous responses are stored without the viewer; identified ones with them, one per viewer. */
export const IDENTITIES = ['anonymous', 'identified'] as const;
export type Identity = (typeof IDENTITIES)[number];

export const SURVEY_LIMITS = {
  title: 200,
  description: 500,
  label: 100,
  /** Choice values and question ids. */
  value: 100,
  id: 64,
  choices: 30,
  questions: 50,
  pages: 20,
  /** Longest answer of a short / long text question (its default `maxLength`: 200 / 1000). */
  text: 200,
  longtext: 2000,
  /** The text a viewer writes for "other". */
  other: 200,
  pattern: 200,
  /** Characters a viewer may type into a pattern-checked answer. */
  patternText: 200,
  /** Bytes of JSON the largest possible response may take: a response is sent in one frame. */
  response: 14_000,
  expression: 1000,
} as const;

/** Text in one language, or in both: `{ "en": "Tea?", "zh-CN": "喝茶吗？" }` (the viewer's shows). */
export type Text = string | { en?: string; 'zh-CN'?: string };

const localized = (max: number) =>
  v.union(
    [
      text(1, max),
      v.pipe(
        strict({ en: v.optional(text(1, max)), 'zh-CN': v.optional(text(1, max)) }),
        v.check((value) => !!(value.en || value['zh-CN']), `localized|${max}`),
      ),
    ],
    `localized|${max}`,
  );

/**
 * A question id or choice value: 1–`max` characters without braces (they delimit names in
 * expressions) or control characters, never a name that reaches an object's prototype.
 */
const name = (max: number) =>
  v.pipe(
    v.string(`name|${max}`),
    v.trim(),
    v.regex(new RegExp(`^[^{}\\u0000-\\u001f]{1,${max}}$`), `name|${max}`),
    v.check((value) => !['__proto__', 'constructor', 'prototype'].includes(value), 'reserved'),
  );

const expression = () =>
  v.pipe(v.string('expression'), v.maxLength(SURVEY_LIMITS.expression, `text|1|${SURVEY_LIMITS.expression}`));

const number = () =>
  v.pipe(
    v.number('number|-1e9|1e9'),
    v.finite('number|-1e9|1e9'),
    v.minValue(-1e9, 'number|-1e9|1e9'),
    v.maxValue(1e9, 'number|-1e9|1e9'),
  );

/** A choice: `{ value, label? }`, or just the value (`"Tea"`). */
const choiceSchema = v.union(
  [
    name(SURVEY_LIMITS.value),
    strict({ value: name(SURVEY_LIMITS.value), label: v.optional(localized(SURVEY_LIMITS.label)) }),
  ],
  `choice|${SURVEY_LIMITS.value}`,
);

export const questionSchema = strict({
  id: name(SURVEY_LIMITS.id),
  type: oneOf(QUESTION_TYPES),
  /** The question; for `info`, the text shown. */
  title: localized(SURVEY_LIMITS.title),
  description: v.optional(localized(SURVEY_LIMITS.description)),
  required: v.optional(bool()),
  visibleIf: v.optional(expression()),
  enableIf: v.optional(expression()),
  requiredIf: v.optional(expression()),
  /** single, multiple, dropdown, ranking: at least two, counting "other". */
  choices: v.optional(list(choiceSchema, 1, SURVEY_LIMITS.choices)),
  /** single, multiple, dropdown: an "Other" choice (value `other`) with a text field. */
  other: v.optional(bool()),
  /** multiple: how many choices a viewer must / may pick. */
  minSelected: v.optional(int(1, SURVEY_LIMITS.choices + 1)),
  maxSelected: v.optional(int(1, SURVEY_LIMITS.choices + 1)),
  /** rating: the scale's ends (0–10, default 1–5); number text: the range of the value. */
  min: v.optional(number()),
  max: v.optional(number()),
  /** rating: stars instead of numbers. */
  stars: v.optional(bool()),
  /** rating: words under the ends of the scale (`Not likely` … `Very likely`). */
  minLabel: v.optional(localized(40)),
  maxLabel: v.optional(localized(40)),
  /** text: the kind of value, which also picks the phone's keyboard. */
  input: v.optional(oneOf(INPUT_TYPES)),
  minLength: v.optional(int(1, SURVEY_LIMITS.longtext)),
  maxLength: v.optional(int(1, SURVEY_LIMITS.longtext)),
  /** text: a regular expression the answer must match (a safe subset; see `validateSurvey`). */
  pattern: v.optional(
    v.pipe(v.string('pattern'), v.maxLength(SURVEY_LIMITS.pattern, `text|1|${SURVEY_LIMITS.pattern}`)),
  ),
  placeholder: v.optional(localized(SURVEY_LIMITS.label)),
});

export const pageSchema = strict({
  id: v.optional(name(SURVEY_LIMITS.id)),
  title: v.optional(localized(SURVEY_LIMITS.title)),
  description: v.optional(localized(SURVEY_LIMITS.description)),
  visibleIf: v.optional(expression()),
  questions: list(questionSchema, 1, SURVEY_LIMITS.questions),
});

/** A survey as written: `pages`, or `questions` for a survey of one page. */
export const surveySchema = strict({
  id: id(64),
  title: localized(SURVEY_LIMITS.title),
  description: v.optional(localized(SURVEY_LIMITS.description)),
  identity: v.optional(oneOf(IDENTITIES), 'anonymous'),
  /** Show viewers the live per-question results once they submitted (ops can switch it later). */
  results: v.optional(bool(), false),
  /** Open for this long once opened (ms, 10 s – 24 h); omitted: until ops close it. */
  timeLimitMs: v.optional(int(10_000, 86_400_000)),
  /** Shown after submitting (default: a thank-you in the viewer's language). */
  completion: v.optional(localized(SURVEY_LIMITS.description)),
  pages: v.optional(list(pageSchema, 1, SURVEY_LIMITS.pages)),
  questions: v.optional(list(questionSchema, 1, SURVEY_LIMITS.questions)),
});

export type SurveyInput = v.InferInput<typeof surveySchema>;
type Parsed = v.InferOutput<typeof surveySchema>;
type ParsedQuestion = v.InferOutput<typeof questionSchema>;

export interface Choice {
  value: string;
  label?: Text;
}

/** A question as stored: choices as objects, the rest as written. */
export interface Question extends Omit<ParsedQuestion, 'choices'> {
  choices?: Choice[];
}

export interface Page extends Omit<v.InferOutput<typeof pageSchema>, 'questions'> {
  questions: Question[];
}

/** A valid survey: always `pages`. */
export interface Survey extends Omit<Parsed, 'pages' | 'questions'> {
  pages: Page[];
}

/** One answer: a choice value, values (multiple, ranking), a rating or number, yes/no, or text. */
export type Answer = string | number | boolean | string[];
export type Answers = Record<string, Answer>;
