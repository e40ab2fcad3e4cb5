// The preprocessing report on the real Online Retail file, checked against an independent
// computation: a plain line-by-line CSV parse in JS applying the documented rules in the same order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readDataset } from '../../../src/core/data/io';
import { inferSchema } from '../../../src/core/data/schema';
import { preprocess, NON_PRODUCT_CODES, type RuleId } from '../../../src/core/data/preprocess';

const FILE = '../shared/data/online-retail/online_retail_2010-12_to_2011-08.csv';

/** RFC 4180 split of one physical line (the file has no quoted line breaks). */
function splitLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (q) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

interface Expected {
  counts: Record<string, number>;
  trimmed: number;
  examples: Record<string, number[]>;
  rowsIn: number;
  rowsOut: number;
  nonProductCodes: Map<string, number>;
  clipped: number;
}

function independent(): Expected {
  const lines = readFileSync(FILE, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const header = splitLine(lines[0]!);
  const col = (n: string): number => header.indexOf(n);
  const [iInv, iCode, iQty, iDate, iPrice, iCust] = ['InvoiceNo', 'StockCode', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID'].map(col) as [number, number, number, number, number, number];
  type Row = { n: number; f: (string | null)[] };
  let trimmed = 0;
  let rows: Row[] = lines.slice(1).map((line, k) => {
    const f = splitLine(line.replace(/\r$/, '')).map((raw) => {
      if (raw === '') return null; // an empty field is missing as read
      const t = raw.trim();
      if (t !== raw) trimmed++;
      return t === '' ? null : t;
    });
    return { n: k + 1, f };
  });
  const rowsIn = rows.length;
  const counts: Record<string, number> = {};
  const examples: Record<string, number[]> = {};
  const apply = (id: RuleId, drop: (r: Row) => boolean): void => {
    const kept: Row[] = [];
    const ex: number[] = [];
    let n = 0;
    for (const r of rows) {
      if (drop(r)) {
        n++;
        if (ex.length < 3) ex.push(r.n);
      } else kept.push(r);
    }
    counts[id] = n;
    examples[id] = ex;
    rows = kept;
  };
  const num = (s: string | null): number => (s === null ? NaN : Number(s));
  apply('unparsable', (r) =>
    [iQty, iPrice].some((i) => r.f[i] !== null && !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(r.f[i]!)) ||
    (r.f[iDate] !== null && !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(r.f[iDate]!)),
  );
  apply('cancellations', (r) => r.f[iInv] !== null && /^[Cc][0-9]/.test(r.f[iInv]!));
  apply('non_positive_quantity', (r) => num(r.f[iQty]!) <= 0);
  const codes = new Set(rows.map((r) => r.f[iCode]).filter((c): c is string => c !== null));
  const digitRule = [...codes].filter((c) => /[0-9]/.test(c)).length / codes.size >= 0.9;
  const nonProductCodes = new Map<string, number>();
  apply('non_product', (r) => {
    const c = r.f[iCode];
    if (c === null || c === undefined) return false;
    const l = c.toLowerCase();
    const hit = NON_PRODUCT_CODES.includes(l) || l.startsWith('gift_') || (digitRule && !/[0-9]/.test(c));
    if (hit) nonProductCodes.set(c, (nonProductCodes.get(c) ?? 0) + 1);
    return hit;
  });
  apply('non_positive_price', (r) => num(r.f[iPrice]!) <= 0);
  apply('missing_key', (r) => r.f[iCust] === null || r.f[iCode] === null || r.f[iDate] === null);
  const seen = new Set<string>();
  apply('duplicates', (r) => {
    const key = JSON.stringify(r.f.map((v, i) => (i === iQty || i === iPrice ? num(v) : v)));
    if (seen.has(key)) return true;
    seen.add(key);
    return false;
  });
  // Outliers: values outside the nearest-rank 0.1% / 99.9% quantiles (polars "nearest": index round(q * (n - 1))).
  let clipped = 0;
  for (const i of [iQty, iPrice]) {
    const xs = rows.map((r) => num(r.f[i]!)).sort((a, b) => a - b);
    const lo = xs[Math.round(0.001 * (xs.length - 1))]!;
    const hi = xs[Math.round(0.999 * (xs.length - 1))]!;
    clipped += xs.filter((v) => v < lo || v > hi).length;
  }
  return { counts, trimmed, examples, rowsIn, rowsOut: rows.length, nonProductCodes, clipped };
}

test('Online Retail: every kind of dirt is counted, matching an independent line-by-line computation', async () => {
  const expected = independent();
  const { df } = await readDataset(FILE);
  const schema = inferSchema(df, 'online_retail.csv');
  const { df: out, report } = preprocess(df, schema);
  const rule = (id: RuleId) => {
    const r = report.rules.find((x) => x.id === id);
    assert.ok(r, `rule ${id} missing from the report`);
    return r;
  };

  assert.equal(report.rowsIn, 320_705);
  assert.equal(report.rowsIn, expected.rowsIn);
  for (const id of ['unparsable', 'cancellations', 'non_positive_quantity', 'non_product', 'non_positive_price', 'missing_key', 'duplicates'] as const) {
    assert.equal(rule(id).rowsRemoved, expected.counts[id], `rowsRemoved of ${id}`);
    assert.deepEqual(rule(id).examples, expected.examples[id], `examples of ${id}`);
  }
  // Each known kind of dirt is present and counted.
  for (const id of ['cancellations', 'non_positive_quantity', 'non_product', 'non_positive_price', 'missing_key', 'duplicates'] as const) {
    assert.ok(rule(id).rowsRemoved > 0, `${id} should find dirt in the real file`);
  }
  for (const code of ['POST', 'M', 'BANK CHARGES']) assert.ok((expected.nonProductCodes.get(code) ?? 0) > 0, `${code} lines are non-product`);
  assert.equal(rule('trim_whitespace').valuesChanged, expected.trimmed);
  assert.ok(expected.trimmed > 0, 'descriptions with trailing spaces are trimmed');
  assert.equal(rule('outliers').valuesChanged, expected.clipped);
  assert.equal(report.rowsOut, expected.rowsOut);
  assert.equal(out.height, report.rowsOut);
  const removed = report.rules.reduce((s, r) => s + r.rowsRemoved, 0);
  assert.equal(report.rowsIn - removed, report.rowsOut);
});
