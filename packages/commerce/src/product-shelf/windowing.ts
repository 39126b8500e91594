/**
 * Which rows of a fixed-row-height list are on screen: only those (plus a few either side) are
 * rendered, so 500 products cost as much as 10.
 */
export interface RowWindow {
  start: number;
  end: number;
}

export function visibleRows(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 4,
): RowWindow {
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const shown = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  return { start, end: Math.min(count, first + shown + overscan) };
}
