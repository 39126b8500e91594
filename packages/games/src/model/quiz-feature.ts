/**
 * The quiz as a live feature, run alike by the in-page room and the reference server: the
 * `quizzes` collection (with its never-sent questions, players and standings), the `quiz.answer`
 * and `quiz.standing` actions, the ops commands that drive a quiz live, the lock timer and the
 * results query.
 */
import {
  defineFeature,
  done,
  type RecordChange,
  type RoomView,
  refuse,
  withField,
  withParams,
} from '@onair/core/feature.js';
import { int, parser, strict } from '@onair/core/validation.js';
import * as v from 'valibot';
import {
  type MyQuiz,
  type MyQuizView,
  type PlayerRecord,
  playerId,
  publicQuiz,
  type QuestionsRecord,
  type QuizRecord,
  type StandingsRecord,
  standingOf,
} from './quiz.js';
import {
  applyAnswer,
  closeQuestion,
  createQuiz,
  lockDue,
  lockQuestion,
  showRanking,
  startQuestion,
} from './quiz-rules.js';
import {
  answerPayloadSchema,
  QUIZ_LIMITS,
  quizConfigSchema,
  quizRefSchema,
  startSchema,
  validateQuizConfig,
} from './quiz-schema.js';

export interface QuizRecords {
  quizzes: QuizRecord;
  quizQuestions: QuestionsRecord;
  quizPlayers: PlayerRecord;
  quizStandings: StandingsRecord;
}

/** A viewer's own records: their answers, by quiz id. */
export interface QuizMine {
  quizzes: { [quiz: string]: MyQuiz };
}

type State = RoomView<QuizRecords>;
type Change = RecordChange<QuizRecords>;

const createSchema = strict({ quiz: v.unknown() });
// The config's schema rides along (`.schema`) so campaign editors can describe `quiz.create`.
const parseCreate = withField(
  parser(createSchema),
  'quiz',
  Object.assign(validateQuizConfig, { schema: quizConfigSchema }),
);
const resultsSchema = strict({ quiz: quizRefSchema.entries.quiz, limit: v.optional(int(1, 200), 50) });

const unknownQuiz = (id: string, path?: string) =>
  refuse('unknown_quiz', `this room has no quiz "${id}"`, path);

/**
 * The quiz as it stands at `now`: an open question whose lock is due (its timer has not run yet)
 * is locked first, so a command never acts on a question that already took its last answer.
 */
function current(state: State, id: string, now: number): { quiz: QuizRecord; changes: Change[] } | null {
  const quiz = state.get('quizzes', id);
  if (!quiz) return null;
  const due = lockDue(quiz);
  return due !== null && due <= now ? lock(state, quiz, now) : { quiz, changes: [] };
}

function lock(state: State, quiz: QuizRecord, now: number): { quiz: QuizRecord; changes: Change[] } {
  const locked = lockQuestion(quiz, state.get('quizQuestions', quiz.id)!, state.all('quizPlayers'), now);
  return {
    quiz: locked.quiz,
    changes: [
      { coll: 'quizzes', id: quiz.id, value: locked.quiz },
      { coll: 'quizStandings', id: quiz.id, value: locked.standings },
    ],
  };
}

/** Replaces the quiz record among `changes` (or adds it). */
function withQuiz(changes: Change[], quiz: QuizRecord): Change[] {
  return [...changes.filter((c) => c.coll !== 'quizzes'), { coll: 'quizzes', id: quiz.id, value: quiz }];
}

/**
 * Reveal, leaderboard and end: the latest ranking becomes the one viewers see. An open question
 * must close first (`quiz.close`), except for `end`, which locks it now.
 */
function show(state: State, id: string, now: number, status: 'reveal' | 'leaderboard' | 'ended') {
  const found = current(state, id, now);
  if (!found) return unknownQuiz(id);
  let { quiz, changes } = found;
  if (quiz.status === 'ended')
    return status === 'ended' ? done({ quiz }) : refuse('quiz_ended', `quiz ${id} has ended`);
  if (quiz.status === 'question') {
    if (status !== 'ended')
      return refuse(
        'question_open',
        `question ${quiz.index} of quiz ${id} takes answers until ${quiz.closesAt}; close it first`,
      );
    ({ quiz, changes } = lock(state, quiz, now));
  }
  if (quiz.status === 'draft' && status !== 'ended')
    return refuse('no_question', `quiz ${id} has not asked a question yet`);
  if (quiz.status === status) return done({ quiz }, { changes });
  const next = showRanking(quiz, status);
  return done({ quiz: next }, { changes: withQuiz(changes, next) });
}

