/** Host messages shaped like a real Online Retail run, for the webview tests and screenshots. */
import type { Cell, HostMessage } from '../../../../src/protocol/webview';
import { DEFAULT_STRINGS } from '../../../../src/protocol/webview-strings';
import { Rng } from '../../../../src/core/runtime/rng';

const v = 1 as const;
export const XSS = '<img src=x onerror="window.__problems.push(\'xss\')">';
const COLUMNS = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'];
const COUNTRIES = ['United Kingdom', 'France', 'Germany', 'EIRE', 'Spain', 'Netherlands'];
const ITEMS = ['85123A', '22423', '85099B', '47566', '20725', '84879', '22720', '21212'];
const DESCS = ['WHITE HANGING HEART T-LIGHT HOLDER', 'REGENCY CAKESTAND 3 TIER', 'JUMBO BAG RED RETROSPOT', 'PARTY BUNTING', 'LUNCH BAG RED RETROSPOT', 'ASSORTED COLOUR BIRD ORNAMENT', 'SET OF 3 CAKE TINS PANTRY DESIGN', 'PACK OF 72 RETROSPOT CAKE CASES'];

export function rows(n: number, seed: number, withXss = false): Cell[][] {
  const r = new Rng(seed);
  const out: Cell[][] = [];
  for (let i = 0; i < n; i++) {
    const k = Math.floor(r.uniform() * ITEMS.length);
    out.push([
      String(536365 + Math.floor(i / 4)),
      ITEMS[k]!,
      withXss && i === 1 ? XSS : DESCS[k]!,
      1 + Math.floor(r.uniform() * r.uniform() * 24),
      `2011-0${1 + Math.floor(r.uniform() * 8)}-1${Math.floor(r.uniform() * 9)} 10:${10 + Math.floor(r.uniform() * 49)}`,
      Math.round((0.4 + r.uniform() * r.uniform() * 12) * 100) / 100,
      r.uniform() < 0.1 ? null : 12346 + Math.floor(r.uniform() * 4000),
      COUNTRIES[Math.floor(r.uniform() * r.uniform() * COUNTRIES.length)]!,
    ]);
  }
  return out;
}

export function init(strings: Record<string, string> = { ...DEFAULT_STRINGS }): HostMessage {
  return {
    v, type: 'init', dataset: { path: '/work/data/online-retail.csv', name: 'online-retail.csv' }, strings, backend: 'wasm',
    models: ['auto', 'copula', 'ctgan', 'tvae'], defaults: { model: 'auto', rows: 5000, seed: 42 },
  };
}

