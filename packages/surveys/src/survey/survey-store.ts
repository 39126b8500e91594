/**
 * The survey's view state and its actions: which survey shows, the page, the viewer's answers
 * (kept by `draft.ts`), what each question needs, progress, results and the one submission. The
 * element renders what this store says; the rules come from the model both hosts run.
 */
import { type Channel, mineRecord, stampedKey } from '@onair/core/element.js';
import { atom, computed, onMount, type ReadableAtom } from 'nanostores';
import type { SubmitAnswer } from '../events.js';
import { answerError, type OtherText, type QuestionState, settle, surveyState } from '../model/logic.js';
import type { SurveyResults } from '../model/results.js';
import type { Answer, Answers, Question } from '../model/schema.js';
import { isOpen, type SurveyDone, type SurveyRecord } from '../model/survey.js';
import { type Draft, emptyDraft, loadDraft, saveDraft } from './draft.js';

export interface QuestionView extends QuestionState {
  q: Question;
  value: Answer | undefined;
  other: string;
  /** Why the answer is not acceptable (a message key), once the viewer tried to go on. */
  error: string | null;
}

export interface SurveyView {
  survey: SurveyRecord | null;
  status: 'waiting' | 'open' | 'done' | 'closed';
  /** Index into `survey.pages` of the page shown. */
  page: number;
  /** Position of the page among the pages that show (1-based), and how many show. */
  step: number;
  steps: number;
  questions: QuestionView[];
  /** Answered questions (for "continue"). */
  answered: number;
  results: SurveyResults | null;
  remainingMs: number | null;
  pending: boolean;
}

export interface SurveyStore {
  $view: ReadableAtom<SurveyView>;
  /** Sets an answer (undefined clears it); true when it is the viewer's first. */
  answer(id: string, value: Answer | undefined): boolean;
  setOther(id: string, text: string): void;
  /** Goes on if the page is complete; else shows its errors and returns the first question at fault. */
  next(): string | null;
  back(): void;
  /** What the viewer would send now, settled and checked; null with errors shown when not ready. */
  response(): { survey: string; answers: Answers; other: OtherText; key: string } | null;
  /** Sends the response (or waits for the host that took it over); resolves with its id. */
  submit(routed?: Promise<SubmitAnswer | undefined>): Promise<{ response: string }>;
  /** When the viewer began, epoch ms. */
  started(): number | undefined;
}

const shows = (view: { pages: boolean[] }, page: number) => !!view.pages[page];

/** Server time, ticking each second while a time limit is counting down. */
function clock(channel: Channel, running: () => boolean): ReadableAtom<number> {
  const $now = atom(channel.serverNow());
  onMount($now, () => {
    const timer = setInterval(() => running() && $now.set(channel.serverNow()), 1000);
    return () => clearInterval(timer);
  });
  return $now;
}

/** The survey to show: the one asked for, else the latest opened (open before closed). */
function pick(surveys: Readonly<Record<string, SurveyRecord>>, id: string | null): SurveyRecord | null {
  if (id) return Object.hasOwn(surveys, id) ? surveys[id]! : null;
  let best: SurveyRecord | null = null;
  const rank = (s: SurveyRecord) => (s.status === 'open' ? 2e13 : 0) + (s.openedAt ?? 0);
  for (const survey of Object.values(surveys))
    if (survey.status !== 'draft' && (!best || rank(survey) > rank(best))) best = survey;
  return best;
}

/**
 * `scope` names where drafts are kept: a static survey's (its page's own), else the room's viewer's.
 */
