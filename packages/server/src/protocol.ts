/**
 * Runtime constants of the live protocol. The source of truth is
 * `packages/core/src/channel/protocol.ts`; they are repeated here because the `@onair/core/channel.js`
 * entry also loads the browser client at runtime. `test/protocol.spec.ts` fails if they drift.
 * Types are imported from `@onair/core/channel.js` with `import type` (erased at runtime).
 */
export const PROTOCOL_VERSION = 1;
export const MAX_FRAME_BYTES = 16 * 1024;
