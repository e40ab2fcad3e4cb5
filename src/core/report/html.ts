/**
 * report.html: one self-contained page (inline CSS and SVG, no script, no network) showing the
 * overall score, per-column scores worst first with real vs synthetic distributions, pair-trend
 * heatmaps for real and synthetic, and the privacy verdict. Every user string is escaped.
 */
import type { ColumnChart, QualityReport } from '../quality/reportTypes';
import { escapeHtml, fmtPct, fmtScore } from './escape';
import { columnChartSvg, heatmapSvg, REAL_COLOUR, SYNTHETIC_COLOUR } from './svg';

export interface RenderOptions {
  readonly title: string;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#222;background:#fafafa}
main{max-width:1100px;margin:0 auto;padding:16px 24px 48px}
h1{font-size:22px;margin:8px 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.muted{color:#666}.scores{display:flex;gap:16px;flex-wrap:wrap;margin:12px 0}
.score{background:#fff;border:1px solid #ddd;border-radius:8px;padding:10px 16px;min-width:150px}
.score .v{font-size:28px;font-weight:600}.score .l{color:#555;font-size:12px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(380px,1fr));gap:12px}
.card{background:#fff;border:1px solid #ddd;border-radius:8px;padding:8px 10px}
.card h3{font-size:14px;margin:0 0 4px;display:flex;justify-content:space-between;gap:8px}
.card h3 span{font-weight:400;color:#555}
table{border-collapse:collapse;background:#fff;margin:6px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;font-size:13px}
th{background:#f0f0f0}.num{text-align:right;font-variant-numeric:tabular-nums}
.verdict{border-radius:8px;padding:10px 14px;margin:8px 0;border:1px solid}
.low-risk{background:#eef8ee;border-color:#7bbf7b}.caution{background:#fff8e6;border-color:#e0b34a}.high-risk{background:#fdecec;border-color:#d66}
.legend span{display:inline-block;width:12px;height:12px;margin:0 4px -2px 12px;border-radius:2px}
.heatmaps{display:flex;gap:24px;flex-wrap:wrap}.heatmaps figure{margin:0}figcaption{font-weight:600;margin-bottom:4px}
`;

function scoreBox(label: string, value: number | null, note = ''): string {
  return `<div class="score"><div class="v">${fmtScore(value)}</div><div class="l">${escapeHtml(label)}${note ? `<br>${escapeHtml(note)}` : ''}</div></div>`;
}

function chartCards(report: QualityReport): string {
  const charts = new Map<string, ColumnChart>(report.charts.columns.map((c) => [c.column, c]));
  // Worst first; columns without a score go last.
  const details = [...report.quality.columnShapesDetails].sort((a, b) => (a.score ?? 2) - (b.score ?? 2));
  return details
    .map((d) => {
      const chart = charts.get(d.column);
      const reason = d.reason ? `<p class="muted">${escapeHtml(d.reason)}</p>` : '';
      return `<div class="card"><h3>${escapeHtml(d.column)} <span>${escapeHtml(d.metric)} ${fmtScore(d.score)}</span></h3>${reason}${chart ? columnChartSvg(chart) : ''}</div>`;
    })
    .join('\n');
}

function pairTable(report: QualityReport): string {
  const q = report.quality;
  const details = q.columnPairTrendsDetails;
  const kept = details.filter((p) => p.meetsThreshold);
  const rows = kept
    .sort((a, b) => (a.score ?? 2) - (b.score ?? 2))
    .map(
      (p) =>
        `<tr><td>${escapeHtml(p.column1)}</td><td>${escapeHtml(p.column2)}</td><td>${escapeHtml(p.metric)}</td><td class="num">${fmtScore(p.score)}</td><td class="num">${fmtScore(p.realCorrelation ?? p.realAssociation)}</td><td class="num">${fmtScore(p.syntheticCorrelation)}</td></tr>`,
    )
    .join('');
  const filtered = details.length - kept.length;
  return `<p class="muted">Pairs count towards the score only when the real data shows a trend: |Pearson r| &gt; ${q.realCorrelationThreshold} for numeric pairs, Cramér's V &gt; ${q.realAssociationThreshold} otherwise (SDMetrics' rule). ${filtered} of ${details.length} pairs were left out by that rule.</p>
<table><tr><th>Column 1</th><th>Column 2</th><th>Metric</th><th>Score</th><th>Real r / V</th><th>Synthetic r</th></tr>${rows || '<tr><td colspan="6">No pair meets the thresholds.</td></tr>'}</table>`;
}

function privacySection(report: QualityReport): string {
  const p = report.privacy;
  const v = p.verdict;
  const row = (label: string, score: number | null, detail: string): string =>
    `<tr><td>${escapeHtml(label)}</td><td class="num">${fmtScore(score)}</td><td>${escapeHtml(detail)}</td></tr>`;
  const { newRowSynthesis: nrs, dcrBaselineProtection: base, dcrOverfittingProtection: over, dcrOverfittingBalanced: balanced, nndr } = p.breakdown;
  return `<div class="verdict ${v.level}"><strong>${escapeHtml(v.summary)}</strong><ul>${v.findings.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul></div>
<table><tr><th>Metric</th><th>Score</th><th>Detail</th></tr>
${row('NewRowSynthesis', nrs.score, nrs.score === null ? nrs.reason : `${nrs.numMatchedRows} of ${nrs.numNewRows + nrs.numMatchedRows} rows copy a real row`)}
${row('DCRBaselineProtection', base.score, base.score === null ? base.reason : `median DCR ${base.medianDcrToReal.syntheticData.toFixed(4)} (synthetic) vs ${base.medianDcrToReal.randomDataBaseline.toFixed(4)} (random)`)}
${over === null ? row('DCROverfittingProtection', null, 'no holdout given') : row('DCROverfittingProtection', over.score, over.score === null ? over.reason : `${fmtPct(over.syntheticDataPercentages.closerToTraining)} closer to training than holdout`)}
${balanced ? row('DCROverfittingProtection, size-matched', balanced.score, `${fmtPct(balanced.syntheticDataPercentages.closerToTraining)} closer to ${balanced.trainingRowsUsed} sampled training rows than to the holdout`) : ''}
${row('NNDR (median)', nndr.score, nndr.score === null ? nndr.reason : `${fmtPct(nndr.shareBelowHalf)} of rows under 0.5`)}
</table><p class="muted">Distances use ${p.dcrRowsUsed.toLocaleString('en-US')} synthetic rows.</p>`;
}

function validitySection(report: QualityReport): string {
  const v = report.validity;
  const rows = [
    ...v.boundaryAdherence.map((b) => `<tr><td>${escapeHtml(b.column)}</td><td>BoundaryAdherence</td><td class="num">${fmtScore(b.score)}</td></tr>`),
    ...v.categoryAdherence.map(
      (c) =>
        `<tr><td>${escapeHtml(c.column)}</td><td>CategoryAdherence</td><td class="num">${fmtScore(c.score)}</td></tr>`,
    ),
  ];
  if (v.keyUniqueness) rows.push(`<tr><td>${escapeHtml(v.keyUniqueness.column)}</td><td>KeyUniqueness</td><td class="num">${fmtScore(v.keyUniqueness.score)}</td></tr>`);
  return `<table><tr><th>Column</th><th>Check</th><th>Score</th></tr>${rows.join('')}</table>`;
}

function diversitySection(report: QualityReport): string {
  const d = report.diversity;
  const rows = d.categories
    .map(
      (c) =>
        `<tr><td>${escapeHtml(c.column)}</td><td class="num">${fmtPct(c.coverage)}</td><td class="num">${c.realCategories}</td><td class="num">${c.syntheticCategories}</td><td class="num">${c.entropyReal.toFixed(2)} / ${c.entropySynthetic.toFixed(2)}</td></tr>`,
    )
    .join('');
  return `<p>Duplicate rows: ${fmtPct(d.duplicateRowRate.synthetic)} of synthetic rows repeat another synthetic row (real data: ${fmtPct(d.duplicateRowRate.real)}).</p>
${rows ? `<table><tr><th>Column</th><th>Category coverage</th><th>Real categories</th><th>Synthetic categories</th><th>Entropy real / synthetic (bits)</th></tr>${rows}</table>` : ''}`;
}

export function renderReportHtml(report: QualityReport, options: RenderOptions): string {
  const q = report.quality;
  const det = report.detection.logisticDetection;
  const heatmaps =
    report.charts.pairs.columns.length >= 2
      ? `<div class="heatmaps"><figure><figcaption>Real</figcaption>${heatmapSvg(report.charts.pairs, 'real')}</figure><figure><figcaption>Synthetic</figcaption>${heatmapSvg(report.charts.pairs, 'synthetic')}</figure></div>
<p class="muted">Pearson r for numeric pairs, Cramér's V (on 10 equal-width bins) otherwise. Blue: positive, red: negative.</p>`
      : '<p class="muted">Fewer than two columns: no pairs.</p>';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title><style>${CSS}</style></head>
<body><main>
<h1>${escapeHtml(options.title)}</h1>
<p class="muted">${report.rows.real.toLocaleString('en-US')} real rows, ${report.rows.synthetic.toLocaleString('en-US')} synthetic rows${report.rows.holdout !== null ? `, ${report.rows.holdout.toLocaleString('en-US')} holdout rows` : ''}; ${report.columns.length} columns scored${report.ignoredColumns.length ? ` (not scored: ${escapeHtml(report.ignoredColumns.join(', '))})` : ''}. Seed ${report.seed}.</p>
<div class="scores">
${scoreBox('Overall quality', q.overall, 'SDMetrics Quality Report')}
${scoreBox('Column Shapes', q.columnShapes)}
${scoreBox('Column Pair Trends', q.columnPairTrends)}
${scoreBox('Detection (logistic)', det.score, '1 = indistinguishable')}
</div>
<h2>Privacy</h2>
${privacySection(report)}
<h2>Column shapes, worst first</h2>
<p class="legend"><span style="background:${REAL_COLOUR}"></span>Real <span style="background:${SYNTHETIC_COLOUR}"></span>Synthetic</p>
<div class="cards">
${chartCards(report)}
</div>
<h2>Column pair trends</h2>
${heatmaps}
${pairTable(report)}
<h2>Validity</h2>
${validitySection(report)}
<h2>Diversity</h2>
${diversitySection(report)}
</main></body></html>
`;
}
