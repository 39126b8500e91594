// SurveyJS parity: public SurveyJS survey definitions (test/fixtures/surveyjs, see SOURCES.md)
// imported with fromSurveyJS(), then filled in with the same answers in SurveyJS's own engine
// (survey-core, in Node) and in ours. For every answer set, every question carried must show,
// enable, require and refuse its answer exactly as SurveyJS decides. Answers are drawn from each
// question's own values and from the constants its survey's conditions compare with, so branches
// are taken; a fixed seed keeps runs identical.
import { readdirSync, readFileSync } from 'node:fs';
import { Model, type Question as SurveyJSQuestion } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { fromSurveyJS } from '../src/import/surveyjs.js';
import { parseExpression } from '../src/model/expression.js';
import { answerError, surveyState } from '../src/model/logic.js';
import type { Answer, Answers, Question, Survey } from '../src/model/schema.js';

const DIR = new URL('./fixtures/surveyjs/', import.meta.url);
const FIXTURES = readdirSync(DIR).filter((file) => file.endsWith('.json'));
const SAMPLES = 150;

/** Mulberry32: small, seeded, good enough to spread answers. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every constant the survey's conditions compare with: answers that take their branches. */
function constants(survey: Survey): unknown[] {
  const out = new Set<unknown>(['', 'x', 'Yes', 'No', 'a@b.co', 5, '12']);
  const walk = (e: unknown): void => {
    if (!Array.isArray(e)) return;
    if (e[0] === 'c' && e[1] !== null) out.add(e[1]);
    for (const part of e.slice(1)) walk(part);
  };
  for (const page of survey.pages)
    for (const source of [
      page.visibleIf,
      ...page.questions.flatMap((q) => [q.visibleIf, q.enableIf, q.requiredIf]),
    ])
      if (source) walk(parseExpression(source));
  return [...out];
}

/** One answer to `q` (ours), or undefined for none. */
function draw(q: Question, pick: () => number, pool: unknown[]): Answer | undefined {
  const one = <T>(list: readonly T[]) => list[Math.floor(pick() * list.length)]!;
  if (pick() < 0.25) return undefined;
  const values = [...(q.choices?.map((c) => c.value) ?? []), ...(q.other ? ['other'] : [])];
  switch (q.type) {
    case 'single':
    case 'dropdown':
      return one(values);
    case 'multiple':
      return values.filter(() => pick() < 0.4);
    case 'ranking':
      return [...values].sort(() => pick() - 0.5);
    case 'yesno':
      return pick() < 0.5;
    case 'rating': {
      const min = q.min ?? 1;
      return min + Math.floor(pick() * ((q.max ?? 5) - min + 1));
    }
    case 'info':
      return undefined;
    default: {
      if (q.input === 'number') return one([0, 5, 10, 50, 9999, 20000, -3]);
      const value = one(pool);
      return typeof value === 'number' || typeof value === 'string'
        ? String(value)
        : 'x'.repeat(Math.floor(pick() * 30));
    }
  }
}

/** Our answer as SurveyJS holds it: the choice's own value (a number stays a number). */
function toSurveyJS(sq: SurveyJSQuestion, value: Answer): unknown {
  const choices = (sq as unknown as { choices?: { value: unknown }[] }).choices ?? [];
  const original = (v: string) => choices.find((c) => String(c.value) === v)?.value ?? v;
  if (Array.isArray(value)) return value.map(original);
  return typeof value === 'string' && choices.length ? original(value) : value;
}

/** A SurveyJS value as ours holds it: choice values as strings. */
function fromSurveyJSValue(q: Question, value: unknown): Answer {
  if (Array.isArray(value)) return value.map(String);
  if (q.choices) return String(value);
  return typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
}

describe('SurveyJS parity: the same answers show, enable, require and refuse the same questions', () => {
  it(`runs on at least ten public SurveyJS definitions (${FIXTURES.length})`, () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of FIXTURES)
    it(file, () => {
      const json = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as object;
      const imported = fromSurveyJS(json);
      if (!imported.ok) throw new Error(`not imported: ${JSON.stringify(imported.issues)}`);
      const survey = imported.survey;
      const pool = constants(survey);
      const pick = random(FIXTURES.indexOf(file) + 1);
      const questions = survey.pages
        .flatMap((page, p) => page.questions.map((q) => ({ q, p })))
        .filter(({ q }) => q.type !== 'info');
      expect(questions.length).toBeGreaterThan(0);
      let compared = 0;
      let changed = 0;
      const mismatches: string[] = [];
      for (let sample = 0; sample < SAMPLES; sample++) {
        const model = new Model(json);
        const answers: Answers = {};
        const other: Record<string, string> = {};
        for (const { q } of questions) {
          const value = draw(q, pick, pool);
          const sq = model.getQuestionByName(imported.names[q.id]!);
          if (value === undefined || sq === null) continue;
          answers[q.id] = value;
          // Values are set in order, as a viewer answers: SurveyJS's triggers run as they would.
          model.setValue(sq.getValueName(), toSurveyJS(sq, value));
          if ([value].flat().includes('other') && pick() < 0.7) {
            other[q.id] = 'something else';
            sq.comment = 'something else';
          }
        }
        // What SurveyJS holds now: its own triggers (setvalue, not carried: warned) may have changed
        // answers. Ours decides on the same final answers; how often they were changed is reported.
        for (const { q } of questions) {
          const sq = model.getQuestionByName(imported.names[q.id]!);
          const value = sq?.isEmpty() ? undefined : fromSurveyJSValue(q, sq!.value);
          const before = answers[q.id];
          const empty = before === undefined || before === '' || (Array.isArray(before) && !before.length);
          if (JSON.stringify(value) !== JSON.stringify(empty ? undefined : before)) {
            changed++;
            if (process.env['PARITY_DEBUG'])
              console.log(q.id, JSON.stringify(before), '→', JSON.stringify(value));
          }
          if (value === undefined) delete answers[q.id];
          else answers[q.id] = value;
        }
        const state = surveyState(survey, answers);
        for (const { q, p } of questions) {
          const sq = model.getQuestionByName(imported.names[q.id]!) as SurveyJSQuestion;
          const own = state.questions[q.id]!;
          const ours = {
            shown: state.pages[p]! && own.shown,
            enabled: own.enabled,
            required: own.required,
            refused: state.pages[p]! && own.shown && answerError(q, answers[q.id], other[q.id], own) !== null,
          };
          const shown = sq.isVisible && sq.isParentVisible && !!sq.page?.isVisible;
          const theirs = {
            shown,
            enabled: !sq.isReadOnly,
            required: sq.isRequired,
            refused: shown && sq.hasErrors(false),
          };
          compared++;
          if (JSON.stringify(ours) !== JSON.stringify(theirs))
            mismatches.push(
              `${q.id} with ${JSON.stringify(answers)}: ours ${JSON.stringify(ours)}, SurveyJS ${JSON.stringify(theirs)}`,
            );
        }
      }
      console.log(
        `${file}: ${compared} question states compared over ${SAMPLES} answer sets, ${mismatches.length} differ; ` +
          `${changed} answers changed by SurveyJS itself; ${imported.warnings.length} warnings (${[...new Set(imported.warnings.map((w) => w.code))].join(', ')})`,
      );
      expect(mismatches.slice(0, 5)).toEqual([]);
    });
});
