/** Reads the golden SDMetrics item tables (plain CSV without quoted fields) into Tables. */
import { readFileSync } from 'node:fs';
import type { Column, Table } from '../src/core/data/table';
import { makeTable } from '../src/core/data/table';

const NUMERIC = new Set(['median_price', 'n_lines', 'n_customers']);

export function readGoldenItems(path: string): Table {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const columns: Column[] = header.map((name, j) => {
    if (NUMERIC.has(name)) {
      const values = Float64Array.from(rows, (r) => (r[j] === '' ? NaN : Number(r[j])));
      return { name, type: 'numerical', values, integer: name !== 'median_price' };
    }
    return { name, type: 'categorical', values: rows.map((r) => r[j] ?? null) };
  });
  return makeTable(columns);
}
