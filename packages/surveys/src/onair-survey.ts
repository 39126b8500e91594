import { OnairSurvey } from './survey/survey.js';

// Declarations only: the event map (`onair-survey-submit` …) and the React/Vue typings reach every
// project that imports this element.
export type { SurveySubmitDetail, SurveySubmitRequestDetail } from './events.js';
export type {} from './jsx.js';

export { OnairSurvey };

OnairSurvey.define('onair-survey');

declare global {
  interface HTMLElementTagNameMap {
    'onair-survey': OnairSurvey;
  }
}
