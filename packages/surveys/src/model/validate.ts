/**
 * Validates a survey document: its shape (`surveySchema`), then the rules that span fields, with
 * issues that name the field at fault (`pages[1].questions[0].visibleIf`).
 */
import { parse, type ValidationIssue } from '@onair/core/validation.js';
import { ExpressionError, parseExpression, variables } from './expression.js';
import { maxLengthOf } from './logic.js';
import { type Choice, type Question, SURVEY_LIMITS, type Survey, surveySchema } from './schema.js';

type Result = { ok: true; value: Survey } | { ok: false; issues: ValidationIssue[] };

const CHOICES = ['single', 'multiple', 'dropdown', 'ranking'];
/** Fields each type may use, besides those every question has. */
const FIELDS: Record<string, string[]> = {
  single: ['choices', 'other'],
  multiple: ['choices', 'other', 'minSelected', 'maxSelected'],
  dropdown: ['choices', 'other', 'placeholder'],
  ranking: ['choices'],
  yesno: [],
  rating: ['min', 'max', 'stars', 'minLabel', 'maxLabel'],
  text: ['input', 'min', 'max', 'minLength', 'maxLength', 'pattern', 'placeholder'],
  longtext: ['minLength', 'maxLength', 'placeholder'],
  info: [],
};
const COMMON = ['id', 'type', 'title', 'description', 'required', 'visibleIf', 'enableIf', 'requiredIf'];

export function validateSurvey(input: unknown): Result {
  const parsed = parse(surveySchema, input);
  if (!parsed.ok) return parsed;
  const { pages, questions: flat, ...rest } = parsed.value;
  const issues: ValidationIssue[] = [];
  const add = (path: string, key: string) => issues.push({ path, key });
  if (!pages === !flat) add(pages ? 'questions' : 'pages', pages ? 'unknown' : 'required');
  const survey: Survey = {
    ...rest,
    pages: (pages ?? [{ questions: flat ?? [] }]).map((page) => ({
      ...page,
      questions: page.questions.map(
        ({ choices, ...q }): Question => ({
          ...q,
          ...(choices && { choices: choices.map((c): Choice => (typeof c === 'string' ? { value: c } : c)) }),
        }),
      ),
    })),
  };
  const at = (p: number, q?: number) =>
    flat
      ? q === undefined
        ? ''
        : `questions[${q}]`
      : `pages[${p}]${q === undefined ? '' : `.questions[${q}]`}`;

  const all = survey.pages.flatMap((page, p) =>
    page.questions.map((question, q) => ({ question, path: at(p, q) })),
  );
  if (all.length > SURVEY_LIMITS.questions)
    add(all[SURVEY_LIMITS.questions]!.path, `questions|${SURVEY_LIMITS.questions}`);
  const ids = new Set<string>();
  for (const { question, path } of all) {
    const key = question.id.toLowerCase();
    if (ids.has(key)) add(`${path}.id`, 'unique');
    ids.add(key);
  }
  const pageIds = new Set<string>();
  survey.pages.forEach((page, p) => {
    if (page.id === undefined) return;
    if (pageIds.has(page.id)) add(`${at(p)}.id`, 'unique');
    pageIds.add(page.id);
  });

  const checkExpression = (source: string | undefined, path: string) => {
    if (source === undefined) return;
    try {
      const unknown = variables(parseExpression(source)).find((name) => !ids.has(name.toLowerCase()));
      if (unknown !== undefined) add(path, `unknown_question|${unknown}`);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      add(path, `expression|${error.message}`);
    }
  };
  survey.pages.forEach((page, p) => {
    checkExpression(page.visibleIf, `${at(p)}.visibleIf`);
  });

  let bytes = 0;
  for (const { question, path } of all) {
    for (const field of Object.keys(question))
      if (!COMMON.includes(field) && !FIELDS[question.type]!.includes(field))
        add(`${path}.${field}`, `field|${question.type}`);
    for (const field of ['visibleIf', 'enableIf', 'requiredIf'] as const)
      checkExpression(question[field], `${path}.${field}`);
    checkQuestion(question, path, add);
    bytes += responseBytes(question);
    if (bytes > SURVEY_LIMITS.response) {
      add(path, `response|${SURVEY_LIMITS.response}`);
      bytes = Number.NEGATIVE_INFINITY; // said once
    }
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: survey };
}

