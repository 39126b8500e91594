/**
 * For component tests: waits until `check()` holds, re-checking after every animation frame and the
 * element's update (live stores publish once per frame). The failure names what the element shows.
 */
export async function until(
  el: HTMLElement & { updateComplete: Promise<unknown> },
  check: () => boolean,
  timeoutMs = 3000,
): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs)
      throw new Error(
        `condition not met in time; shown: ${el.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim()}`,
      );
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await el.updateComplete;
  }
}
