/**
 * Quality & privacy tab: overall, column-shape and pair-trend scores; per-column scores worst
 * first, each with its real vs synthetic distribution; pair heatmaps real vs synthetic; the
 * privacy verdict in plain words; behaviour figures when the run has them.
 */
import type { Figure, PrivacySection, QualityColumn, QualityReport } from '../../../src/protocol/webview';
import { figureChart, heatmap, overlayChart } from '../charts/small';
import { h, replace } from '../dom';
import { formatScore } from '../format';
import { t } from '../i18n';

/** Worst first; columns where the metric does not apply go last. */
export function worstFirst(columns: readonly QualityColumn[]): QualityColumn[] {
  return [...columns].sort((a, b) => (a.score ?? Infinity) - (b.score ?? Infinity) || a.name.localeCompare(b.name));
}

export class QualityTab {
  readonly element: HTMLElement;

  constructor() {
    this.element = h('div', { class: 'tab-body' }, h('p', { class: 'muted' }, t('quality.none')));
  }

  setReport(report: QualityReport | undefined, figures: readonly Figure[] | undefined): void {
    if (!report && !figures?.length) {
      replace(this.element, h('p', { class: 'muted' }, t('quality.none')));
      return;
    }
    const parts: (HTMLElement | null)[] = [];
    if (report) {
      const na = t('quality.notApplicable');
      const q = report.quality;
      parts.push(
        h(
          'div',
          { class: 'score-tiles' },
          tile(t('quality.overall'), formatScore(q.overall, na), q.overall ?? null, true),
          tile(t('quality.columnShapes'), formatScore(q.columnShapes, na), q.columnShapes ?? null),
          tile(t('quality.pairTrends'), formatScore(q.columnPairTrends, na), q.columnPairTrends ?? null),
        ),
      );
      if (q.columns?.length) parts.push(h('h2', {}, t('quality.perColumn')), h('div', { class: 'column-scores' }, ...worstFirst(q.columns).map((c) => columnScore(c))));
      if (q.pairs && q.pairs.columns.length > 1) {
        const p = q.pairs;
        const measure = p.measure ?? '';
        parts.push(
          h('h2', {}, t('quality.pairs')),
          measure ? h('p', { class: 'muted' }, measure) : null,
          h(
            'div',
            { class: 'side-by-side' },
            h('figure', {}, h('figcaption', {}, t('synth.real')), heatmap(p.columns, p.real, t('quality.heatmapLabel', t('synth.real'), p.columns.length))),
            h('figure', {}, h('figcaption', {}, t('synth.synthetic')), heatmap(p.columns, p.synthetic, t('quality.heatmapLabel', t('synth.synthetic'), p.columns.length))),
            p.scores
              ? h('figure', {}, h('figcaption', {}, t('quality.pairScores')), heatmap(p.columns, p.scores, t('quality.heatmapLabel', t('quality.pairScores'), p.columns.length)))
              : null,
          ),
        );
      }
      if (report.privacy) parts.push(...privacy(report.privacy));
    }
    if (figures?.length) parts.push(h('h2', {}, t('quality.behaviour')), h('div', { class: 'figures' }, ...figures.map((f) => h('figure', {}, h('figcaption', {}, f.title), figureChart(f)))));
    replace(this.element, ...parts);
  }
}

function scoreClass(s: number | null): string {
  if (s === null) return 'score-na';
  return s >= 0.8 ? 'score-good' : s >= 0.6 ? 'score-fair' : 'score-poor';
}

function tile(label: string, value: string, score: number | null, big = false): HTMLElement {
  return h('div', { class: `tile ${scoreClass(score)}${big ? ' big' : ''}`, attrs: { role: 'group', 'aria-label': `${label}: ${value}` } }, h('div', { class: 'tile-value' }, value), h('div', { class: 'tile-label' }, label));
}

function columnScore(c: QualityColumn): HTMLElement {
  const na = t('quality.notApplicable');
  const meter = h('span', { class: `meter ${scoreClass(c.score)}` });
  const fill = h('span', { class: 'meter-fill' });
  fill.style.width = `${Math.round((c.score ?? 0) * 100)}%`;
  meter.appendChild(fill);
  return h(
    'section',
    { class: 'card', attrs: { 'aria-label': `${c.name}: ${formatScore(c.score, na)}` } },
    h('header', {}, h('h3', { attrs: { title: c.name } }, c.name), h('span', { class: 'badge' }, c.metric ?? ''), h('strong', { class: scoreClass(c.score) }, formatScore(c.score, na))),
    meter,
    c.reason ? h('p', { class: 'reason' }, c.reason) : null,
    c.distribution ? overlayChart(c.distribution, { real: t('synth.real'), synthetic: t('synth.synthetic'), title: t('synth.overlayLabel', c.name) }, 300, 130) : null,
  );
}

function privacy(p: PrivacySection): (HTMLElement | null)[] {
  const na = t('quality.notApplicable');
  const rows: [string, string][] = [];
  if (p.newRowSynthesis !== undefined) rows.push([t('quality.newRowSynthesis'), formatScore(p.newRowSynthesis, na)]);
  if (p.dcrBaselineProtection !== undefined) rows.push([t('quality.dcrBaseline'), formatScore(p.dcrBaselineProtection, na)]);
  if (p.dcrOverfittingProtection !== undefined) rows.push([t('quality.dcrOverfitting'), formatScore(p.dcrOverfittingProtection, na)]);
  if (p.copiesRemoved !== undefined) rows.push([t('quality.copiesRemoved'), String(p.copiesRemoved)]);
  const level = p.level ?? 'good';
  const iconName = level === 'good' ? 'shield' : level === 'warning' ? 'warning' : 'error';
  return [
    h('h2', {}, t('quality.privacy')),
    p.verdict ? h('p', { class: `verdict verdict-${level}`, attrs: { role: 'note' } }, h('span', { class: `codicon codicon-${iconName}`, attrs: { 'aria-hidden': 'true' } }), ` ${p.verdict}`) : null,
    h('dl', { class: 'stats wide' }, ...rows.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v)))),
  ];
}
