/**
 * UUIDv7 (RFC 9562): 48 bits of Unix ms, then random bits. Ids sort by creation time, which keeps
 * IndexedDB's key order close to creation order and gives the collector a cheap time-ordered key.
 */
export function uuidv7(
  now: number = Date.now(),
  bytes: Uint8Array = crypto.getRandomValues(new Uint8Array(16)),
): string {
  // 48-bit timestamp, big-endian; division (not >>) because the value exceeds 32 bits.
  for (let i = 5, t = now; i >= 0; i--, t = Math.floor(t / 256)) bytes[i] = t % 256;
  bytes[6] = (bytes[6]! & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC variant
  let hex = '';
  for (const b of bytes) hex += (b + 256).toString(16).slice(1);
  return hex.replace(/(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
}
