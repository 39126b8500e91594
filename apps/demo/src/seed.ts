/**
 * The first start against a server: an empty room becomes a lively one — an open poll, the demo
 * products with one pinned, the gift catalog, and the simulated crowd voting and sending gifts —
 * through the server's ops API only (packages/server/README.md), as an ops person would. A room
 * that already has anything (a later start, a test's room) is left as it is.
 */
import type { CommerceOps } from './commerce.js';
import type { GiftOps } from './gifts.js';
import type { Ops } from './ops.js';
import { pollPreset } from './presets.js';

export async function seedIfEmpty(
  ops: Ops,
  commerce: CommerceOps,
  gifts: GiftOps,
): Promise<{ poll: string | null; crowd: boolean }> {
  const { state, crowd } = await ops.roomState();
  const count = (coll: string) => Object.keys(state[coll] ?? {}).length;
  // Every room has a pins record and gift totals; polls, products and a catalog are what ops add.
  if (count('polls') || count('products') || state['gifts']?.['catalog']) return { poll: null, crowd };
  const poll = pollPreset('single', 'both');
  await ops.openPoll(poll);
  await commerce.seed();
  await commerce.pin('lipstick');
  await gifts.loadCatalog();
  await ops.crowd(true);
  return { poll: poll.id, crowd: true };
}
