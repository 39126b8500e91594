/**
 * For component tests: mounts and unmounts a widget 50 times on one live room and says whether the
 * room's stores still have the listeners they had before (nanostores counts them in `lc`). Derived
 * stores let go of their sources 1 s after their last listener leaves, hence the wait.
 */
import type { RoomContext } from '@onair/core';

export async function listenersLeftOver(
  room: RoomContext,
  mount: () => HTMLElement & { updateComplete: Promise<unknown> },
): Promise<{ before: number[]; after: number[] }> {
  const channel = room.channel!;
  const listeners = () =>
    [channel.$state, channel.$viewer, channel.$status].map((s) => (s as unknown as { lc: number }).lc);
  const before = listeners();
  for (let i = 0; i < 50; i++) {
    const el = mount();
    document.body.append(el);
    await el.updateComplete;
    el.remove();
  }
  await new Promise((resolve) => setTimeout(resolve, 2200));
  return { before, after: listeners() };
}