function checkQuestion(q: Question, path: string, add: (path: string, key: string) => void): void {
  const choices = q.choices;
  if (CHOICES.includes(q.type)) {
    if (!choices) {
      add(`${path}.choices`, 'required');
      return;
    }
    const values = new Set<string>();
    choices.forEach((choice, i) => {
      if (values.has(choice.value) || (q.other && choice.value === 'other'))
        add(`${path}.choices[${i}].value`, 'unique');
      values.add(choice.value);
    });
    const most = choices.length + (q.other ? 1 : 0);
    if (most < 2) add(`${path}.choices`, `list|2|${SURVEY_LIMITS.choices}`);
    if (q.maxSelected !== undefined && q.maxSelected > most) add(`${path}.maxSelected`, `int|1|${most}`);
    if (q.minSelected !== undefined && q.minSelected > (q.maxSelected ?? most))
      add(`${path}.minSelected`, `int|1|${q.maxSelected ?? most}`);
  }
  if (q.type === 'rating') {
    const min = q.min ?? 1;
    const max = q.max ?? 5;
    if (!Number.isInteger(min) || min < 0 || min > 9) add(`${path}.min`, 'int|0|9');
    else if (!Number.isInteger(max) || max <= min || max > 10) add(`${path}.max`, `int|${min + 1}|10`);
  }
  if (q.type === 'text' || q.type === 'longtext') {
    const limit = q.pattern !== undefined ? SURVEY_LIMITS.patternText : SURVEY_LIMITS[q.type];
    if (q.maxLength !== undefined && q.maxLength > limit) add(`${path}.maxLength`, `int|1|${limit}`);
    if (q.minLength !== undefined && q.minLength > (q.maxLength ?? limit))
      add(`${path}.minLength`, `int|1|${q.maxLength ?? limit}`);
    if ((q.min !== undefined || q.max !== undefined) && q.input !== 'number')
      add(`${path}.${q.min !== undefined ? 'min' : 'max'}`, 'field|number');
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) add(`${path}.min`, 'range');
    if (q.pattern !== undefined) {
      const unsafe = unsafePattern(q.pattern);
      if (unsafe) add(`${path}.pattern`, `pattern|${unsafe}`);
    }
  }
}

/** Longest JSON a question's answer takes in a response, in UTF-8 bytes of text (CJK: 3 a character). */
function responseBytes(q: Question): number {
  const own = q.id.length * 3 + 6;
  const choices = (q.choices ?? []).map((c) => c.value.length * 3 + 3);
  const other = q.other ? SURVEY_LIMITS.other * 3 + own + 8 : 0;
  switch (q.type) {
    case 'info':
      return 0;
    case 'multiple':
    case 'ranking':
      return own + choices.reduce((sum, n) => sum + n, 2) + other + 8;
    case 'single':
    case 'dropdown':
      return own + Math.max(...choices, 8) + other;
    case 'text':
    case 'longtext':
      return own + maxLengthOf(q) * 3 + 2;
    default:
      return own + 8;
  }
}

/**
 * Why a pattern could take a server's time on a hostile answer, or null. Allowed: a subset without
 * backreferences or lookaround, no quantified group that itself holds a quantifier or alternatives
 * (`(a+)+`, `(a|ab)*`), and at most three unbounded quantifiers — with answers of at most 200
 * characters, no match can run long.
 */
export function unsafePattern(pattern: string): string | null {
  try {
    new RegExp(pattern); // without flags, as SurveyJS reads a validator's pattern
  } catch {
    return 'invalid';
  }
  if (/\\[1-9]|\\k<|\(\?<?[=!]/.test(pattern)) return 'backreference or lookaround';
  const groups: boolean[] = [];
  let unbounded = 0;
  let quantified = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
      quantified = false;
      continue;
    }
    if (c === '[') {
      i = classEnd(pattern, i);
      quantified = false;
      continue;
    }
    const quantifier = /^(?:[*+?]|\{\d+(?:,\d*)?\})/.exec(pattern.slice(i))?.[0];
    if (quantifier) {
      if (quantifier === '*' || quantifier === '+' || /,\}/.test(quantifier)) unbounded++;
      if (quantified) return 'a quantified group holds a quantifier or alternatives';
      if (groups.length) groups[groups.length - 1] = true;
      i += quantifier.length - 1;
      continue;
    }
    quantified = false;
    if (c === '(') groups.push(false);
    else if (c === '|' && groups.length) groups[groups.length - 1] = true;
    else if (c === ')') {
      // A group holding a quantifier makes the groups around it hold one too.
      quantified = groups.pop() ?? false;
      if (quantified && groups.length) groups[groups.length - 1] = true;
    }
  }
  return unbounded > 3 ? 'more than three unbounded quantifiers' : null;
}

/** The index of the `]` closing the character class that opens at `start`. */
function classEnd(pattern: string, start: number): number {
  for (let i = start + 1; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']' && i > start + 1) return i;
  }
  return pattern.length;
}
