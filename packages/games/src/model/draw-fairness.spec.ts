// The draw's fairness on its own: a genuine draw verifies with Web Crypto; a tampered seed, a
// reordered or edited list and a swapped winner each fail with their named reason. The algorithm
// is written out again here with node:crypto, from FAIRNESS.md, so the code is not its own oracle.
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compareUtf8, exclusionBytes, listBytes, sortEntrants } from './draw-fairness.js';
import { drawWinners, sha256Hex } from './draw-proof.js';
import { type DrawProof, verifyDraw } from './draw-verify.js';

/** FAIRNESS.md step 3, independently: one HMAC stream, big-endian words, rejection, partial Fisher–Yates. */
function reference(seed: Buffer, drawId: string, tiers: string[][], quantity: number): string[] {
  let i = 0;
  let words: number[] = [];
  const word = () => {
    if (words.length === 0) {
      const block = createHmac('sha256', seed).update(`onair-draw/v1:${drawId}:${i++}`).digest();
      words = Array.from({ length: 8 }, (_, w) => block.readUInt32BE(w * 4));
    }
    return words.shift()!;
  };
  const uniform = (n: number) => {
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const u = word();
      if (u < limit) return u % n;
    }
  };
  const winners: string[] = [];
  for (const tier of tiers) {
    const a = [...tier];
    for (let j = 0; j < a.length && winners.length < quantity; j++) {
      const r = j + uniform(a.length - j);
      [a[j], a[r]] = [a[r]!, a[j]!];
      winners.push(a[j]!);
    }
  }
  return winners;
}

const sha = (data: string) => createHash('sha256').update(data).digest('hex');
const byBytes = (ids: string[]) => [...ids].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

function genuine(entrants = 40, quantity = 7): DrawProof {
  const seed = Buffer.alloc(32);
  for (let i = 0; i < 32; i++) seed[i] = (i * 37 + 11) & 0xff;
  const ids = Array.from({ length: entrants }, (_, i) => `s:viewer-${i}`);
  const tiers = [byBytes(ids.filter((_, i) => i % 3 !== 0)), byBytes(ids.filter((_, i) => i % 3 === 0))];
  const excluded: [string, string][] = [
    ['s:banned', 'win_limit'],
    ['s:zz-late', 'win_limit'],
  ];
  return {
    id: 'd1',
    commitment: sha256Hex(seed),
    seed: seed.toString('hex'),
    quantity,
    tiers: tiers.map((ids) => ({ ids, sha256: sha256Hex(listBytes(ids)) })),
    excluded: { rows: excluded, sha256: sha256Hex(exclusionBytes(excluded)) },
    winners: drawWinners(seed, 'd1', tiers, quantity),
  };
}

describe('the draw algorithm', () => {
  it('chooses what FAIRNESS.md says, computed independently', () => {
    const proof = genuine();
    const seed = Buffer.from(proof.seed, 'hex');
    const tiers = proof.tiers.map((t) => t.ids);
    expect(proof.winners).toEqual(reference(seed, 'd1', tiers, 7));
    expect(proof.winners).toHaveLength(7);
    // "Not won recently first": the first tier fills before the second is drawn from.
    expect(drawWinners(seed, 'd1', tiers, 30)).toEqual(reference(seed, 'd1', tiers, 30));
    expect(
      drawWinners(seed, 'd1', tiers, 30)
        .slice(0, 26)
        .every((w) => tiers[0]!.includes(w)),
    ).toBe(true);
    expect(drawWinners(seed, 'd1', tiers, 100)).toHaveLength(40);
    // Large ranges reject words past the last whole multiple, as the reference does.
    const big = Array.from({ length: 5000 }, (_, i) => `a:${i}`);
    expect(drawWinners(seed, 'd9', [big], 50)).toEqual(reference(seed, 'd9', [big], 50));
  });

  it('hashes lists as documented: one id and a line feed each', () => {
    expect(sha256Hex(listBytes(['a:1', 's:b']))).toBe(sha('a:1\ns:b\n'));
    expect(sha256Hex(listBytes([]))).toBe(sha(''));
    expect(sha256Hex(exclusionBytes([['s:x', 'win_limit']]))).toBe(sha('s:x\twin_limit\n'));
    expect(genuine().commitment).toBe(
      createHash('sha256').update(Buffer.from(genuine().seed, 'hex')).digest('hex'),
    );
  });

  it('sorts by UTF-8 bytes, not UTF-16 units', () => {
    const ids = ['s:\u{1F600}', 's:\uFF21', 's:b', 's:B', 's:é', 's:a'];
    expect(sortEntrants(ids)).toEqual(byBytes(ids));
    expect(compareUtf8('\u{1F600}', '\uFF21')).toBeGreaterThan(0);
    expect(sortEntrants(['s:a', 's:a'])).toEqual(['s:a']);
  });
});

