/**
 * `verifyDraw(proof)`: recomputes a revealed draw in the browser (or Node 20) with Web Crypto, as
 * FAIRNESS.md specifies — the commitment from the seed, each published list's order and SHA-256, and
 * the winners from the seed and the lists. It trusts nothing in the proof but the lists and hashes
 * the server published before, which the caller compares with what it saw.
 */
import {
  blockMessage,
  chooseWinners,
  type Exclusion,
  exclusionBytes,
  fromHex,
  isSortedList,
  listBytes,
  runBlocksAsync,
  toHex,
} from './draw-fairness.js';

/** Everything a revealed draw published, assembled: what `verifyDraw` checks. */
export interface DrawProof {
  id: string;
  /** hex(SHA-256(seed)), published when the draw was created. */
  commitment: string;
  /** The revealed seed, 64 hex digits. */
  seed: string;
  quantity: number;
  /** Eligible entrants per tier, sorted by UTF-8 bytes, with the SHA-256 the server published. */
  tiers: { ids: string[]; sha256: string }[];
  /** Excluded entrants with their reasons, sorted by id, and the published SHA-256. */
  excluded: { rows: Exclusion[]; sha256: string };
  /** The winners the server announced, in order. */
  winners: string[];
}

export const VERIFY_FAILURES = [
  'malformed',
  'commitment_mismatch',
  'list_not_sorted',
  'list_hash_mismatch',
  'list_overlap',
  'excluded_hash_mismatch',
  'winners_mismatch',
] as const;
export type VerifyFailure = (typeof VERIFY_FAILURES)[number];

export type Verified =
  | { ok: true; winners: string[] }
  | { ok: false; reason: VerifyFailure; message: string; tier?: number };

const fail = (reason: VerifyFailure, message: string, tier?: number): Verified =>
  tier === undefined ? { ok: false, reason, message } : { ok: false, reason, message, tier };

async function sha256(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource)));
}

/** Checks a revealed draw; the first failure found is named. */
export async function verifyDraw(proof: DrawProof): Promise<Verified> {
  const seed = typeof proof.seed === 'string' ? fromHex(proof.seed) : null;
  if (seed?.length !== 32) return fail('malformed', 'seed: expected 64 lowercase hex digits');
  if (!Number.isInteger(proof.quantity) || proof.quantity < 1)
    return fail('malformed', 'quantity: expected a whole number of at least 1');
  if ((await sha256(seed)) !== proof.commitment)
    return fail('commitment_mismatch', 'the seed does not hash to the commitment published at creation');
  const seen = new Set<string>();
  for (const [n, tier] of proof.tiers.entries()) {
    if (!isSortedList(tier.ids))
      return fail('list_not_sorted', `tier ${n} is not sorted by UTF-8 bytes with each id once`, n);
    if ((await sha256(listBytes(tier.ids))) !== tier.sha256)
      return fail('list_hash_mismatch', `tier ${n} does not hash to its published SHA-256`, n);
    for (const id of tier.ids) {
      if (seen.has(id)) return fail('list_overlap', `${id} is listed in more than one tier`, n);
      seen.add(id);
    }
  }
  if (!isSortedList(proof.excluded.rows.map(([id]) => id)))
    return fail('list_not_sorted', 'the excluded list is not sorted by UTF-8 bytes with each id once');
  if ((await sha256(exclusionBytes(proof.excluded.rows))) !== proof.excluded.sha256)
    return fail('excluded_hash_mismatch', 'the excluded list does not hash to its published SHA-256');
  for (const [id] of proof.excluded.rows)
    if (seen.has(id)) return fail('list_overlap', `${id} is both excluded and eligible`);

  const key = await crypto.subtle.importKey(
    'raw',
    seed as BufferSource,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const encoder = new TextEncoder();
  const winners = await runBlocksAsync(
    chooseWinners(
      proof.tiers.map((t) => t.ids),
      proof.quantity,
    ),
    async (i) =>
      new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(blockMessage(proof.id, i)))),
  );
  const same = winners.length === proof.winners.length && winners.every((w, i) => w === proof.winners[i]);
  if (!same) {
    const at = winners.findIndex((w, i) => w !== proof.winners[i]);
    return fail(
      'winners_mismatch',
      `winner ${at < 0 ? winners.length : at} differs from the recomputed draw`,
    );
  }
  return { ok: true, winners };
}
