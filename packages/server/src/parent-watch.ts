/**
 * Calls `onGone` once the process that started this one has exited. npm, npx and pnpm run a bin
 * through `sh -c`, and a signal sent to them ends that shell, not its child: without this watch the
 * server would keep running, orphaned, after `kill <npx pid>`. Checked every `everyMs`; the timer
 * does not keep the process alive.
 */
export function whenParentExits(onGone: () => void, everyMs = 250): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
