import { parse, type ValidationIssue } from '@onair/core/validation.js';
import { type PollConfig, pollConfigSchema } from './schema.js';

/** Validates a config, including the rules that span fields; issues name the field at fault. */
export function validatePollConfig(
  input: unknown,
): { ok: true; value: PollConfig } | { ok: false; issues: ValidationIssue[] } {
  const parsed = parse(pollConfigSchema, input);
  if (!parsed.ok) return parsed;
  const config = parsed.value;
  const issues: ValidationIssue[] = [];
  if (config.kind !== 'rating') {
    const options = config.options;
    if (!options) issues.push({ path: 'options', key: 'required' });
    else {
      const ids = new Set<string>();
      options.forEach((option, i) => {
        if (ids.has(option.id)) issues.push({ path: `options[${i}].id`, key: 'unique' });
        ids.add(option.id);
      });
      const max = config.maxSelections;
      if (max !== undefined && (config.kind !== 'multiple' || max > options.length))
        issues.push({
          path: 'maxSelections',
          key: `int|1|${config.kind === 'multiple' ? options.length : 1}`,
        });
      config.correct?.forEach((answer, i) => {
        if (!ids.has(answer)) issues.push({ path: `correct[${i}]`, key: `oneOf|${[...ids].join(', ')}` });
      });
    }
  } else if (config.options) issues.push({ path: 'options', key: 'unknown' });
  if (config.kind !== 'multiple' && config.correct && config.correct.length > 1)
    issues.push({ path: 'correct', key: 'list|1|1' });
  return issues.length ? { ok: false, issues } : { ok: true, value: config };
}