describe('verifyDraw', () => {
  it('verifies a genuine draw', async () => {
    const proof = genuine();
    expect(await verifyDraw(proof)).toEqual({ ok: true, winners: proof.winners });
  });

  it('fails a tampered seed: commitment_mismatch', async () => {
    const proof = genuine();
    const seed = `${proof.seed.slice(0, 63)}${proof.seed.endsWith('0') ? '1' : '0'}`;
    expect(await verifyDraw({ ...proof, seed })).toMatchObject({ ok: false, reason: 'commitment_mismatch' });
    expect(await verifyDraw({ ...proof, seed: 'zz' })).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('fails a reordered list: list_not_sorted', async () => {
    const proof = genuine();
    const ids = [...proof.tiers[0]!.ids];
    [ids[0], ids[1]] = [ids[1]!, ids[0]!];
    const tiers = [{ ...proof.tiers[0]!, ids }, proof.tiers[1]!];
    expect(await verifyDraw({ ...proof, tiers })).toMatchObject({
      ok: false,
      reason: 'list_not_sorted',
      tier: 0,
    });
  });

  it('fails an edited list: list_hash_mismatch', async () => {
    const proof = genuine();
    // Still sorted and the same length, but someone else is in it.
    const ids = proof.tiers[1]!.ids.map((id, i) => (i === 0 ? 's:viewer-0x' : id));
    const tiers = [proof.tiers[0]!, { ...proof.tiers[1]!, ids }];
    expect(await verifyDraw({ ...proof, tiers })).toMatchObject({
      ok: false,
      reason: 'list_hash_mismatch',
      tier: 1,
    });
    const dropped = [proof.tiers[0]!, { ...proof.tiers[1]!, ids: proof.tiers[1]!.ids.slice(1) }];
    expect(await verifyDraw({ ...proof, tiers: dropped })).toMatchObject({ reason: 'list_hash_mismatch' });
    const rows = proof.excluded.rows.map(([id]) => [id, 'other'] as const);
    expect(await verifyDraw({ ...proof, excluded: { ...proof.excluded, rows } })).toMatchObject({
      reason: 'excluded_hash_mismatch',
    });
  });

  it('fails a swapped winner: winners_mismatch', async () => {
    const proof = genuine();
    const loser = proof.tiers[0]!.ids.find((id) => !proof.winners.includes(id))!;
    const winners = proof.winners.map((w, i) => (i === 2 ? loser : w));
    expect(await verifyDraw({ ...proof, winners })).toMatchObject({
      ok: false,
      reason: 'winners_mismatch',
      message: 'winner 2 differs from the recomputed draw',
    });
    const reordered = [proof.winners[1]!, proof.winners[0]!, ...proof.winners.slice(2)];
    expect(await verifyDraw({ ...proof, winners: reordered })).toMatchObject({ reason: 'winners_mismatch' });
    expect(await verifyDraw({ ...proof, winners: proof.winners.slice(1) })).toMatchObject({
      reason: 'winners_mismatch',
    });
  });
});
