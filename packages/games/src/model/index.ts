export * from './quiz.js';
export * from './quiz-feature.js';
export * from './quiz-rules.js';
export * from './quiz-schema.js';
export * from './scoring.js';
