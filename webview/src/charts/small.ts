/**
 * Small SVG charts drawn locally (no network, no eval): profile histograms and top-value bars,
 * real vs synthetic overlays, pair heatmaps, metric intervals and generic figures. Colours come
 * from CSS classes bound to VS Code's chart colour variables, so every theme applies.
 */
import type { DistributionPair, Figure, TopValue } from '../../../src/protocol/webview';
import { figureSvg, h, s } from '../dom';
import { formatNumber } from '../format';

const truncate = (x: string, n: number): string => (x.length > n ? `${x.slice(0, n - 1)}…` : x);

/** Bars of a profile histogram, sized to the largest count. */
export function sparkHistogram(counts: readonly number[], label: string, width = 160, height = 40): SVGSVGElement {
  const max = Math.max(1, ...counts);
  const bw = width / Math.max(1, counts.length);
  return figureSvg(
    width,
    height,
    label,
    ...counts.map((c, i) => {
      const bh = c === 0 ? 0 : Math.max(1, (c / max) * (height - 2));
      return s('rect', { x: i * bw + 0.5, y: height - bh, width: Math.max(1, bw - 1), height: bh, class: 'bar real' }, s('title', {}, formatNumber(c)));
    }),
  );
}

/** Top values as horizontal bars with their counts; the remainder as "other". */
export function topValueBars(top: readonly TopValue[], other: number, otherLabel: string, label: string): HTMLElement {
  const max = Math.max(1, other, ...top.map((t) => t.count));
  const row = (name: string, count: number, cls: string): HTMLElement => {
    const bar = h('span', { class: `tv-bar ${cls}` });
    bar.style.width = `${(100 * count) / max}%`;
    return h(
      'li',
      { attrs: { title: `${name}: ${count}` } },
      h('span', { class: 'tv-name' }, name === '' ? '""' : name),
      h('span', { class: 'tv-track' }, bar),
      h('span', { class: 'tv-count' }, formatNumber(count)),
    );
  };
  return h(
    'ul',
    { class: 'top-values', attrs: { 'aria-label': label } },
    ...top.map((t) => row(t.value, t.count, 'real')),
    other > 0 ? row(otherLabel, other, 'other') : null,
  );
}

/** Real vs synthetic, as paired bars (categories) or overlaid histograms (numbers). */
export function overlayChart(d: DistributionPair, labels: { real: string; synthetic: string; title: string }, width = 360, height = 150): SVGSVGElement {
  const n = d.kind === 'histogram' ? d.real.length : d.categories.length;
  const top = 14;
  const bottom = d.kind === 'categories' ? 34 : 16;
  const plotH = height - top - bottom;
  const max = Math.max(1e-12, ...d.real, ...d.synthetic);
  const bw = width / Math.max(1, n);
  const bars: SVGElement[] = [];
  for (let i = 0; i < n; i++) {
    const r = d.real[i] ?? 0;
    const sy = d.synthetic[i] ?? 0;
    const name = d.kind === 'categories' ? (d.categories[i] ?? '') : `${formatNumber(d.edges[i] ?? 0)} – ${formatNumber(d.edges[i + 1] ?? 0)}`;
    const tip = `${name}: ${labels.real} ${(100 * r).toFixed(1)}%, ${labels.synthetic} ${(100 * sy).toFixed(1)}%`;
    const hr = (r / max) * plotH;
    const hs = (sy / max) * plotH;
    if (d.kind === 'categories') {
      const w = Math.max(1, bw / 2 - 1);
      bars.push(s('rect', { x: i * bw + 0.5, y: top + plotH - hr, width: w, height: hr, class: 'bar real' }, s('title', {}, tip)));
      bars.push(s('rect', { x: i * bw + 0.5 + w, y: top + plotH - hs, width: w, height: hs, class: 'bar synthetic' }, s('title', {}, tip)));
      bars.push(s('text', { x: i * bw + bw / 2, y: height - bottom + 12, class: 'tick', 'text-anchor': 'middle' }, truncate(name, Math.max(3, Math.floor(bw / 6)))));
    } else {
      bars.push(s('rect', { x: i * bw + 0.5, y: top + plotH - hr, width: Math.max(1, bw - 1), height: hr, class: 'bar real translucent' }, s('title', {}, tip)));
      // Synthetic as an outline over the filled real bars: both stay readable where they overlap.
      bars.push(s('rect', { x: i * bw + 1.5, y: top + plotH - hs, width: Math.max(1, bw - 3), height: hs, class: 'bar synthetic outline' }, s('title', {}, tip)));
    }
  }
  if (d.kind === 'histogram') {
    bars.push(s('text', { x: 0, y: height - 3, class: 'tick' }, formatNumber(d.edges[0] ?? 0)));
    bars.push(s('text', { x: width, y: height - 3, class: 'tick', 'text-anchor': 'end' }, formatNumber(d.edges[d.edges.length - 1] ?? 0)));
  }
  const legend = [
    s('rect', { x: width - 150, y: 2, width: 9, height: 9, class: 'bar real' }),
    s('text', { x: width - 137, y: 10, class: 'tick' }, labels.real),
    s('rect', { x: width - 75, y: 2, width: 9, height: 9, class: 'bar synthetic' }),
    s('text', { x: width - 62, y: 10, class: 'tick' }, labels.synthetic),
  ];
  return figureSvg(width, height, labels.title, s('line', { x1: 0, x2: width, y1: top + plotH + 0.5, y2: top + plotH + 0.5, class: 'axis' }), ...bars, ...legend);
}

