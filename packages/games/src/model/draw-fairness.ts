/**
 * The lucky draw's fairness algorithm (FAIRNESS.md), written once for the server's draw and for
 * `verifyDraw` in the browser. Nothing here hashes: the winner choice is a generator that asks for
 * HMAC blocks by index, so the feature feeds it synchronously and `verifyDraw` with Web Crypto.
 */

/** The HMAC message of block `i`: `onair-draw/v1:<drawId>:<i>` (i in decimal). */
export function blockMessage(drawId: string, i: number): string {
  return `onair-draw/v1:${drawId}:${i}`;
}

/**
 * Orders strings as their UTF-8 bytes would sort (= by code point). UTF-16 order differs only where
 * a surrogate meets a unit at U+E000 or above, so those units are shifted before comparing.
 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800) x += x <= 0xdfff ? 0x2000 : -0x800;
    if (y >= 0xd800) y += y <= 0xdfff ? 0x2000 : -0x800;
    return x - y;
  }
  return a.length - b.length;
}

/** A list sorted by UTF-8 bytes, each id once. */
export function sortEntrants(ids: Iterable<string>): string[] {
  const list = [...new Set(ids)];
  // Below U+D800, UTF-16 order is code-point order: the engine's own sort, much faster, then agrees.
  return /[\ud800-\uffff]/.test(list.join('')) ? list.sort(compareUtf8) : list.sort();
}

/** Whether `ids` is strictly increasing by UTF-8 bytes (sorted, no repeats). */
export function isSortedList(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) if (compareUtf8(ids[i - 1]!, ids[i]!) >= 0) return false;
  return true;
}

const encoder = new TextEncoder();

/** The bytes a tier's SHA-256 is taken of: each id followed by a line feed, in list order. */
export function listBytes(ids: readonly string[]): Uint8Array {
  return encoder.encode(ids.map((id) => `${id}\n`).join(''));
}

/** An excluded entrant and why: `[id, reason]`. */
export type Exclusion = readonly [id: string, reason: string];

/** The bytes the excluded list's SHA-256 is taken of: `id TAB reason LF` per row, in list order. */
export function exclusionBytes(rows: readonly Exclusion[]): Uint8Array {
  return encoder.encode(rows.map(([id, reason]) => `${id}\t${reason}\n`).join(''));
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** Bytes of a lowercase hex string, or null when it is not one. */
export function fromHex(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** The 32-byte seed from a uniform source: 8 big-endian 32-bit words (the server's is crypto). */
export function seedFrom(random: () => number): Uint8Array {
  const seed = new Uint8Array(32);
  const view = new DataView(seed.buffer);
  for (let i = 0; i < 8; i++) view.setUint32(i * 4, Math.floor(random() * 2 ** 32) >>> 0);
  return seed;
}

/** Asks for HMAC block `i` (yields its index) and resumes with its 32 bytes. */
export type Blocks<T> = Generator<number, T, Uint8Array>;

/**
 * The winners: a partial Fisher–Yates shuffle of each tier in turn, until `quantity` are chosen.
 * Position j of a tier of n swaps with j + r, r uniform in [0, n − j), drawn by rejection sampling
 * from big-endian uint32 words of the block stream (one stream for all tiers); every position drawn,
 * even when only one remains, takes one integer.
 */
export function* chooseWinners(tiers: readonly (readonly string[])[], quantity: number): Blocks<string[]> {
  let block = 0;
  let bytes: Uint8Array = new Uint8Array(0);
  let offset = 0;
  function* word(): Blocks<number> {
    if (offset + 4 > bytes.length) {
      bytes = yield block++;
      offset = 0;
    }
    const u =
      ((bytes[offset]! << 24) |
        (bytes[offset + 1]! << 16) |
        (bytes[offset + 2]! << 8) |
        bytes[offset + 3]!) >>>
      0;
    offset += 4;
    return u;
  }
  function* below(n: number): Blocks<number> {
    // The largest multiple of n that fits in 2^32: words at or past it are rejected.
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const u = yield* word();
      if (u < limit) return u % n;
    }
  }
  const winners: string[] = [];
  for (const tier of tiers) {
    const list = [...tier];
    const take = Math.min(quantity - winners.length, list.length);
    for (let j = 0; j < take; j++) {
      const r = j + (yield* below(list.length - j));
      [list[j], list[r]] = [list[r]!, list[j]!];
      winners.push(list[j]!);
    }
  }
  return winners;
}

/** Runs a block generator with blocks computed at once (the server's HMAC). */
export function runBlocks<T>(steps: Blocks<T>, block: (i: number) => Uint8Array): T {
  let step = steps.next(new Uint8Array(0));
  while (!step.done) step = steps.next(block(step.value));
  return step.value;
}

/** Runs a block generator with blocks computed asynchronously (Web Crypto). */
export async function runBlocksAsync<T>(
  steps: Blocks<T>,
  block: (i: number) => Promise<Uint8Array>,
): Promise<T> {
  let step = steps.next(new Uint8Array(0));
  while (!step.done) step = steps.next(await block(step.value));
  return step.value;
}
