/**
 * Keeps a page whose Content-Security-Policy refuses lit-html's Trusted Types policy (say
 * `trusted-types 'none'`, a list without `lit-html`, or a second Lit copy without
 * `'allow-duplicates'`) free of exceptions from Onair. lit-html creates its policy while its module
 * loads; refused, that throws out of the page's module graph.
 *
 * Imported before lit by every core entry, this wraps `trustedTypes.createPolicy` for the length
 * of that one call, or until the module graph has loaded (a microtask), whichever comes first;
 * the page's own policies go through untouched. A refusal leaves lit-html without a policy:
 * where the CSP also enforces Trusted Types, rendering then fails, and OnairElement shows
 * `TRUSTED_TYPES_HELP` in place of the widget.
 */

/** The directive a page needs to add; widgets show it when they cannot render. */
export const TRUSTED_TYPES_HELP =
  "This page's Content-Security-Policy refuses the Trusted Types policy Onair needs: add `trusted-types lit-html 'allow-duplicates'` to it.";

let refused = false;

/** True when this page refused the `lit-html` policy. */
export function litPolicyRefused(): boolean {
  return refused;
}

interface PolicyFactory {
  createPolicy(name: string, rules: object): unknown;
}

const factory = (globalThis as { trustedTypes?: PolicyFactory }).trustedTypes;
if (factory) {
  const original = factory.createPolicy;
  const hadOwn = Object.hasOwn(factory, 'createPolicy');
  const restore = () => {
    if (factory.createPolicy !== guarded) return; // already restored, or replaced by the page
    if (hadOwn) factory.createPolicy = original;
    else delete (factory as Partial<PolicyFactory>).createPolicy;
  };
  const guarded = function (this: PolicyFactory, name: string, rules: object): unknown {
    if (name !== 'lit-html') return original.call(this, name, rules);
    restore();
    try {
      return original.call(this, name, rules);
    } catch {
      refused = true;
      return undefined;
    }
  };
  factory.createPolicy = guarded;
  queueMicrotask(restore);
}
