/**
 * Surveys as a live feature, run alike by the in-page room and the reference server: the `surveys`
 * collection (the documents viewers fill in), `survey_results` (running summaries, public while
 * shown), the `survey.submit` action, ops commands to create, open, close, show results and
 * delete, queries for the summaries and the stored responses (JSON or CSV), and the time limit.
 *
 * A response is stored as rows of two logs: one `responses` row, and one `answers` row per answered
 * question. Anonymous surveys store neither with the viewer; identified ones do, and take one
 * response per viewer. Free text goes to the logs only, never to a record viewers receive.
 */
import { defineFeature, done, type LogEntry, refuse, withField, withParams } from '@onair/core/feature.js';
import { bool, id, int, oneOf, parser, strict, type ValidationIssue } from '@onair/core/validation.js';
import * as v from 'valibot';
import { responsesCsv, type StoredResponse } from './csv.js';
import { surveyIssue } from './issues.js';
import { type OtherText, questionsOf, responseError } from './logic.js';
import { answerMessage } from './messages.js';
import { addResponse, emptyResults, publicResults, type SurveyResults } from './results.js';
import { type Answer, SURVEY_LIMITS } from './schema.js';
import {
  closeSurvey,
  createSurvey,
  isOpen,
  openSurvey,
  type SurveyDone,
  type SurveyRecord,
} from './survey.js';
import { validateSurvey } from './validate.js';

export interface SurveyRecords {
  surveys: SurveyRecord;
  survey_results: SurveyResults;
}

/** A viewer's own records: the surveys they responded to. */
export interface SurveyMine {
  surveys: { [survey: string]: SurveyDone };
}

/** Most responses one export reads. */
export const EXPORT_MAX = 20_000;

const answerSchema = v.union(
  [
    v.pipe(v.string(), v.maxLength(SURVEY_LIMITS.longtext)),
    v.pipe(v.number(), v.finite()),
    v.boolean(),
    v.pipe(
      v.array(v.pipe(v.string(), v.maxLength(SURVEY_LIMITS.value))),
      v.maxLength(SURVEY_LIMITS.choices + 1),
    ),
  ],
  'answer',
);
const bounded = <S extends v.GenericSchema>(value: S) =>
  v.pipe(
    // A record schema takes an array too (its indexes as keys): answers are never a list.
    v.custom<object>((input) => !Array.isArray(input), 'object'),
    v.record(v.pipe(v.string(), v.maxLength(SURVEY_LIMITS.id)), value, 'object'),
    v.check(
      (record) => Object.keys(record).length <= SURVEY_LIMITS.questions,
      `list|0|${SURVEY_LIMITS.questions}`,
    ),
  );
const submitSchema = strict({
  survey: id(64),
  answers: bounded(answerSchema),
  other: v.optional(bounded(v.pipe(v.string('other'), v.maxLength(SURVEY_LIMITS.other, 'other')))),
});

const surveyRef = strict({ survey: id(64) });
const openSchema = strict({ survey: id(64), timeLimitMs: v.optional(int(10_000, 86_400_000)) });
const resultsSchema = strict({ survey: id(64), show: bool() });
const responsesSchema = strict({
  survey: id(64),
  limit: v.optional(int(1, EXPORT_MAX), 10_000),
  format: v.optional(oneOf(['json', 'csv'] as const), 'json'),
});

/** `survey.create` input: the document (with its issues in English) and whether to open it. */
const parseCreate = withField(
  parser(strict({ survey: v.unknown(), open: v.optional(bool(), false) })),
  'survey',
  (input) => {
    const valid = validateSurvey(input);
    return valid.ok ? valid : { ok: false, issues: valid.issues.map(english) };
  },
);
const english = (issue: ValidationIssue): ValidationIssue => ({ ...issue, key: surveyIssue(issue.key) });

const unknownSurvey = (survey: string, path?: string) =>
  refuse('unknown_survey', `this room has no survey "${survey}"`, path);

const change = (survey: SurveyRecord) => ({ coll: 'surveys' as const, id: survey.id, value: survey });

