/**
 * valibot, as the published Onair packages run it: bundled into this file at build with every
 * `for…in` loop made an own-keys loop (scripts/vite-own-keys.js), so a host page that leaves an
 * enumerable property on `Object.prototype` cannot break validation. The other packages' builds
 * import this instead of `valibot`; their sources (and the size bench) use valibot itself.
 */
export * from 'valibot';
