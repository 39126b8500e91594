export * from '@onair/surveys/onair-survey.js';
