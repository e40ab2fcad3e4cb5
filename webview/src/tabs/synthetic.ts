/**
 * Synthetic data tab: real and synthetic rows side by side in virtualised tables (smooth at
 * 100,000 rows), one filter applied to both, and a per-column real vs synthetic overlay.
 */
import type { ColumnProfile, PreviewTable } from '../../../src/protocol/webview';
import { overlayChart } from '../charts/small';
import { overlayDistribution } from '../charts/overlay';
import type { AppContext } from '../context';
import { field, select, textfield } from '../controls';
import { h, replace } from '../dom';
import { formatNumber } from '../format';
import { t } from '../i18n';
import { filterRows } from '../table/filter';
import { VirtualTable } from '../table/virtualTable';

const ALL = '';

export class SyntheticTab {
  readonly element: HTMLElement;
  private readonly realTable: VirtualTable;
  private readonly synthTable: VirtualTable;
  private readonly controls = h('div', { class: 'toolbar' });
  private readonly realCount = h('p', { class: 'muted', attrs: { 'aria-live': 'polite' } });
  private readonly synthCount = h('p', { class: 'muted', attrs: { 'aria-live': 'polite' } });
  private readonly overlayBox = h('section', { class: 'overlay' });
  private readonly empty = h('p', { class: 'muted' }, t('synth.none'));
  private readonly body: HTMLElement;
  private real: PreviewTable | undefined;
  private profiles: readonly ColumnProfile[] = [];
  private synthetic: PreviewTable | undefined;
  private debounce = 0;

  constructor(private readonly ctx: AppContext) {
    this.realTable = new VirtualTable({ label: t('synth.real') });
    this.synthTable = new VirtualTable({ label: t('synth.synthetic'), testId: 'synthetic-preview' });
    this.body = h(
      'div',
      { class: 'hidden' },
      this.controls,
      h(
        'div',
        { class: 'side-by-side' },
        h('section', { attrs: { 'aria-label': t('synth.real') } }, h('h2', {}, t('synth.real')), this.realCount, this.realTable.element),
        h('section', { attrs: { 'aria-label': t('synth.synthetic') } }, h('h2', {}, t('synth.synthetic')), this.synthCount, this.synthTable.element),
      ),
      this.overlayBox,
    );
    this.element = h('div', { class: 'tab-body' }, this.empty, this.body);
  }

  /** profiles pick a sensible first column for the overlay (a number or a category, not an id). */
  setReal(p: PreviewTable, profiles: readonly ColumnProfile[] = []): void {
    this.real = p;
    this.profiles = profiles;
    this.realTable.setData(p.columns, p.rows);
    this.refresh();
  }

  setSynthetic(p: PreviewTable): void {
    this.synthetic = p;
    this.synthTable.setData(p.columns, p.rows);
    this.empty.classList.add('hidden');
    this.body.classList.remove('hidden');
    this.refresh();
  }

  private refresh(): void {
    if (!this.synthetic) return;
    const columns = [...new Set([...this.synthetic.columns, ...(this.real?.columns ?? [])])];
    const ui = this.ctx.ui;
    if (ui.filterColumn && !columns.includes(ui.filterColumn)) ui.filterColumn = ALL;
    replace(
      this.controls,
      field(
        t('synth.filterColumn'),
        select(t('synth.filterColumn'), [{ value: ALL, label: t('synth.filterAll') }, ...columns.map((c) => ({ value: c, label: c }))], ui.filterColumn ?? ALL, (c) => {
          ui.filterColumn = c;
          this.ctx.saveUi();
          this.applyFilter();
        }),
      ),
      field(
        t('synth.filterText'),
        textfield(t('synth.filterText'), ui.filterText ?? '', {
          onInput: (v) => {
            ui.filterText = v;
            clearTimeout(this.debounce);
            this.debounce = window.setTimeout(() => {
              this.ctx.saveUi();
              this.applyFilter();
            }, 150);
          },
        }),
      ),
    );
    this.applyFilter();
    this.renderOverlay(columns);
  }

  private applyFilter(): void {
    const ui = this.ctx.ui;
    const apply = (table: VirtualTable, p: PreviewTable | undefined, out: HTMLElement): void => {
      if (!p) return;
      const col = ui.filterColumn ? p.columns.indexOf(ui.filterColumn) : -1;
      const query = ui.filterText ?? '';
      // A filter on a column this table lacks matches nothing in it.
      const index = ui.filterColumn && col < 0 && query.trim() !== '' ? new Int32Array(0) : query.trim() === '' ? null : filterRows(p.rows, col, query);
      table.setFilter(index);
      out.textContent = t('synth.matches', formatNumber(table.rowCount), formatNumber(p.rows.length));
    };
    apply(this.realTable, this.real, this.realCount);
    apply(this.synthTable, this.synthetic, this.synthCount);
  }

  private renderOverlay(columns: string[]): void {
    const synth = this.synthetic;
    if (!synth || !this.real) {
      replace(this.overlayBox);
      return;
    }
    const real = this.real;
    const shared = columns.filter((c) => synth.columns.includes(c) && real.columns.includes(c));
    if (shared.length === 0) {
      replace(this.overlayBox);
      return;
    }
    const ui = this.ctx.ui;
    const typeOf = new Map(this.profiles.map((c) => [c.name, c.type]));
    const preferred =
      shared.find((c) => typeOf.get(c) === 'numerical') ?? shared.find((c) => typeOf.get(c) === 'categorical') ?? shared[0]!;
    const current = ui.overlayColumn && shared.includes(ui.overlayColumn) ? ui.overlayColumn : preferred;
    const chartBox = h('div', { class: 'chart-box' });
    const draw = (name: string): void => {
      const ri = real.columns.indexOf(name);
      const si = synth.columns.indexOf(name);
      const d = overlayDistribution(real.rows.map((r) => r[ri] ?? null), synth.rows.map((r) => r[si] ?? null));
      replace(chartBox, d ? overlayChart(d, { real: t('synth.real'), synthetic: t('synth.synthetic'), title: t('synth.overlayLabel', name) }, 560, 200) : null);
    };
    replace(
      this.overlayBox,
      h('h2', {}, t('synth.overlay')),
      h('div', { class: 'toolbar' }, field(
        t('synth.overlayColumn'),
        select(t('synth.overlayColumn'), shared.map((c) => ({ value: c, label: c })), current, (c) => {
          ui.overlayColumn = c;
          this.ctx.saveUi();
          draw(c);
        }),
      )),
      chartBox,
    );
    draw(current);
  }
}
