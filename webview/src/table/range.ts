/**
 * Which rows a virtualised table renders. Pure arithmetic (no DOM) so it is unit-tested.
 * Layout: a header of headerHeight px, then row k occupying [headerHeight + k*rowHeight, +rowHeight).
 * The header is sticky, so the rows under it are hidden; the visible rows are those intersecting
 * [scrollTop + headerHeight, scrollTop + viewportHeight).
 */
export interface RowWindow {
  /** First rendered row (inclusive). */
  readonly start: number;
  /** Last rendered row (exclusive). */
  readonly end: number;
  /** Space above and below the rendered rows, in px, so the scrollbar spans every row. */
  readonly padTop: number;
  readonly padBottom: number;
}

export interface RangeInput {
  readonly scrollTop: number;
  readonly viewportHeight: number;
  readonly rowHeight: number;
  readonly rowCount: number;
  readonly headerHeight?: number;
  /** Extra rows rendered above and below, so quick scrolling shows no blank band. */
  readonly overscan?: number;
}

export function visibleRows(input: RangeInput): RowWindow {
  const { rowHeight, rowCount } = input;
  if (!(rowHeight > 0)) throw new Error(`Row height must be positive, got ${rowHeight}.`);
  const header = Math.max(0, input.headerHeight ?? 0);
  const overscan = Math.max(0, Math.floor(input.overscan ?? 0));
  const maxScroll = Math.max(0, header + rowCount * rowHeight - input.viewportHeight);
  const scrollTop = Math.min(Math.max(0, input.scrollTop), maxScroll);
  const bodyHeight = Math.max(0, input.viewportHeight - header);
  const first = Math.floor(scrollTop / rowHeight);
  const lastExclusive = Math.ceil((scrollTop + bodyHeight) / rowHeight);
  const start = clamp(first - overscan, 0, rowCount);
  const end = clamp(lastExclusive + overscan, start, rowCount);
  return { start, end, padTop: start * rowHeight, padBottom: (rowCount - end) * rowHeight };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(Math.max(x, lo), hi);
}
