/**
 * Inline SVG charts for the HTML report: overlaid real / synthetic histograms, grouped category
 * bars and correlation heatmaps. Pure string building; every label goes through escapeHtml.
 */
import type { ColumnChart, PairMatrix } from '../quality/reportTypes';
import { escapeHtml } from './escape';

export const REAL_COLOUR = '#1f77b4';
export const SYNTHETIC_COLOUR = '#ff7f0e';

function axisLabel(v: number, datetime: boolean): string {
  if (datetime) return new Date(v).toISOString().slice(0, 10);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(1);
  return Number(v.toPrecision(3)).toString();
}

export function columnChartSvg(chart: ColumnChart): string {
  const width = 360;
  const height = 170;
  const left = 34;
  const bottom = 34;
  const plotW = width - left - 6;
  const plotH = height - bottom - 8;
  const top = 8;
  const real = chart.real;
  const synthetic = chart.synthetic;
  const max = Math.max(1e-12, ...real, ...synthetic);
  const y = (v: number): number => top + plotH - (v / max) * plotH;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(`Distribution of ${chart.column}, real vs synthetic`)}">`);
  parts.push(`<line x1="${left}" y1="${top + plotH}" x2="${width - 4}" y2="${top + plotH}" stroke="#999"/>`);
  parts.push(`<text x="${left - 4}" y="${top + 8}" font-size="9" text-anchor="end" fill="#666">${(max * 100).toFixed(0)}%</text>`);
  const n = real.length;
  const slot = plotW / Math.max(1, n);
  if (chart.kind === 'histogram') {
    // Overlaid: real as a filled bar, synthetic as an outlined, translucent bar on top.
    for (let i = 0; i < n; i++) {
      const x = left + i * slot;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y(real[i]!).toFixed(1)}" width="${(slot - 1).toFixed(1)}" height="${(top + plotH - y(real[i]!)).toFixed(1)}" fill="${REAL_COLOUR}" fill-opacity="0.55"/>`);
      parts.push(`<rect x="${x.toFixed(1)}" y="${y(synthetic[i]!).toFixed(1)}" width="${(slot - 1).toFixed(1)}" height="${(top + plotH - y(synthetic[i]!)).toFixed(1)}" fill="${SYNTHETIC_COLOUR}" fill-opacity="0.35" stroke="${SYNTHETIC_COLOUR}" stroke-width="1"/>`);
    }
    const dt = chart.sdtype === 'datetime';
    const e = chart.edges;
    parts.push(`<text x="${left}" y="${height - 18}" font-size="9" fill="#444">${escapeHtml(axisLabel(e[0]!, dt))}</text>`);
    parts.push(`<text x="${width - 6}" y="${height - 18}" font-size="9" text-anchor="end" fill="#444">${escapeHtml(axisLabel(e[e.length - 1]!, dt))}</text>`);
    if (chart.syntheticBelow > 0 || chart.syntheticAbove > 0) {
      parts.push(`<text x="${left}" y="${height - 6}" font-size="9" fill="#a33">synthetic outside the real range: ${(100 * chart.syntheticBelow).toFixed(1)}% below, ${(100 * chart.syntheticAbove).toFixed(1)}% above</text>`);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const x = left + i * slot;
      const w = Math.max(1, slot / 2 - 1);
      parts.push(`<rect x="${x.toFixed(1)}" y="${y(real[i]!).toFixed(1)}" width="${w.toFixed(1)}" height="${(top + plotH - y(real[i]!)).toFixed(1)}" fill="${REAL_COLOUR}"><title>${escapeHtml(`${chart.categories[i]}: real ${(100 * real[i]!).toFixed(1)}%`)}</title></rect>`);
      parts.push(`<rect x="${(x + w).toFixed(1)}" y="${y(synthetic[i]!).toFixed(1)}" width="${w.toFixed(1)}" height="${(top + plotH - y(synthetic[i]!)).toFixed(1)}" fill="${SYNTHETIC_COLOUR}"><title>${escapeHtml(`${chart.categories[i]}: synthetic ${(100 * synthetic[i]!).toFixed(1)}%`)}</title></rect>`);
      if (n <= 12) {
        const label = chart.categories[i]!.length > 10 ? `${chart.categories[i]!.slice(0, 9)}…` : chart.categories[i]!;
        parts.push(`<text x="${(x + slot / 2).toFixed(1)}" y="${height - 20}" font-size="8" text-anchor="middle" fill="#444">${escapeHtml(label)}</text>`);
      }
    }
    if (n > 12) parts.push(`<text x="${left}" y="${height - 18}" font-size="9" fill="#444">${n} categories, most frequent first (hover for names)</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

/** Colour for a cell: blue for positive, red for negative, white at 0. */
function cellColour(v: number | null): string {
  if (v === null) return '#eee';
  const a = Math.min(1, Math.abs(v));
  const [r, g, b] = v >= 0 ? [31, 119, 180] : [214, 39, 40];
  const mix = (c: number): number => Math.round(255 - (255 - c) * a);
  return `rgb(${mix(r)},${mix(g)},${mix(b)})`;
}

export function heatmapSvg(m: PairMatrix, which: 'real' | 'synthetic'): string {
  const n = m.columns.length;
  const cell = n <= 10 ? 34 : n <= 20 ? 20 : 12;
  const labelW = 110;
  const size = labelW + n * cell + 4;
  // Room on the right for the last rotated column label.
  const width = size + 60;
  const values = m[which];
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${size}" width="${width}" height="${size}" role="img" aria-label="${which} pair trends">`);
  for (let i = 0; i < n; i++) {
    const name = m.columns[i]!;
    const short = name.length > 16 ? `${name.slice(0, 15)}…` : name;
    parts.push(`<text x="${labelW - 4}" y="${labelW + i * cell + cell / 2 + 3}" font-size="9" text-anchor="end" fill="#333">${escapeHtml(short)}</text>`);
    parts.push(`<text transform="translate(${labelW + i * cell + cell / 2 + 3},${labelW - 4}) rotate(-60)" font-size="9" fill="#333">${escapeHtml(short)}</text>`);
    for (let j = 0; j < n; j++) {
      const v = i === j ? 1 : values[i]![j]!;
      const measure = m.measure[i]![j];
      const title = i === j ? name : `${m.columns[i]} × ${m.columns[j]}: ${measure === 'pearson' ? 'Pearson r' : "Cramér's V"} ${v === null ? 'n/a' : v.toFixed(3)}`;
      parts.push(`<rect x="${labelW + j * cell}" y="${labelW + i * cell}" width="${cell - 1}" height="${cell - 1}" fill="${cellColour(v)}"><title>${escapeHtml(title)}</title></rect>`);
      if (cell >= 30 && v !== null && i !== j) {
        parts.push(`<text x="${labelW + j * cell + cell / 2}" y="${labelW + i * cell + cell / 2 + 3}" font-size="8" text-anchor="middle" fill="${Math.abs(v) > 0.6 ? '#fff' : '#222'}">${v.toFixed(2)}</text>`);
      }
    }
  }
  parts.push('</svg>');
  return parts.join('');
}
