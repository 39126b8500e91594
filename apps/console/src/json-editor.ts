/**
 * The campaign's JSON view: CodeMirror 6 with its JSON language, loaded lazily (only when the JSON
 * tab opens). Linting is CodeMirror's lint API fed twice: JSON syntax (`jsonParseLinter`) and the
 * findings the page already has from the campaign package's own validation and preflight (the
 * server's `POST …/preflight`, the same check as a push), placed on the node their path names.
 * `codemirror-json-schema` was not used: JSON Schema cannot express half of what `validateCampaign`
 * checks (an item's args by command, cross-field rules), and one source of findings keeps the form
 * and the JSON view in agreement.
 */
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { HighlightStyle, syntaxHighlighting, syntaxTree } from '@codemirror/language';
import { type Diagnostic, forceLinting, linter, lintGutter } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { SyntaxNode } from '@lezer/common';
import { tags } from '@lezer/highlight';
import { basicSetup } from 'codemirror';

/**
 * Token colours from Shoelace's scales, which invert in the dark theme, so both themes keep their
 * contrast (CodeMirror's default colours are for light backgrounds only).
 */
const themed = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--sl-color-violet-700)' },
  { tag: tags.string, color: 'var(--sl-color-success-700)' },
  { tag: tags.number, color: 'var(--sl-color-primary-700)' },
  { tag: [tags.bool, tags.null], color: 'var(--sl-color-warning-700)' },
]);

export interface Finding {
  path: string;
  message: string;
  level: 'error' | 'warning';
}

/** `timeline[1].args.poll` → `['timeline', 1, 'args', 'poll']`. */
export const splitPath = (path: string): (string | number)[] =>
  [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));

/** The syntax node (the value) a path names in the JSON text, or the nearest one that exists. */
export function nodeAt(state: EditorState, path: string): { from: number; to: number } {
  let node: SyntaxNode | null = syntaxTree(state).topNode.firstChild;
  let found = node ? { from: node.from, to: node.to } : { from: 0, to: 0 };
  for (const part of splitPath(path)) {
    if (!node) break;
    let next: SyntaxNode | null = null;
    if (typeof part === 'number' && node.name === 'Array') {
      let i = 0;
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.name === '[' || child.name === ']' || child.name === ',' || child.type.isError) continue;
        if (i++ === part) next = child;
      }
    } else if (node.name === 'Object') {
      for (let prop = node.firstChild; prop; prop = prop.nextSibling) {
        if (prop.name !== 'Property') continue;
        const name = prop.getChild('PropertyName');
        if (name && state.sliceDoc(name.from + 1, name.to - 1) === String(part))
          next = prop.lastChild ?? prop;
      }
    }
    if (!next) break;
    node = next;
    found = { from: node.from, to: node.to };
  }
  return found;
}

export function createJsonEditor(options: {
  parent: HTMLElement;
  root: ShadowRoot;
  text: string;
  label: string;
  findings: () => Finding[];
  onChange: (text: string) => void;
}): { view: EditorView; setText(text: string): void; relint(): void } {
  let quiet = false;
  const findingsLinter = linter(
    (view): Diagnostic[] =>
      options.findings().map((f) => ({
        ...nodeAt(view.state, f.path),
        severity: f.level,
        message: `${f.path}: ${f.message}`,
      })),
    { delay: 200 },
  );
  const view = new EditorView({
    parent: options.parent,
    root: options.root,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        basicSetup,
        json(),
        syntaxHighlighting(themed),
        linter(jsonParseLinter()),
        findingsLinter,
        lintGutter(),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': options.label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !quiet) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    setText(text) {
      if (text === view.state.doc.toString()) return;
      quiet = true;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      quiet = false;
    },
    relint() {
      forceLinting(view);
    },
  };
}
