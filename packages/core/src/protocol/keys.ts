/**
 * Names that must never be ids or object keys of untrusted JSON: as a key they reach an object's
 * prototype (`__proto__`) or shadow what code expects to find on it (`constructor`, `prototype`).
 */
export const RESERVED_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

export function isReservedKey(key: string): boolean {
  return RESERVED_KEYS.includes(key);
}

/**
 * The path of the first reserved key anywhere in `value` (`payload.a.__proto__`), or null. Walks
 * with an explicit stack, so a deeply nested value cannot overflow the call stack.
 */
export function findReservedKey(value: unknown, root: string): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [item, path] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) stack.push([item[i], `${path}[${i}]`]);
      continue;
    }
    for (const key of Object.keys(item)) {
      const at = path ? `${path}.${key}` : key;
      if (isReservedKey(key)) return at;
      stack.push([(item as Record<string, unknown>)[key], at]);
    }
  }
  return null;
}
