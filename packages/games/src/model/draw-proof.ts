/**
 * The server side of FAIRNESS.md, synchronous so a feature handler can run it: the commitment, the
 * lists' SHA-256 and the winners, with @noble/hashes (Web Crypto has no synchronous digest).
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { blockMessage, chooseWinners, runBlocks, toHex } from './draw-fairness.js';

const encoder = new TextEncoder();

export function sha256Hex(bytes: Uint8Array): string {
  return toHex(sha256(bytes));
}

/** The winners of a draw from its seed and frozen tiers (the same algorithm `verifyDraw` runs). */
export function drawWinners(
  seed: Uint8Array,
  drawId: string,
  tiers: readonly (readonly string[])[],
  quantity: number,
): string[] {
  const keyed = hmac.create(sha256, seed);
  return runBlocks(chooseWinners(tiers, quantity), (i) =>
    keyed
      .clone()
      .update(encoder.encode(blockMessage(drawId, i)))
      .digest(),
  );
}
