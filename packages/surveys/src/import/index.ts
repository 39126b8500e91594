// Public surface of `@onair/surveys/surveyjs.js`: the SurveyJS importer, kept out of the element's
// bundle (ops tooling and servers import it).

export { rewrite, stringify } from './rewrite.js';
export {
  fromSurveyJS,
  IMPORT_WARNINGS,
  type Imported,
  type ImportWarning,
  type ImportWarningCode,
  stripHtml,
} from './surveyjs.js';