export function profile(withXss = false): HostMessage {
  return {
    v, type: 'profile', totalRows: 320705,
    roles: ['user_id', 'item_id', 'timestamp', 'event_type', 'quantity', 'price', 'categorical', 'numeric', 'text', 'identifier', 'basket'],
    columns: [
      { name: 'InvoiceNo', role: 'basket', type: 'id', reason: 'name contains "invoice"; many rows per value', missingPct: 0, distinct: 18536, topValues: [{ value: '573585', count: 1114 }, { value: '581219', count: 749 }], otherCount: 318842 },
      { name: 'StockCode', role: 'item_id', type: 'id', reason: 'name contains "code"; 3,684 distinct values', missingPct: 0, distinct: 3684, topValues: [{ value: '85123A', count: 1421 }, { value: '22423', count: 1301 }, { value: '85099B', count: 1122 }], otherCount: 316861 },
      { name: withXss ? XSS : 'Description', role: 'text', type: 'text', reason: 'long strings', missingPct: 0.4, distinct: 3896, topValues: [{ value: withXss ? XSS : 'WHITE HANGING HEART T-LIGHT HOLDER', count: 1398 }], otherCount: 317900 },
      { name: 'Quantity', role: 'quantity', type: 'numerical', reason: 'integer, name matches quantity', missingPct: 0, distinct: 436, histogram: { edges: [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5], counts: [5200, 4100, 2900, 2600, 900, 1300, 400, 300, 200, 1200, 100, 3900] }, min: 1, max: 12, mean: 5.2 },
      { name: 'InvoiceDate', role: 'timestamp', type: 'datetime', reason: 'parses as dates', missingPct: 0, distinct: 17286, histogram: { edges: [1291161600000, 1296000000000, 1301000000000, 1306000000000, 1311000000000, 1314835200000], counts: [40000, 52000, 61000, 70000, 97000] }, min: 1291161600000, max: 1314835200000, mean: 1303000000000 },
      { name: 'UnitPrice', role: 'price', type: 'numerical', reason: 'decimal, name matches price', missingPct: 0, distinct: 620, histogram: { edges: [0, 1, 2, 3, 4, 5, 6, 7, 8], counts: [90000, 110000, 50000, 30000, 20000, 9000, 6000, 5705] }, min: 0.04, max: 8, mean: 2.9 },
      { name: 'CustomerID', role: 'user_id', type: 'id', reason: 'name contains "customer"', missingPct: 24.9, distinct: 3950, topValues: [{ value: '17841', count: 4876 }, { value: '14911', count: 3122 }], otherCount: 232000 },
      { name: 'Country', role: 'categorical', type: 'categorical', reason: '37 distinct values', missingPct: 0, distinct: 37, topValues: COUNTRIES.map((c, i) => ({ value: c, count: Math.round(290000 / (i + 1) ** 2) })), otherCount: 2100 },
    ],
    realPreview: { columns: COLUMNS, rows: rows(1000, 1, withXss) },
    preprocess: {
      rowsIn: 320705, rowsOut: 232959,
      rules: [
        { id: 'missing-key', title: 'Rows missing CustomerID', rowsRemoved: 79854, valuesChanged: 0, columns: ['CustomerID'], examples: ['row 623', 'row 1444'] },
        { id: 'cancellations', title: 'Cancellations (invoice starts with C)', rowsRemoved: 5172, valuesChanged: 0, columns: ['InvoiceNo'], examples: ['C536379', withXss ? XSS : 'C536383'] },
        { id: 'non-product', title: 'Non-product codes (POST, M, BANK CHARGES)', rowsRemoved: 1104, valuesChanged: 0, columns: ['StockCode'], examples: ['POST', 'M'] },
        { id: 'duplicates', title: 'Exact duplicate lines', rowsRemoved: 1616, valuesChanged: 0, columns: [], examples: [{ row: 517, duplicateOf: 485 }] },
        { id: 'clip', title: 'Outliers clipped to the 99.9th percentile', rowsRemoved: 0, valuesChanged: 412, columns: ['Quantity', 'UnitPrice'], examples: [80995] },
      ],
    },
  };
}

export function runStarted(runId = 'r2'): HostMessage {
  return { v, type: 'runStarted', runId, model: 'ctgan', config: { model: 'ctgan', rows: 5000, seed: 42, epochs: 300, table: 'items' } };
}

export function progress(runId: string, step: number, total = 300): HostMessage {
  return {
    v, type: 'progress', runId, stage: 'fitting', fraction: step / total, step, totalSteps: total, epoch: Math.floor(step / 3),
    losses: { generator: 1.6 * Math.exp(-step / 80) + 0.4 + 0.05 * Math.sin(step), discriminator: -0.3 * Math.exp(-step / 120) + 0.05 * Math.cos(step * 1.3) },
    model: 'ctgan', elapsedMs: step * 410, etaMs: (total - step) * 410, throughput: 2.4, throughputUnit: 'steps/s',
  };
}

