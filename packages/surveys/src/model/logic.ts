/**
 * What a survey's answers make of it — which pages and questions show, which are enabled and
 * required — and whether each answer is acceptable. The widget runs this to guide the viewer and
 * both hosts run it to refuse what a client should never have sent: one definition, one verdict.
 */
import { type Expr, holds, isEmpty, parseExpression } from './expression.js';
import type { Answer, Answers, Question, Survey } from './schema.js';

export interface QuestionState {
  shown: boolean;
  enabled: boolean;
  required: boolean;
}

export interface SurveyState {
  /** Per page: whether it shows (its condition holds and a question on it shows). */
  pages: boolean[];
  questions: Record<string, QuestionState>;
}

/** What a viewer wrote for "other", by question id. */
export type OtherText = Record<string, string>;

/** Parsed conditions, by source (a survey's expressions are parsed once, not per keystroke). */
const parsed = new Map<string, Expr>();
function condition(source: string | undefined, get: (name: string) => unknown, fallback: boolean): boolean {
  if (source === undefined) return fallback;
  let expr = parsed.get(source);
  if (!expr) {
    if (parsed.size > 500) parsed.clear();
    expr = parseExpression(source);
    parsed.set(source, expr);
  }
  return holds(expr, get);
}

/** Question ids are matched case-insensitively in expressions, as SurveyJS does. */
export function lookup(answers: Answers): (name: string) => unknown {
  const byName = new Map(Object.entries(answers).map(([id, value]) => [id.toLowerCase(), value]));
  return (name) => byName.get(name.toLowerCase());
}

export function surveyState(survey: Survey, answers: Answers): SurveyState {
  const get = lookup(answers);
  const questions: Record<string, QuestionState> = {};
  const pages = survey.pages.map((page) => {
    const open = condition(page.visibleIf, get, true);
    let any = false;
    for (const q of page.questions) {
      const shown = open && condition(q.visibleIf, get, true);
      any ||= shown;
      questions[q.id] = {
        shown,
        enabled: condition(q.enableIf, get, true),
        required: !!q.required || condition(q.requiredIf, get, false),
      };
    }
    return open && any;
  });
  return { pages, questions };
}

/**
 * The answers a response keeps: those of questions that show, until hiding one hides no other (a
 * hidden question's answer no longer counts, and its questions may hide in turn).
 */
export function settle(
  survey: Survey,
  answers: Answers,
  other: OtherText = {},
): { answers: Answers; other: OtherText } {
  let kept = answers;
  for (;;) {
    const { questions } = surveyState(survey, kept);
    const next = keep(
      kept,
      (id) =>
        !!questions[id]?.shown &&
        survey.pages.some((p) => p.questions.some((q) => q.id === id && q.type !== 'info')),
    );
    if (Object.keys(next).length === Object.keys(kept).length)
      return {
        answers: kept,
        other: keep(other, (id) => Object.hasOwn(kept, id) && [kept[id]].flat().includes('other')),
      };
    kept = next;
  }
}

const keep = <T>(record: Record<string, T>, test: (id: string) => boolean) =>
  Object.fromEntries(Object.entries(record).filter(([id]) => test(id)));

/**
 * Why an answer is not acceptable, as a message key (`required`, `maxSelected|3`, …), or null.
 * `value` is undefined when unanswered; `state` says whether the question is required now.
 */
export function answerError(
  q: Question,
  value: Answer | undefined,
  otherText: string | undefined,
  state: QuestionState,
): string | null {
  if (value === undefined || isEmpty(value)) return state.required && state.enabled ? 'required' : null;
  const values = q.choices?.map((c) => c.value) ?? [];
  if (q.other) values.push('other');
  const list = Array.isArray(value) ? value : null;
  switch (q.type) {
    case 'single':
    case 'dropdown':
      if (typeof value !== 'string' || !values.includes(value)) return 'choice';
      break;
    case 'multiple':
      if (!list || list.some((c) => !values.includes(c)) || new Set(list).size < list.length) return 'choice';
      if (list.length < (q.minSelected ?? 0)) return `minSelected|${q.minSelected}`;
      if (list.length > (q.maxSelected ?? values.length)) return `maxSelected|${q.maxSelected}`;
      break;
    case 'ranking':
      if (!list || list.length !== values.length || values.some((c) => !list.includes(c))) return 'rank';
      break;
    case 'yesno':
      if (typeof value !== 'boolean') return 'type';
      break;
    case 'rating':
      if (!Number.isInteger(value) || (value as number) < (q.min ?? 1) || (value as number) > (q.max ?? 5))
        return 'choice';
      break;
    case 'info':
      return 'type';
    default:
      return textError(q, value);
  }
  if ([value].flat().includes('other')) {
    const text = otherText?.trim() ?? '';
    if (!text) return 'otherText';
    if (text.length > 200) return 'maxLength|200';
  }
  return null;
}

function textError(q: Question, value: Answer): string | null {
  if (q.input === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return 'number';
    if (q.min !== undefined && value < q.min) return `min|${q.min}`;
    if (q.max !== undefined && value > q.max) return `max|${q.max}`;
    return null;
  }
  if (typeof value !== 'string') return 'type';
  const max = maxLengthOf(q);
  if (value.length > max) return `maxLength|${max}`;
  if (value.length < (q.minLength ?? 0)) return `minLength|${q.minLength}`;
  if (q.input === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return 'email';
  if (q.pattern !== undefined && !new RegExp(q.pattern).test(value)) return 'pattern';
  return null;
}

/** The longest answer a text question takes (default 200 for short text, 1,000 for long). */
export const maxLengthOf = (q: Question): number =>
  q.maxLength ?? (q.pattern !== undefined || q.type === 'text' ? 200 : 1000);

/** Every question of the survey, in order. */
export const questionsOf = (survey: Survey): Question[] => survey.pages.flatMap((p) => p.questions);

/**
 * The first reason a response is not acceptable, with the path of the answer at fault, or null.
 * Answers must be what `settle()` keeps: to questions that show, each acceptable, every required
 * one given.
 */
export function responseError(
  survey: Survey,
  answers: Answers,
  other: OtherText,
): { path: string; key: string } | null {
  const { questions } = surveyState(survey, answers);
  const all = questionsOf(survey);
  for (const id of Object.keys(answers))
    if (!all.some((q) => q.id === id)) return { path: `answers.${id}`, key: 'unknown' };
  for (const id of Object.keys(other))
    if (![answers[id]].flat().includes('other')) return { path: `other.${id}`, key: 'unknown' };
  for (const q of all) {
    const state = questions[q.id]!;
    const given = Object.hasOwn(answers, q.id) ? answers[q.id] : undefined;
    if (!state.shown) {
      if (given !== undefined) return { path: `answers.${q.id}`, key: 'hidden' };
      continue;
    }
    const key = answerError(q, given, Object.hasOwn(other, q.id) ? other[q.id] : undefined, state);
    if (key) return { path: `${key === 'otherText' ? 'other' : 'answers'}.${q.id}`, key };
  }
  return null;
}
