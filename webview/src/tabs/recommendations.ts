/**
 * Recommendations tab: the recommender lab's metrics per experiment with 95% intervals and
 * significance marks, a chart of one metric, and a preview: pick a user, see their history and
 * the top 10 of the real-only and the augmented models side by side.
 */
import type { HostMessageOf, LabRow, PreviewUser } from '../../../src/protocol/webview';
import { intervalChart } from '../charts/small';
import type { AppContext } from '../context';
import { button, field, select } from '../controls';
import { h, replace } from '../dom';
import { t, tOr } from '../i18n';
import { labCell, labTsv, metricNames, sortLabRows } from './labTable';

export class RecommendationsTab {
  readonly element: HTMLElement;
  private readonly status = h('p', { class: 'muted', attrs: { 'aria-live': 'polite' } }, t('lab.none'));
  private readonly results = h('div');
  private readonly runButton: HTMLElementTagNameMap['vscode-button'];
  private chartMetric: string | undefined;

  constructor(private readonly ctx: AppContext) {
    this.runButton = button(t('lab.run'), () => ctx.post({ type: 'runLab' }), { icon: 'beaker' });
    this.element = h('div', { class: 'tab-body' }, h('div', { class: 'toolbar' }, this.runButton), this.status, this.results);
  }

  setState(m: HostMessageOf<'labStarted'> | HostMessageOf<'labResult'> | HostMessageOf<'labFailed'>): void {
    this.runButton.disabled = m.type === 'labStarted';
    if (m.type === 'labStarted') {
      this.status.textContent = t('lab.running');
      this.status.className = 'muted';
      return;
    }
    if (m.type === 'labFailed') {
      this.status.textContent = t('lab.failed', m.message);
      this.status.className = 'error';
      return;
    }
    this.status.textContent = '';
    this.renderResults(m);
  }

  private renderResults(m: HostMessageOf<'labResult'>): void {
    const rows = sortLabRows(m.results);
    const metrics = metricNames(rows, m.metrics);
    if (!this.chartMetric || !metrics.includes(this.chartMetric)) this.chartMetric = metrics.includes('ndcg@10') ? 'ndcg@10' : metrics[0];
    const chartBox = h('div', { class: 'chart-box' });
    const drawChart = (): void => {
      const metric = this.chartMetric;
      if (!metric) return;
      const points = rows.flatMap((r) => {
        const v = r.metrics[metric];
        if (!v) return [];
        const p = { label: experimentLabel(r), value: v.value, cls: `train-${r.training}` };
        return [v.low !== undefined && v.high !== undefined ? { ...p, low: v.low, high: v.high } : p];
      });
      replace(chartBox, points.length ? intervalChart(points, t('lab.chart', metric), 760) : null);
    };
    replace(
      this.results,
      labTable(rows, metrics),
      h('div', { class: 'toolbar' }, h('p', { class: 'muted' }, t('lab.significance')), button(t('lab.copy'), () => this.ctx.post({ type: 'copy', text: labTsv(rows, metrics) }), { icon: 'copy', secondary: true })),
      metrics.length
        ? h('div', { class: 'toolbar' }, field(t('lab.chartMetric'), select(t('lab.chartMetric'), metrics.map((x) => ({ value: x, label: x })), this.chartMetric ?? '', (x) => {
            this.chartMetric = x;
            drawChart();
          })))
        : null,
      chartBox,
      m.preview?.users.length ? this.preview(m.preview.users) : null,
    );
    drawChart();
  }

  private preview(users: readonly PreviewUser[]): HTMLElement {
    const ui = this.ctx.ui;
    const current = users.find((u) => u.user === ui.labUser) ?? users[0]!;
    const lists = h('div', { class: 'rec-preview' });
    const show = (u: PreviewUser): void => {
      const realSet = new Set(u.realOnly.map((x) => x.item));
      const augSet = new Set(u.augmented.map((x) => x.item));
      const list = (title: string, items: readonly { item: string; description?: string }[], other: Set<string> | null, ordered: boolean): HTMLElement =>
        h(
          'section',
          { attrs: { 'aria-label': title } },
          h('h3', {}, title),
          h(ordered ? 'ol' : 'ul', { class: 'items' }, ...items.map((x) => h('li', { class: other && !other.has(x.item) ? 'only-here' : '' }, h('code', {}, x.item), x.description ? ` ${x.description}` : ''))),
        );
      replace(lists, list(t('lab.history'), u.history, null, false), list(t('lab.realOnly'), u.realOnly.slice(0, 10), augSet, true), list(t('lab.augmented'), u.augmented.slice(0, 10), realSet, true));
    };
    show(current);
    return h(
      'section',
      {},
      h('h2', {}, t('lab.preview')),
      h('div', { class: 'toolbar' }, field(t('lab.user'), select(t('lab.user'), users.map((u) => ({ value: u.user, label: u.user })), current.user, (id) => {
        ui.labUser = id;
        this.ctx.saveUi();
        const u = users.find((x) => x.user === id);
        if (u) show(u);
      }))),
      lists,
    );
  }
}

function experimentLabel(r: LabRow): string {
  const kind = tOr(`lab.training.${r.training}`, r.training);
  const ratio = r.ratio !== undefined ? ` ×${r.ratio}` : '';
  const group = r.group && r.group !== 'all' ? ` · ${r.group}` : '';
  return `${r.model} · ${kind}${ratio} · ${Math.round(r.keep * 100)}%${group}`;
}

function labTable(rows: readonly LabRow[], metrics: readonly string[]): HTMLElement {
  const arrow = { up: '▲', down: '▼', '': '' } as const;
  const hasGroups = rows.some((r) => r.group !== undefined);
  return h(
    'div',
    { class: 'scroll-x' },
    h(
      'table',
      { class: 'grid', attrs: { 'aria-label': t('tab.recommendations') } },
      h('thead', {}, h('tr', {}, ...[t('lab.model'), t('lab.training'), t('lab.keep'), ...(hasGroups ? [t('lab.group')] : []), ...metrics].map((x) => h('th', { attrs: { scope: 'col' } }, x)))),
      h(
        'tbody',
        {},
        ...rows.map((r) =>
          h(
            'tr',
            { class: `train-${r.training}` },
            h('th', { attrs: { scope: 'row' } }, r.model),
            h('td', {}, tOr(`lab.training.${r.training}`, r.training) + (r.ratio !== undefined ? ` ×${r.ratio}` : '')),
            h('td', { class: 'num' }, `${Math.round(r.keep * 100)}%`),
            hasGroups ? h('td', {}, r.group ?? '') : null,
            ...metrics.map((k) => {
              const c = labCell(r, k, rows);
              return h('td', { class: `num ${c.direction}` }, c.text, c.mark ? h('sup', { class: 'sig' }, c.mark) : null, c.direction ? h('span', { class: `dir ${c.direction}`, attrs: { 'aria-label': c.direction } }, ` ${arrow[c.direction]}`) : null);
            }),
          ),
        ),
      ),
    ),
  );
}