export function runFinished(runId: string, syntheticRows: number, withXss = false): HostMessage {
  const synth = rows(syntheticRows, 7, withXss);
  return {
    v, type: 'runFinished', runId, outputDir: '/work/data/online-retail.recsynth/2026-12-04T17-20-00', files: ['synthetic.csv', 'run.json', 'report.json'],
    timings: { reading: 900, preprocessing: 400, fitting: 122000, sampling: 310, evaluating: 2100, writing: 150 }, backend: 'wasm',
    syntheticPreview: { columns: COLUMNS, rows: synth }, totalRows: syntheticRows,
    quality: {
      quality: {
        overall: 0.873, columnShapes: 0.912, columnPairTrends: 0.834,
        columns: [
          { name: 'Quantity', metric: 'KSComplement', score: 0.81, distribution: { kind: 'histogram', edges: [0, 4, 8, 12, 16, 20, 24], real: [0.5, 0.25, 0.12, 0.08, 0.03, 0.02], synthetic: [0.42, 0.3, 0.14, 0.07, 0.05, 0.02] } },
          { name: 'UnitPrice', metric: 'KSComplement', score: 0.93, distribution: { kind: 'histogram', edges: [0, 2, 4, 6, 8], real: [0.6, 0.25, 0.1, 0.05], synthetic: [0.55, 0.3, 0.1, 0.05] } },
          { name: 'Country', metric: 'TVComplement', score: 0.97, distribution: { kind: 'categories', categories: COUNTRIES, real: [0.89, 0.03, 0.03, 0.02, 0.02, 0.01], synthetic: [0.9, 0.025, 0.03, 0.015, 0.02, 0.01] } },
          { name: 'InvoiceDate', metric: 'KSComplement', score: 0.66 },
          { name: 'CustomerID', metric: 'TVComplement', score: null, reason: 'identifiers are not compared' },
        ],
        pairs: {
          columns: ['Quantity', 'UnitPrice', 'InvoiceDate', 'Country'], measure: 'Spearman correlation (numbers), Cramér\'s V (categories)',
          real: [[1, -0.41, 0.05, 0.2], [-0.41, 1, -0.02, 0.1], [0.05, -0.02, 1, null], [0.2, 0.1, null, 1]],
          synthetic: [[1, -0.33, 0.01, 0.18], [-0.33, 1, 0.04, 0.12], [0.01, 0.04, 1, null], [0.18, 0.12, null, 1]],
          scores: [[null, 0.96, 0.98, 0.99], [0.96, null, 0.97, 0.99], [0.98, 0.97, null, null], [0.99, 0.99, null, null]],
        },
      },
      privacy: { verdict: 'No synthetic row copies a real one; synthetic rows are no closer to the training rows than to the holdout.', level: 'good', newRowSynthesis: 1, dcrBaselineProtection: 0.71, dcrOverfittingProtection: 0.96, copiesRemoved: 0 },
    },
    behaviour: { figures: [{ title: 'Events per user', kind: 'bars', x: ['1', '2-3', '4-7', '8-15', '16+'], series: [{ name: 'real', values: [0.31, 0.27, 0.2, 0.13, 0.09] }, { name: 'synthetic', values: [0.29, 0.28, 0.21, 0.13, 0.09] }] }] },
  };
}

export function runs(): HostMessage {
  return {
    v, type: 'runs', runs: [
      { runId: 'r1', startedAt: '2026-12-04T16:58:10Z', model: 'copula', status: 'finished', durationMs: 4100, outputDir: '/work/data/online-retail.recsynth/r1', config: { model: 'copula', rows: 5000, seed: 42, table: 'items' }, scores: { overall: 0.95 } },
      { runId: 'r2', startedAt: '2026-12-04T17:20:00Z', model: 'ctgan', status: 'running', config: { model: 'ctgan', rows: 5000, seed: 42, epochs: 300, table: 'items' } },
    ],
  };
}

export function labResult(): HostMessage {
  const m = (value: number, w: number, pValue?: number) => ({ value, low: value - w, high: value + w, ...(pValue !== undefined ? { pValue } : {}) });
  const results = [] as Extract<HostMessage, { type: 'labResult' }>['results'];
  for (const model of ['popularity', 'itemknn', 'bpr']) {
    for (const keep of [1, 0.25]) {
      const base = model === 'popularity' ? 0.021 : model === 'itemknn' ? 0.052 : 0.047;
      const b = base * (keep === 1 ? 1 : 0.7);
      results.push({ model, training: 'real', keep, metrics: { 'ndcg@10': m(b, 0.004), 'recall@20': m(b * 1.9, 0.006) } });
      results.push({ model, training: 'augmented', keep, ratio: 1, metrics: { 'ndcg@10': m(b * (keep === 1 ? 1.02 : 1.12), 0.004, keep === 1 ? 0.4 : 0.003), 'recall@20': m(b * 2, 0.006, 0.03) } });
      results.push({ model, training: 'synthetic', keep, metrics: { 'ndcg@10': m(b * 0.8, 0.005, 0.001), 'recall@20': m(b * 1.5, 0.007, 0.002) } });
    }
  }
  return {
    v, type: 'labResult', results,
    preview: {
      users: [
        { user: '17841', history: [{ item: '85123A', description: DESCS[0] }, { item: '22423', description: DESCS[1] }], realOnly: ITEMS.map((i, k) => ({ item: i, description: DESCS[k] })), augmented: [...ITEMS].reverse().map((i) => ({ item: i })) },
        { user: '14911', history: [{ item: '47566', description: DESCS[3] }], realOnly: ITEMS.slice(2).map((i) => ({ item: i })), augmented: ITEMS.slice(1).map((i) => ({ item: i })) },
      ],
    },
  };
}