export const quizFeature = defineFeature<QuizRecords, QuizMine>({
  name: 'quizzes',
  collections: {
    quizzes: {
      view: publicQuiz,
      due: lockDue,
      // The lock time, not the moment the timer ran, is when the question locked.
      expire: (state, id, ctx) =>
        done({}, { changes: lock(state, state.get('quizzes', id)!, ctx.now).changes }),
    },
    quizQuestions: { view: false },
    quizPlayers: { view: false },
    quizStandings: { view: false },
  },
  private: ['quizzes'],
  viewMine(state, mine) {
    const out: { [quiz: string]: MyQuizView } = {};
    for (const [id, own] of Object.entries(mine.quizzes ?? {})) {
      const quiz = state.get('quizzes', id);
      const standing = quiz
        ? standingOf(quiz, state.get('quizStandings', id), state.get('quizPlayers', own.player), own.player)
        : null;
      out[id] = { answers: own.answers, standing };
    }
    return { quizzes: out };
  },
  actions: {
    /** `{quiz, question, choice, name?}` → `{quiz, question, choice, ms}`; the answer in `mine.quizzes`. */
    'quiz.answer': {
      parse: parser(answerPayloadSchema),
      run(state, payload, ctx) {
        const quiz = state.get('quizzes', payload.quiz);
        if (!quiz) return unknownQuiz(payload.quiz, 'payload.quiz');
        const id = playerId(quiz.id, ctx.viewer.key);
        const prior = state.get('quizPlayers', id);
        const outcome = applyAnswer(quiz, state.get('quizQuestions', quiz.id)!, prior, {
          ...payload,
          now: ctx.now,
          latencyMs: ctx.latencyMs,
          viewer: ctx.viewer.id,
        });
        if (!outcome.ok) return outcome;
        if (!prior && quiz.players >= QUIZ_LIMITS.playersPerQuiz)
          return refuse(
            'quiz_full',
            `quiz ${quiz.id} has ${QUIZ_LIMITS.playersPerQuiz} players, all it takes`,
          );
        const { choice, ms } = outcome.answer;
        const own: MyQuiz = {
          player: id,
          answers: { ...ctx.mine.quizzes?.[quiz.id]?.answers, [payload.question]: { choice, ms } },
        };
        const result = { quiz: quiz.id, question: payload.question, choice, ms };
        // The same answer again (another tab, a retry under a new key): the same result and records.
        if (outcome.repeated) return done(result, { mine: { quizzes: { [quiz.id]: own } } });
        return done(result, {
          changes: [
            { coll: 'quizzes', id: quiz.id, value: outcome.quiz },
            { coll: 'quizPlayers', id, value: outcome.player },
          ],
          mine: { quizzes: { [quiz.id]: own } },
        });
      },
    },
    /** `{quiz}` → `{standing}`: the viewer's rank, score and streak as of the ranking shown. Reads only. */
    'quiz.standing': {
      parse: parser(quizRefSchema),
      run(state, { quiz: id }, ctx) {
        const quiz = state.get('quizzes', id);
        if (!quiz) return unknownQuiz(id, 'payload.quiz');
        const player = playerId(id, ctx.viewer.key);
        return done({
          standing: standingOf(
            quiz,
            state.get('quizStandings', id),
            state.get('quizPlayers', player),
            player,
          ),
        });
      },
    },
  },
  ops: {
    'quiz.create': {
      parse: parseCreate,
      run(state, { quiz: config }) {
        if (state.get('quizzes', config.id))
          return refuse('duplicate_quiz', `this room already has a quiz "${config.id}"`, 'quiz.id');
        if (state.all('quizzes').size >= QUIZ_LIMITS.quizzesPerRoom)
          return refuse('too_many_quizzes', `a room holds ${QUIZ_LIMITS.quizzesPerRoom} quizzes at most`);
        const { quiz, questions } = createQuiz(config);
        return done(
          { quiz },
          {
            changes: [
              { coll: 'quizzes', id: quiz.id, value: quiz },
              { coll: 'quizQuestions', id: quiz.id, value: questions },
            ],
          },
        );
      },
      http: {
        method: 'POST',
        path: '/quizzes',
        status: 201,
        input: ({ body }) => ({ quiz: body }),
        bodyAt: 'quiz',
      },
    },
    /** Opens question `question` (default: the one after the current) for its time limit. */
    'quiz.start': {
      parse: parser(startSchema),
      run(state, { quiz: id, question }, ctx) {
        const found = current(state, id, ctx.now);
        if (!found) return unknownQuiz(id);
        const { quiz, changes } = found;
        if (quiz.status === 'ended') return refuse('quiz_ended', `quiz ${id} has ended`);
        if (quiz.status === 'question')
          return refuse(
            'question_open',
            `question ${quiz.index} of quiz ${id} is still open; close it first`,
          );
        const n = question ?? quiz.index + 1;
        if (n >= quiz.count)
          return refuse('unknown_question', `quiz ${id} has questions 0–${quiz.count - 1}`, 'question');
        if (quiz.asked.includes(n))
          return refuse('question_asked', `question ${n} of quiz ${id} was asked already`);
        const next = startQuestion(quiz, state.get('quizQuestions', id)!, n, ctx.now);
        return done({ quiz: next }, { changes: withQuiz(changes, next) });
      },
      http: {
        method: 'POST',
        path: '/quizzes/:quiz/start',
        input: ({ params, body }) => withParams(body, params),
      },
    },
    /** Closes the open question early; a closed (or locked) one answers unchanged, so a retry is harmless. */
    'quiz.close': {
      parse: parser(quizRefSchema),
      run(state, { quiz: id }, ctx) {
        const found = current(state, id, ctx.now);
        if (!found) return unknownQuiz(id);
        const { quiz, changes } = found;
        if (quiz.status === 'draft' || quiz.status === 'ended')
          return refuse('no_question', `quiz ${id} has no question to close`);
        if (quiz.status !== 'question' || quiz.closesAt! <= ctx.now) return done({ quiz }, { changes });
        const next = closeQuestion(quiz, ctx.now);
        return done({ quiz: next }, { changes: withQuiz(changes, next) });
      },
      http: { method: 'POST', path: '/quizzes/:quiz/close', input: ({ params }) => params },
    },
    'quiz.reveal': {
      parse: parser(quizRefSchema),
      run: (state, { quiz }, ctx) => show(state, quiz, ctx.now, 'reveal'),
      http: { method: 'POST', path: '/quizzes/:quiz/reveal', input: ({ params }) => params },
    },
    'quiz.leaderboard': {
      parse: parser(quizRefSchema),
      run: (state, { quiz }, ctx) => show(state, quiz, ctx.now, 'leaderboard'),
      http: { method: 'POST', path: '/quizzes/:quiz/leaderboard', input: ({ params }) => params },
    },
    /** Ends the quiz (an open question locks now) and shows the final ranking. */
    'quiz.end': {
      parse: parser(quizRefSchema),
      run: (state, { quiz }, ctx) => show(state, quiz, ctx.now, 'ended'),
      http: { method: 'POST', path: '/quizzes/:quiz/end', input: ({ params }) => params },
    },
    /** Deletes the quiz with its players and every viewer's answers; viewers get `value: null`. */
    'quiz.delete': {
      parse: parser(quizRefSchema),
      run(state, { quiz: id }) {
        if (!state.get('quizzes', id)) return unknownQuiz(id);
        const changes: Change[] = [
          { coll: 'quizzes', id, value: null },
          { coll: 'quizQuestions', id, value: null },
          { coll: 'quizStandings', id, value: null },
        ];
        for (const [player, record] of state.all('quizPlayers'))
          if (record.quiz === id) changes.push({ coll: 'quizPlayers', id: player, value: null });
        return done({ deleted: id }, { changes, forget: [{ coll: 'quizzes', id }] });
      },
      http: { method: 'DELETE', path: '/quizzes/:quiz', input: ({ params }) => params },
    },
  },
  queries: {
    /** The latest ranking for ops (revealed or not), best first, with every answer as scored. */
    'quiz.results': {
      parse: parser(resultsSchema),
      run(state, { quiz: id, limit }) {
        const quiz = state.get('quizzes', id);
        if (!quiz) return unknownQuiz(id);
        const standings = state.get('quizStandings', id);
        const rows = Object.entries(standings?.entries ?? {})
          .sort((a, b) => a[1][0] - b[1][0])
          .slice(0, limit)
          .map(([player, [rank, score, streak]]) => {
            const record = state.get('quizPlayers', player)!;
            const answers = Object.entries(record.answers).map(([question, answer]) => ({
              question: Number(question),
              ...answer,
            }));
            return { rank, id: record.viewer, name: record.name, score, streak, answers };
          });
        return {
          ok: true,
          result: {
            quiz: id,
            after: standings?.after ?? -1,
            players: standings?.players ?? 0,
            results: rows,
          },
        };
      },
      http: {
        method: 'GET',
        path: '/quizzes/:quiz/results',
        input: ({ params, query }) => ({
          ...params,
          ...(query['limit'] === undefined ? {} : { limit: Number(query['limit']) }),
        }),
      },
    },
  },
});