export const surveysFeature = defineFeature<SurveyRecords, SurveyMine>({
  name: 'surveys',
  collections: {
    surveys: {
      due: (survey) => (survey.status === 'open' ? survey.closesAt : null),
      // The deadline, not the moment the timer ran, is when the survey closed.
      expire: (state, surveyId, ctx) =>
        done({}, { changes: [change(closeSurvey(state.get('surveys', surveyId)!, ctx.now))] }),
    },
    survey_results: { view: publicResults },
  },
  private: ['surveys'],
  logs: ['responses', 'answers'],
  actions: {
    /** `{survey, answers, other?}` → `{survey, response}`; the viewer's `mine.surveys` says done. */
    'survey.submit': {
      parse: parser(submitSchema),
      invalid: (issue) => {
        const path = issue.path ? `payload.${issue.path}` : 'payload';
        return { code: 'invalid_action', message: `${path}: ${surveyIssue(issue.key)}`, path };
      },
      run(state, payload, ctx) {
        const surveyId = payload.survey;
        const survey = state.get('surveys', surveyId);
        if (!survey) return unknownSurvey(surveyId, 'payload.survey');
        if (!isOpen(survey, ctx.now))
          return refuse(
            'survey_closed',
            `survey ${surveyId} is ${survey.status === 'draft' ? 'not open yet' : 'closed'}`,
          );
        const identified = survey.identity === 'identified';
        if (identified && ctx.mine.surveys && Object.hasOwn(ctx.mine.surveys, surveyId))
          return refuse('already_responded', `this viewer already responded to survey ${surveyId}`);
        const answers = payload.answers as Record<string, Answer>;
        const other: OtherText = payload.other ?? {};
        const error = responseError(survey, answers, other);
        if (error)
          return refuse(
            'invalid_answer',
            `${error.path}: ${answerMessage(error.key)}`,
            `payload.${error.path}`,
          );
        // The idempotency key names the response: a retry of it is the same response.
        const response = ctx.key;
        const viewer = identified ? ctx.viewer.key : '';
        const append: LogEntry[] = [
          {
            log: 'responses',
            viewer,
            key: `${surveyId}/${response}`,
            row: { survey: surveyId, response, ...(identified && { viewer: ctx.viewer.id }) },
          },
        ];
        for (const q of questionsOf(survey))
          if (Object.hasOwn(answers, q.id))
            append.push({
              log: 'answers',
              viewer,
              key: `${surveyId}/${response}/${q.id}`,
              row: {
                survey: surveyId,
                response,
                question: q.id,
                type: q.type,
                value: answers[q.id],
                ...(Object.hasOwn(other, q.id) && { other: other[q.id] }),
              },
            });
        const results = addResponse(
          state.get('survey_results', surveyId) ?? emptyResults(survey, survey.showResults),
          survey,
          answers,
        );
        return done(
          { survey: surveyId, response },
          {
            changes: [{ coll: 'survey_results', id: surveyId, value: results }],
            mine: { surveys: { [surveyId]: { done: true } } },
            append,
          },
        );
      },
    },
  },
  ops: {
    'survey.create': {
      parse: parseCreate,
      run(state, { survey: document, open }, ctx) {
        if (state.get('surveys', document.id))
          return refuse('duplicate_survey', `this room already has a survey "${document.id}"`, 'survey.id');
        let survey = createSurvey(document);
        if (open) survey = openSurvey(survey, ctx.now);
        return done(
          { survey },
          {
            changes: [
              change(survey),
              { coll: 'survey_results', id: survey.id, value: emptyResults(survey, survey.showResults) },
            ],
          },
        );
      },
      http: {
        method: 'POST',
        path: '/surveys',
        status: 201,
        input: ({ query, body }) => ({ survey: body, open: query['open'] === 'true' }),
        bodyAt: 'survey',
      },
    },
    /** Opens a draft, or reopens a closed survey (its responses stay); `timeLimitMs` overrides its own. */
    'survey.open': {
      parse: parser(openSchema),
      run(state, { survey: surveyId, timeLimitMs }, ctx) {
        const survey = state.get('surveys', surveyId);
        if (!survey) return unknownSurvey(surveyId);
        if (isOpen(survey, ctx.now)) return refuse('already_open', `survey ${surveyId} is open`);
        const next = openSurvey(survey, ctx.now, timeLimitMs ?? survey.timeLimitMs);
        return done({ survey: next }, { changes: [change(next)] });
      },
      http: {
        method: 'POST',
        path: '/surveys/:survey/open',
        input: ({ params, body }) => withParams(body, params),
      },
    },
    /** Closing a closed survey answers with it unchanged, so an ops retry is harmless. */
    'survey.close': {
      parse: parser(surveyRef),
      run(state, { survey: surveyId }, ctx) {
        const survey = state.get('surveys', surveyId);
        if (!survey) return unknownSurvey(surveyId);
        if (survey.status === 'closed') return done({ survey });
        const next = closeSurvey(survey, ctx.now);
        return done({ survey: next }, { changes: [change(next)] });
      },
      http: { method: 'POST', path: '/surveys/:survey/close', input: ({ params }) => params },
    },
    /** Shows viewers the live per-question results (after they submitted), or hides them. */
    'survey.results': {
      parse: parser(resultsSchema),
      run(state, { survey: surveyId, show }) {
        const survey = state.get('surveys', surveyId);
        if (!survey) return unknownSurvey(surveyId);
        const results = state.get('survey_results', surveyId) ?? emptyResults(survey, show);
        const next = { ...survey, showResults: show };
        return done(
          { survey: next },
          {
            changes: [
              change(next),
              { coll: 'survey_results', id: surveyId, value: { ...results, shown: show } },
            ],
          },
        );
      },
      http: {
        method: 'POST',
        path: '/surveys/:survey/results',
        input: ({ params, body }) => withParams(body, params),
      },
    },
    /** Deletes the survey, its summaries and every viewer's "responded"; stored responses stay. */
    'survey.delete': {
      parse: parser(surveyRef),
      run(state, { survey: surveyId }) {
        if (!state.get('surveys', surveyId)) return unknownSurvey(surveyId);
        return done(
          { deleted: surveyId },
          {
            changes: [
              { coll: 'surveys', id: surveyId, value: null },
              { coll: 'survey_results', id: surveyId, value: null },
            ],
            forget: [{ coll: 'surveys', id: surveyId }],
          },
        );
      },
      http: { method: 'DELETE', path: '/surveys/:survey', input: ({ params }) => params },
    },
  },
  queries: {
    /** The survey and its summaries, shown to viewers or not. */
    'survey.summary': {
      parse: parser(surveyRef),
      run(state, { survey: surveyId }) {
        const survey = state.get('surveys', surveyId);
        if (!survey) return unknownSurvey(surveyId);
        return { ok: true, result: { survey, results: state.get('survey_results', surveyId) ?? null } };
      },
      http: { method: 'GET', path: '/surveys/:survey/results', input: ({ params }) => params },
    },
    /** The newest `limit` responses, oldest first, as JSON or CSV (`format=csv`). */
    'survey.responses': {
      parse: parser(responsesSchema),
      run(state, { survey: surveyId, limit, format }, ctx) {
        const survey = state.get('surveys', surveyId);
        if (!survey) return unknownSurvey(surveyId);
        const prefix = `${surveyId}/`;
        const responses = new Map<string, StoredResponse>();
        for (const { row, at } of ctx.log('responses', { limit, prefix })) {
          const { response, viewer } = row as { response: string; viewer?: string };
          responses.set(response, { response, at, ...(viewer && { viewer }), answers: {}, other: {} });
        }
        const answers = ctx.log('answers', { limit: limit * questionsOf(survey).length, prefix });
        for (const { row } of answers) {
          const a = row as { response: string; question: string; value: Answer; other?: string };
          const into = responses.get(a.response);
          if (!into) continue; // a response older than the newest `limit`
          into.answers[a.question] = a.value;
          if (a.other !== undefined) into.other[a.question] = a.other;
        }
        const list = [...responses.values()];
        return {
          ok: true,
          result:
            format === 'csv'
              ? { survey: surveyId, csv: responsesCsv(survey, list) }
              : { survey: surveyId, responses: list },
        };
      },
      http: {
        method: 'GET',
        path: '/surveys/:survey/responses',
        input: ({ params, query }) => ({
          ...params,
          ...(query['limit'] !== undefined && { limit: Number(query['limit']) }),
          ...(query['format'] !== undefined && { format: query['format'] }),
        }),
        send: (result) =>
          'csv' in result
            ? {
                type: 'text/csv; charset=utf-8',
                body: String(result.csv),
                filename: `${String((result as { survey?: string }).survey)}-responses.csv`,
              }
            : undefined,
      },
    },
  },
});
