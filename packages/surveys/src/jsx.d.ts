// React 19 and Vue typings for <onair-survey>, brought in by `onair-survey.js`'s declarations.
// Copied to dist/types by the build (tsc does not emit hand-written .d.ts files).
import type { ReactElementProps, VueElement } from '@onair/core/element.js';
import type { OnairSurvey } from './survey/survey.js';

type Props = 'surveyId' | 'config' | 'theme' | 'room';
type Events = 'onair-survey-submit-request' | 'onair-survey-submit' | 'onair-error';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'onair-survey': ReactElementProps<OnairSurvey, Props, Events>;
    }
  }
}

declare module 'vue' {
  interface GlobalComponents {
    'onair-survey': VueElement<OnairSurvey, Props, Events>;
  }
}
