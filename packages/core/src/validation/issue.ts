export interface ValidationIssue {
  /** Dotted path to the field, `options[2].label`; empty for the value itself. */
  path: string;
  /** Message key or valibot's own text; pass through `describe()` to localize. */
  key: string;
}
