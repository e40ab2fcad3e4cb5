/**
 * A table that renders only the rows in view (plus a few), so 100,000 rows scroll smoothly.
 * Rows are real <tr>/<td> elements (screen readers and tests read them); the space of the rows
 * not rendered is padding around the table, and the header row sticks to the top.
 */
import type { Cell } from '../../../src/protocol/webview';
import { h } from '../dom';
import { cellText, columnWidths } from './filter';
import { visibleRows } from './range';

export const ROW_HEIGHT = 24;
/** Width of the row-number column, in ch (CSS .rownum-col uses the same). */
const ROWNUM_CH = 7;
const OVERSCAN = 8;

export interface VirtualTableOptions {
  /** Accessible name of the table. */
  readonly label: string;
  /** data-testid of the <table>, for end-to-end tests. */
  readonly testId?: string;
}

export class VirtualTable {
  /** The scrolling viewport; add it to the page. */
  readonly element: HTMLDivElement;
  private readonly sizer: HTMLDivElement;
  private readonly table: HTMLTableElement;
  private readonly colgroup: HTMLTableColElement;
  private readonly headRow: HTMLTableRowElement;
  private readonly tbody: HTMLTableSectionElement;
  private columns: readonly string[] = [];
  private rows: readonly (readonly Cell[])[] = [];
  /** Rows shown (filtered), as indices into rows; null shows every row. */
  private index: Int32Array | null = null;
  private frame = 0;
  private lastKey = '';

  constructor(opts: VirtualTableOptions) {
    this.colgroup = h('colgroup');
    this.headRow = h('tr', { attrs: { 'aria-rowindex': 1 } });
    this.tbody = h('tbody');
    this.table = h('table', { class: 'vtable', attrs: { 'data-testid': opts.testId, 'aria-label': opts.label } }, this.colgroup, h('thead', {}, this.headRow), this.tbody);
    this.sizer = h('div', { class: 'vtable-sizer' }, this.table);
    this.element = h('div', { class: 'vtable-viewport', attrs: { tabindex: 0, role: 'region', 'aria-label': opts.label } }, this.sizer);
    this.element.addEventListener('scroll', () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.schedule()).observe(this.element);
  }

  setData(columns: readonly string[], rows: readonly (readonly Cell[])[]): void {
    this.columns = columns;
    this.rows = rows;
    this.index = null;
    const widths = columnWidths(columns, rows);
    // A fixed layout with an explicit width: the browser never measures cell contents to size columns.
    this.table.style.width = `calc(${widths.reduce((a, b) => a + b, 0) + ROWNUM_CH}ch + ${12 * (widths.length + 1)}px)`;
    this.colgroup.replaceChildren(
      h('col', { class: 'rownum-col' }),
      ...widths.map((w) => {
        const col = h('col');
        col.style.width = `calc(${w}ch + 12px)`; // CSSOM writes are allowed by the CSP; style attributes are not
        return col;
      }),
    );
    this.headRow.replaceChildren(
      h('th', { class: 'rownum', attrs: { scope: 'col', 'aria-label': '#' } }, '#'),
      ...columns.map((c) => h('th', { attrs: { scope: 'col', title: c } }, c)),
    );
    this.element.scrollTop = 0;
    this.lastKey = '';
    this.render();
  }

  setFilter(index: Int32Array | null): void {
    this.index = index;
    this.element.scrollTop = 0;
    this.lastKey = '';
    this.render();
  }

  get rowCount(): number {
    return this.index ? this.index.length : this.rows.length;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const count = this.rowCount;
    this.table.setAttribute('aria-rowcount', String(count + 1));
    const viewportHeight = this.element.clientHeight;
    // Hidden (inactive tab): nothing to lay out; the ResizeObserver calls again when shown.
    if (viewportHeight === 0 && this.lastKey !== '') return;
    const header = this.headRow.getBoundingClientRect().height || ROW_HEIGHT;
    const win = visibleRows({
      scrollTop: this.element.scrollTop,
      viewportHeight: viewportHeight || 20 * ROW_HEIGHT,
      rowHeight: ROW_HEIGHT,
      rowCount: count,
      headerHeight: header,
      overscan: OVERSCAN,
    });
    const key = `${win.start}:${win.end}:${count}`;
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.sizer.style.paddingTop = `${win.padTop}px`;
    this.sizer.style.paddingBottom = `${win.padBottom}px`;
    const frag = document.createDocumentFragment();
    for (let k = win.start; k < win.end; k++) {
      const i = this.index ? this.index[k]! : k;
      const row = this.rows[i]!;
      const tr = h('tr', { attrs: { 'aria-rowindex': k + 2 } }, h('th', { class: 'rownum', attrs: { scope: 'row' } }, String(i + 1)));
      for (let j = 0; j < this.columns.length; j++) {
        const c = row[j] ?? null;
        const td = h('td', c === null ? { class: 'missing' } : typeof c === 'number' ? { class: 'num' } : {});
        td.textContent = cellText(c);
        tr.appendChild(td);
      }
      frag.appendChild(tr);
    }
    this.tbody.replaceChildren(frag);
  }
}
