/**
 * How deep parsed JSON nests, checked with a loop and an explicit stack. `JSON.parse` itself is
 * iterative in V8, but `JSON.stringify`, structured clone and recursive validators are not: a body
 * nesting 20,000 levels must be refused here, by a walk that costs a loop, before any of them sees it.
 */

interface Frame {
  parent: Frame | null;
  key: string | number;
  depth: number;
}

/** Paths longer than this are cut: a refusal names where, it does not echo the body. */
const MAX_PATH = 200;

function pathOf(frame: Frame): string {
  const keys: (string | number)[] = [];
  for (let f: Frame | null = frame; f?.parent; f = f.parent) keys.push(f.key);
  let out = '';
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i]!;
    out += typeof key === 'number' ? `[${key}]` : out ? `.${key}` : key;
    if (out.length > MAX_PATH) return `${out.slice(0, MAX_PATH)}…`;
  }
  return out;
}

/**
 * The path of the first entry `stop` picks, given its key, its value and its depth (the value
 * itself is depth 1, its entries depth 2), or `null` when it picks none.
 */
function findPath(
  value: unknown,
  stop: (key: string | number, child: unknown, depth: number) => boolean,
): string | null {
  if (!isContainer(value)) return null;
  const stack: [object, Frame][] = [[value, { parent: null, key: '', depth: 1 }]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, frame] = item;
    const visit = (key: string | number, child: unknown): string | null => {
      const next: Frame = { parent: frame, key, depth: frame.depth + 1 };
      if (stop(key, child, next.depth)) return pathOf(next);
      if (isContainer(child)) stack.push([child, next]);
      return null;
    };
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const found = visit(i, node[i]);
        if (found !== null) return found;
      }
    } else
      for (const key of Object.keys(node)) {
        const found = visit(key, (node as Record<string, unknown>)[key]);
        if (found !== null) return found;
      }
  }
  return null;
}

/** The path of the first object or array nested deeper than `maxDepth` (≥ 1) containers, or `null`. */
export function tooDeep(value: unknown, maxDepth: number): string | null {
  return findPath(value, (_key, child, depth) => depth > maxDepth && isContainer(child));
}

function isContainer(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}
