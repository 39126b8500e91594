export * from './events.js';
export * from './model/index.js';
export { OnairSurvey } from './survey/survey.js';
export {
  createSurveyStore,
  type QuestionView,
  type SurveyStore,
  type SurveyView,
} from './survey/survey-store.js';