/** A square matrix of values in [-1, 1] (or [0, 1]); blue positive, red negative, blank where null. */
export function heatmap(columns: readonly string[], m: readonly (readonly (number | null)[])[], label: string): SVGSVGElement {
  const n = columns.length;
  const cell = Math.max(10, Math.min(28, Math.floor(320 / Math.max(1, n))));
  const left = 90;
  const topPad = 90;
  const size = n * cell;
  const parts: SVGElement[] = [];
  for (let i = 0; i < n; i++) {
    const name = columns[i] ?? '';
    parts.push(s('text', { x: left - 4, y: topPad + i * cell + cell / 2 + 4, class: 'tick', 'text-anchor': 'end' }, truncate(name, 14)));
    parts.push(s('text', { x: 0, y: 0, class: 'tick', transform: `translate(${left + i * cell + cell / 2 + 4},${topPad - 4}) rotate(-60)` }, truncate(name, 14)));
    for (let j = 0; j < n; j++) {
      const v = m[i]?.[j] ?? null;
      const tip = `${name} × ${columns[j] ?? ''}: ${v === null ? '—' : v.toFixed(3)}`;
      const rect = s('rect', {
        x: left + j * cell,
        y: topPad + i * cell,
        width: cell - 1,
        height: cell - 1,
        class: v === null ? 'cell empty' : v >= 0 ? 'cell pos' : 'cell neg',
        'fill-opacity': v === null ? undefined : Math.min(1, Math.abs(v)).toFixed(3),
      }, s('title', {}, tip));
      parts.push(rect);
      if (v !== null && cell >= 26) parts.push(s('text', { x: left + j * cell + cell / 2, y: topPad + i * cell + cell / 2 + 3, class: 'cell-text', 'text-anchor': 'middle' }, v.toFixed(2)));
    }
  }
  return figureSvg(left + size + 4, topPad + size + 4, label, ...parts);
}

export interface IntervalPoint {
  readonly label: string;
  readonly value: number;
  readonly low?: number;
  readonly high?: number;
  readonly cls: string;
}

/** One row per experiment: a dot at the value and a whisker over its 95% interval. */
export function intervalChart(points: readonly IntervalPoint[], label: string, width = 520): SVGSVGElement {
  const rowH = 18;
  const left = 250;
  const right = 50;
  const height = points.length * rowH + 24;
  const lo = Math.min(...points.map((p) => p.low ?? p.value));
  const hi = Math.max(...points.map((p) => p.high ?? p.value));
  const span = hi - lo || Math.abs(hi) || 1;
  const x = (v: number): number => left + ((v - (lo - span * 0.05)) / (span * 1.1)) * (width - left - right);
  const parts: SVGElement[] = [];
  points.forEach((p, i) => {
    const y = 10 + i * rowH + rowH / 2;
    parts.push(s('text', { x: left - 6, y: y + 4, class: 'tick', 'text-anchor': 'end' }, truncate(p.label, 44)));
    if (p.low !== undefined && p.high !== undefined) parts.push(s('line', { x1: x(p.low), x2: x(p.high), y1: y, y2: y, class: `whisker ${p.cls}` }));
    parts.push(s('circle', { cx: x(p.value), cy: y, r: 4, class: `dot ${p.cls}` }, s('title', {}, `${p.label}: ${p.value.toFixed(4)}`)));
  });
  parts.push(s('text', { x: left, y: height - 2, class: 'tick' }, formatNumber(lo)));
  parts.push(s('text', { x: width - right, y: height - 2, class: 'tick', 'text-anchor': 'end' }, formatNumber(hi)));
  return figureSvg(width, height, label, ...parts);
}

/** A generic figure from the run (behaviour statistics): bars or lines, one colour per series. */
export function figureChart(f: Figure, width = 420, height = 180): SVGSVGElement {
  const top = 16;
  const bottom = 22;
  const plotH = height - top - bottom;
  const n = f.x.length;
  const all = f.series.flatMap((se) => se.values.filter((v): v is number => v !== null));
  const max = Math.max(1e-12, ...all);
  const parts: SVGElement[] = [s('line', { x1: 0, x2: width, y1: top + plotH + 0.5, y2: top + plotH + 0.5, class: 'axis' })];
  const bw = width / Math.max(1, n);
  f.series.forEach((se, k) => {
    const cls = `c${k % 6}`;
    if (f.kind === 'bars') {
      const w = Math.max(1, bw / f.series.length - 1);
      se.values.forEach((v, i) => {
        if (v === null) return;
        const bh = (v / max) * plotH;
        parts.push(s('rect', { x: i * bw + k * w, y: top + plotH - bh, width: w, height: bh, class: `bar ${cls}` }, s('title', {}, `${se.name} ${String(f.x[i])}: ${formatNumber(v)}`)));
      });
    } else {
      const pts = se.values
        .map((v, i) => (v === null ? null : `${i * bw + bw / 2},${top + plotH - (v / max) * plotH}`))
        .filter((p): p is string => p !== null);
      parts.push(s('polyline', { points: pts.join(' '), class: `line ${cls}` }, s('title', {}, se.name)));
    }
    parts.push(s('rect', { x: 4 + k * 110, y: 2, width: 9, height: 9, class: `bar ${cls}` }));
    parts.push(s('text', { x: 17 + k * 110, y: 10, class: 'tick' }, truncate(se.name, 16)));
  });
  if (n > 0) {
    parts.push(s('text', { x: 0, y: height - 4, class: 'tick' }, String(f.x[0])));
    parts.push(s('text', { x: width, y: height - 4, class: 'tick', 'text-anchor': 'end' }, String(f.x[n - 1])));
  }
  return figureSvg(width, height, f.title, ...parts);
}