export function createSurveyStore(
  channel: Channel,
  surveyId: string | null,
  scope: string | null,
): SurveyStore {
  const $surveys = channel.collection<SurveyRecord>('surveys');
  const $results = channel.collection<SurveyResults>('survey_results');
  const $drafts = atom<Record<string, Draft>>({});
  const $pending = atom(false);
  const $now = clock(channel, () => {
    const survey = pick($surveys.get(), surveyId);
    return !!survey?.closesAt && survey.status === 'open';
  });

  const keyOf = (survey: SurveyRecord) =>
    `${scope ?? `${channel.room}/${channel.$viewer.get()?.id ?? ''}`}/${survey.id}`;
  const draftOf = (survey: SurveyRecord): Draft =>
    $drafts.get()[keyOf(survey)] ?? loadDraft(keyOf(survey)) ?? emptyDraft();
  const write = (survey: SurveyRecord, draft: Draft) => {
    saveDraft(keyOf(survey), draft);
    $drafts.set({ ...$drafts.get(), [keyOf(survey)]: draft });
  };

  const $view = computed(
    [$surveys, $results, channel.$viewer, $drafts, $pending, $now],
    (surveys, results, viewer, _drafts, pending, now): SurveyView => {
      const survey = pick(surveys, surveyId);
      const base = {
        survey,
        page: 0,
        step: 0,
        steps: 0,
        questions: [],
        answered: 0,
        remainingMs: null,
        pending,
      };
      if (!survey) return { ...base, status: 'waiting', results: null };
      const draft = draftOf(survey);
      const open = isOpen(survey, now);
      const done = !!draft.done || !!mineRecord<SurveyDone>(viewer?.mine, 'surveys', survey.id);
      const shown =
        Object.hasOwn(results, survey.id) && results[survey.id]!.shown ? results[survey.id]! : null;
      const status = done ? 'done' : open ? 'open' : 'closed';
      const state = surveyState(survey, draft.answers);
      const visible = survey.pages.map((_, i) => i).filter((i) => shows(state, i));
      // A page that no longer shows (an answer on an earlier one changed) gives way to the next that does.
      const page = visible.find((i) => i >= draft.page) ?? visible.at(-1) ?? 0;
      const questions = survey.pages[page]!.questions.map((q): QuestionView => {
        const own = state.questions[q.id]!;
        const value = Object.hasOwn(draft.answers, q.id) ? draft.answers[q.id] : undefined;
        const other = Object.hasOwn(draft.other, q.id) ? draft.other[q.id]! : '';
        const error = draft.tried.includes(page) && own.shown ? answerError(q, value, other, own) : null;
        return { ...own, q, value, other, error };
      });
      return {
        ...base,
        status,
        page,
        step: visible.indexOf(page) + 1,
        steps: visible.length,
        questions,
        answered: Object.keys(draft.answers).length,
        results: shown && (done || !open) ? shown : null,
        remainingMs: open && survey.closesAt !== null ? Math.max(0, survey.closesAt - now) : null,
      };
    },
  );

  const current = () => $view.get().survey;
  /** The first question at fault on `page`, or null. */
  const fault = (page: number): string | null => {
    const survey = current()!;
    const draft = draftOf(survey);
    const { questions } = surveyState(survey, draft.answers);
    for (const q of survey.pages[page]!.questions) {
      const own = questions[q.id]!;
      const value = Object.hasOwn(draft.answers, q.id) ? draft.answers[q.id] : undefined;
      if (own.shown && answerError(q, value, draft.other[q.id], own)) return q.id;
    }
    return null;
  };
  const tried = (page: number) => {
    const survey = current()!;
    const draft = draftOf(survey);
    if (!draft.tried.includes(page)) write(survey, { ...draft, tried: [...draft.tried, page] });
  };

  const store: SurveyStore = {
    $view,
    answer(id, value) {
      const survey = current();
      if (!survey) return false;
      const draft = draftOf(survey);
      const answers = { ...draft.answers };
      if (value === undefined || value === '' || (Array.isArray(value) && !value.length)) delete answers[id];
      else answers[id] = value;
      const first = draft.started === undefined;
      write(survey, { ...draft, answers, started: draft.started ?? Date.now() });
      return first;
    },
    setOther(id, text) {
      const survey = current();
      if (!survey) return;
      const draft = draftOf(survey);
      write(survey, { ...draft, other: { ...draft.other, [id]: text } });
    },
    next() {
      const { survey, page } = $view.get();
      if (!survey) return null;
      const wrong = fault(page);
      if (wrong) {
        tried(page);
        return wrong;
      }
      const state = surveyState(survey, draftOf(survey).answers);
      const after = survey.pages.findIndex((_, i) => i > page && shows(state, i));
      if (after >= 0) write(survey, { ...draftOf(survey), page: after });
      return null;
    },
    back() {
      const { survey, page } = $view.get();
      if (!survey) return;
      const state = surveyState(survey, draftOf(survey).answers);
      const before = survey.pages.findLastIndex((_, i) => i < page && shows(state, i));
      if (before >= 0) write(survey, { ...draftOf(survey), page: before });
    },
    response() {
      const view = $view.get();
      const survey = view.survey;
      if (!survey || view.status !== 'open') return null;
      const draft = draftOf(survey);
      const settled = settle(survey, draft.answers, draft.other);
      const { pages } = surveyState(survey, settled.answers);
      for (let page = 0; page < survey.pages.length; page++)
        if (pages[page] && fault(page)) {
          tried(page);
          write(survey, { ...draftOf(survey), page });
          return null;
        }
      // The key is made once and kept with the draft: a retry after a lost answer is the same response.
      const key = draft.key ?? stampedKey(channel.serverNow());
      if (!draft.key) write(survey, { ...draft, key });
      return { survey: survey.id, ...settled, key };
    },
    async submit(routed) {
      const request = store.response();
      if (!request) throw Object.assign(new Error('the survey is not complete'), { code: 'incomplete' });
      const survey = current()!;
      $pending.set(true);
      try {
        let response = request.key;
        if (routed) response = (await routed)?.response ?? response;
        else
          await channel
            .act(
              'survey.submit',
              { survey: request.survey, answers: request.answers, other: request.other },
              request.key,
            )
            .catch((error: { code?: string }) => {
              // Responded before (another device, or an answer that was lost): it is in.
              if (error.code === 'already_responded') return;
              // Older than the server remembers: the next try goes with a new key.
              if (error.code === 'key_expired') write(survey, { ...draftOf(survey), key: undefined });
              throw error;
            });
        write(survey, { ...emptyDraft(), done: true });
        return { response };
      } finally {
        $pending.set(false);
      }
    },
    started() {
      const survey = current();
      return survey ? draftOf(survey).started : undefined;
    },
  };
  return store;
}
