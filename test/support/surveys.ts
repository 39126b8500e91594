/**
 * The question the survey tests start from: required, single choice, with "other" — the answer
 * most branches in their surveys hang on.
 */
export const DRINK = {
  id: 'drink',
  type: 'single',
  title: 'Tea or coffee?',
  choices: ['tea', 'coffee'],
  other: true,
  required: true,
} as const;
