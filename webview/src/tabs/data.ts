/**
 * Data tab: a profile card per column (type, role editable inline, missing %, distinct, a small
 * histogram or the top values, why the role was chosen), the real table, the preprocessing report.
 */
import type { ColumnProfile, HostMessageOf, PreprocessReport } from '../../../src/protocol/webview';
import { sparkHistogram, topValueBars } from '../charts/small';
import type { AppContext } from '../context';
import { button, icon, select } from '../controls';
import { h, replace } from '../dom';
import { formatDate, formatNumber, formatPct } from '../format';
import { t, tOr } from '../i18n';
import { VirtualTable } from '../table/virtualTable';

const TYPE_ICON: Record<ColumnProfile['type'], string> = {
  numerical: 'symbol-number',
  datetime: 'calendar',
  categorical: 'symbol-enum',
  text: 'symbol-string',
  id: 'key',
};

export class DataTab {
  readonly element: HTMLElement;
  private readonly summary = h('p', { class: 'muted' });
  private readonly cards = h('div', { class: 'cards', attrs: { role: 'list' } });
  private readonly table: VirtualTable;
  private readonly report = h('section', { class: 'report' });

  constructor(private readonly ctx: AppContext) {
    this.table = new VirtualTable({ label: t('data.realTable') });
    this.element = h(
      'div',
      { class: 'tab-body' },
      h('div', { class: 'toolbar' }, h('h2', {}, t('data.columns')), this.summary, button(t('data.refresh'), () => ctx.post({ type: 'refreshProfile' }), { icon: 'refresh', secondary: true })),
      this.cards,
      h('h2', {}, t('data.realTable')),
      this.table.element,
      this.report,
    );
    replace(this.cards, h('p', { class: 'muted' }, t('app.loading')));
  }

  setProfile(p: HostMessageOf<'profile'>): void {
    const total = p.totalRows ?? p.realPreview.rows.length;
    this.summary.textContent = t('data.rowsShown', formatNumber(p.realPreview.rows.length), formatNumber(total));
    replace(this.cards, ...p.columns.map((c) => this.card(c, p.roles)));
    this.table.setData(p.realPreview.columns, p.realPreview.rows);
    replace(this.report, ...(p.preprocess ? preprocessSection(p.preprocess) : []));
  }

  private card(c: ColumnProfile, roles: readonly string[]): HTMLElement {
    const roleOptions = (roles.includes(c.role) ? roles : [c.role, ...roles]).map((r) => ({ value: r, label: tOr(`role.${r}`, r) }));
    const roleSelect = select(t('data.roleFor', c.name), roleOptions, c.role, (role) => {
      if (role && role !== c.role) this.ctx.post({ type: 'setRole', column: c.name, role });
    });
    const isDate = c.type === 'datetime';
    const fmt = (x: number): string => (isDate ? formatDate(x) : formatNumber(x));
    let chart: Element | null = null;
    if (c.histogram) {
      const e = c.histogram.edges;
      chart = sparkHistogram(c.histogram.counts, t('data.histogramLabel', c.name, c.histogram.counts.length, fmt(e[0] ?? 0), fmt(e[e.length - 1] ?? 0)));
    } else if (c.topValues) {
      chart = topValueBars(c.topValues.slice(0, 5), (c.otherCount ?? 0) + c.topValues.slice(5).reduce((s, x) => s + x.count, 0), t('data.other'), t('data.topValuesLabel', c.name));
    }
    const range = c.min !== undefined && c.max !== undefined ? h('p', { class: 'range muted' }, `${fmt(c.min)} … ${fmt(c.max)}`) : null;
    return h(
      'section',
      { class: 'card', attrs: { role: 'listitem', 'aria-label': c.name } },
      h('header', {}, icon(TYPE_ICON[c.type], tOr(`type.${c.type}`, c.type)), h('h3', { attrs: { title: c.name } }, c.name), h('span', { class: 'badge' }, tOr(`type.${c.type}`, c.type))),
      h('div', { class: 'role-row' }, roleSelect),
      h(
        'dl',
        { class: 'stats' },
        h('dt', {}, t('data.missing')),
        h('dd', { class: c.missingPct > 0 ? 'warn' : '' }, formatPct(c.missingPct)),
        h('dt', {}, t('data.distinct')),
        h('dd', {}, formatNumber(c.distinct)),
      ),
      chart,
      range,
      h('p', { class: 'reason', attrs: { title: t('data.reason') } }, c.reason),
    );
  }
}

function preprocessSection(r: PreprocessReport): HTMLElement[] {
  const removed = r.rowsIn - r.rowsOut;
  const exampleText = (x: unknown): string => (typeof x === 'string' ? x : JSON.stringify(x));
  return [
    h('h2', {}, t('data.preprocess')),
    h('p', {}, t('data.preprocessSummary', formatNumber(r.rowsIn), formatNumber(r.rowsOut), formatNumber(removed))),
    h(
      'table',
      { class: 'grid', attrs: { 'aria-label': t('data.preprocess') } },
      h('thead', {}, h('tr', {}, ...[t('data.rule'), t('data.rowsRemoved'), t('data.valuesChanged'), t('data.ruleColumns'), t('data.examples')].map((x) => h('th', { attrs: { scope: 'col' } }, x)))),
      h(
        'tbody',
        {},
        ...r.rules.map((rule) =>
          h(
            'tr',
            { class: rule.rowsRemoved + rule.valuesChanged === 0 ? 'muted' : '' },
            h('th', { attrs: { scope: 'row', title: rule.id } }, rule.title),
            h('td', { class: 'num' }, formatNumber(rule.rowsRemoved)),
            h('td', { class: 'num' }, formatNumber(rule.valuesChanged)),
            h('td', {}, rule.columns.join(', ')),
            h('td', { class: 'examples' }, rule.examples.slice(0, 5).map(exampleText).join(' · ')),
          ),
        ),
      ),
    ),
  ];
}
