/**
 * Survey completion and drop-off from `survey.start`, `survey.answer` and `survey.submit`:
 * - `starters`, `submitters`: distinct viewers; `completion` = submitters ÷ starters;
 * - per question, `answered` (distinct viewers who answered it) and `dropOff`: starters whose last
 *   answered question (their latest `survey.answer` in the range) was that one and who did not
 *   submit.
 * The answers themselves live in the survey's own storage, never in telemetry. At most
 * `MAX_SURVEYS` surveys (most starters first) and `MAX_QUESTIONS` questions each (most answered).
 */
import { type Section, textProp, top, ViewerSet } from './event.js';
import { ratio } from './math.js';

export const MAX_SURVEYS = 50;
export const MAX_QUESTIONS = 100;

interface SurveyTally {
  starters: ViewerSet;
  submitters: ViewerSet;
  answered: Map<string, ViewerSet>;
  /** Each viewer's latest answered question (events arrive oldest first per type). */
  lastQuestion: Map<string, string>;
}

export interface SurveyResult {
  survey: string;
  starters: number;
  submitters: number;
  completion: number | null;
  questions: { question: string; answered: number; dropOff: number }[];
  questionsLeftOut: number;
  estimated: boolean;
}

export function surveys(): Section<{ surveys: SurveyResult[]; surveysLeftOut: number }> {
  const bySurvey = new Map<string, SurveyTally>();
  const tallyOf = (survey: string) => {
    let tally = bySurvey.get(survey);
    if (!tally) {
      tally = {
        starters: new ViewerSet(),
        submitters: new ViewerSet(),
        answered: new Map(),
        lastQuestion: new Map(),
      };
      bySurvey.set(survey, tally);
    }
    return tally;
  };
  return {
    types: ['survey.start', 'survey.answer', 'survey.submit'],
    add(e) {
      const survey = textProp(e.props, 'survey');
      if (survey === null) return;
      const tally = tallyOf(survey);
      if (e.type === 'survey.start') tally.starters.add(e.viewer, e.rate);
      else if (e.type === 'survey.submit') tally.submitters.add(e.viewer, e.rate);
      else {
        const question = textProp(e.props, 'question');
        if (question === null) return;
        let answered = tally.answered.get(question);
        if (!answered) {
          answered = new ViewerSet();
          tally.answered.set(question, answered);
        }
        answered.add(e.viewer, e.rate);
        tally.lastQuestion.set(e.viewer, question);
      }
    },
    result() {
      const { kept, leftOut } = top(bySurvey, (t) => t.starters.count, MAX_SURVEYS);
      return {
        surveys: kept.map(([survey, t]) => {
          const left = new Map<string, ViewerSet>();
          for (const [viewer, question] of t.lastQuestion) {
            const rate = t.starters.rateOf(viewer);
            if (rate === undefined || t.submitters.has(viewer)) continue;
            let set = left.get(question);
            if (!set) {
              set = new ViewerSet();
              left.set(question, set);
            }
            set.add(viewer, rate);
          }
          const questions = top(t.answered, (a) => a.count, MAX_QUESTIONS);
          return {
            survey,
            starters: t.starters.count,
            submitters: t.submitters.count,
            completion: ratio(t.submitters.count, t.starters.count),
            questions: questions.kept.map(([question, answered]) => ({
              question,
              answered: answered.count,
              dropOff: left.get(question)?.count ?? 0,
            })),
            questionsLeftOut: questions.leftOut,
            estimated: t.starters.estimated || t.submitters.estimated,
          };
        }),
        surveysLeftOut: leftOut,
      };
    },
  };
}
