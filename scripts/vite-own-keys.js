// For the CDN files, which run on pages we do not control: every `for (k in o)` loop in the output
// (a dependency's, or the bundler's own `__export` helper) becomes `for (k of Object.keys(Object(o)))`.
// A host page that leaves an enumerable property on `Object.prototype` then cannot feed it to
// them: valibot's object schemas would validate it as a key (and call its "schema"), and the
// helper would install it as a getter and throw. For objects without enumerable inherited
// properties, which is what those loops expect, both iterate the same keys in the same order.

/** @returns {import('vite').Plugin} */
export function ownKeysOnly() {
  return {
    name: 'onair-own-keys-only',
    renderChunk(code) {
      /** @type {{ start: number, end: number, text: string }[]} */
      const edits = [];
      walk(this.parse(code), (node) => {
        if (node.type !== 'ForInStatement') return;
        const { left, right } = node;
        edits.push({ start: left.end, end: right.start, text: ' of Object.keys(Object(' });
        edits.push({ start: right.end, end: right.end, text: '))' });
      });
      if (!edits.length) return null;
      let out = code;
      for (const edit of edits.sort((a, b) => b.start - a.start))
        out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
      return { code: out, map: null };
    },
  };
}

/** Calls `visit` on every node of an ESTree AST. */
function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (Array.isArray(value)) for (const child of value) walk(child, visit);
    else if (value && typeof value === 'object') walk(value, visit);
  }
}
