/**
 * Expressions carried over from SurveyJS, rewritten where a question was renamed or not carried:
 * a renamed question is named anew; one that was dropped reads as `null` (what SurveyJS reads for
 * an unanswered question), so the condition still decides as SurveyJS would while it is unanswered.
 */
import { type Expr, parseExpression } from '../model/expression.js';

/** How tightly each binary operator binds (as the parser reads them). */
const PRECEDENCE: Record<string, number> = {
  or: 1,
  and: 2,
  equal: 3,
  notequal: 3,
  less: 3,
  greater: 3,
  lessorequal: 3,
  greaterorequal: 3,
  plus: 4,
  minus: 4,
  mul: 5,
  div: 5,
  mod: 5,
  power: 6,
  contains: 7,
  notcontains: 7,
  anyof: 7,
  allof: 7,
};
const SIGNS: Record<string, string> = {
  equal: '=',
  notequal: '!=',
  less: '<',
  greater: '>',
  lessorequal: '<=',
  greaterorequal: '>=',
  plus: '+',
  minus: '-',
  mul: '*',
  div: '/',
  mod: '%',
  power: '^',
};

function constant(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return value === null || value === undefined ? 'null' : String(value);
}

/** An expression as text this package's parser reads back into the same tree. */
export function stringify(expr: Expr): string {
  switch (expr[0]) {
    case 'c':
      return constant(expr[1]);
    case 'v':
      return `{${expr[1]}}`;
    case 'a':
      return `[${expr[1].map(stringify).join(', ')}]`;
    case 'u': {
      const operand =
        expr[2][0] === 'b' || expr[2][0] === 'u' ? `(${stringify(expr[2])})` : stringify(expr[2]);
      return expr[1] === 'negate' ? `!${operand}` : `${operand} ${expr[1]}`;
    }
    default: {
      const own = PRECEDENCE[expr[1]]!;
      const side = (child: Expr, right: boolean) => {
        const text = stringify(child);
        if (child[0] !== 'b') return text;
        const theirs = PRECEDENCE[child[1]]!;
        return theirs < own || (right && theirs === own) ? `(${text})` : text;
      };
      return `${side(expr[2], false)} ${SIGNS[expr[1]] ?? expr[1]} ${side(expr[3], true)}`;
    }
  }
}

function map(expr: Expr, name: (name: string) => Expr): Expr {
  switch (expr[0]) {
    case 'v':
      return name(expr[1]);
    case 'a':
      return ['a', expr[1].map((item) => map(item, name))];
    case 'u':
      return ['u', expr[1], map(expr[2], name)];
    case 'b':
      return ['b', expr[1], map(expr[2], name), map(expr[3], name)];
    default:
      return expr;
  }
}

/**
 * `source` with its question names resolved by `resolve` (lower-cased name → new name, or null for a
 * question not carried). Returns the text unchanged when nothing needed rewriting, and the names
 * read as null. Throws `ExpressionError` when our parser refuses the source.
 */
export function rewrite(
  source: string,
  resolve: (name: string) => string | null,
): { text: string; dropped: string[] } {
  const dropped: string[] = [];
  let changed = false;
  const tree = map(parseExpression(source), (name) => {
    const [base = '', ...rest] = name.split(/(?=\.length$)/i);
    const to = resolve(base.toLowerCase());
    if (to === null) {
      dropped.push(base);
      changed = true;
      return ['c', null];
    }
    if (to.toLowerCase() === base.toLowerCase()) return ['v', name];
    changed = true;
    return ['v', to + rest.join('')];
  });
  return { text: changed ? stringify(tree) : source, dropped };
}
