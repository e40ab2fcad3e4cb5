// Synthetic benchmark tables for the quality report: 10 numeric columns (skewed, correlated,
// integer) and 10 categorical ones (3 to 500 categories), drawn from one seeded generator.
import { makeTable, type Column, type Table } from '../src/core/data/table';
import { Rng } from '../src/core/runtime/rng';

export function benchTable(nRows: number, seed: number): Table {
  const rng = new Rng(seed);
  const columns: Column[] = [];
  const base = Float64Array.from({ length: nRows }, () => rng.normal());
  for (let j = 0; j < 10; j++) {
    const values = new Float64Array(nRows);
    for (let i = 0; i < nRows; i++) {
      const z = 0.7 * base[i]! + 0.7 * rng.normal();
      values[i] = j % 3 === 0 ? Math.round(Math.exp(z) * 10) : j % 3 === 1 ? Math.exp(z) : 100 + 15 * z;
    }
    columns.push({ name: `num_${j}`, type: 'numerical', values, integer: j % 3 === 0 });
  }
  const cardinalities = [3, 5, 8, 12, 20, 40, 80, 150, 300, 500];
  cardinalities.forEach((k, j) => {
    const values = new Array<string | null>(nRows);
    for (let i = 0; i < nRows; i++) {
      // Zipf-like skew, tied to the shared factor for some association between columns.
      const u = Math.min(0.999999, Math.abs(rng.uniform() * 0.8 + 0.2 * (base[i]! > 0 ? 1 : 0)));
      values[i] = `c${j}_${Math.floor(k * u * u)}`;
    }
    columns.push({ name: `cat_${j}`, type: 'categorical', values });
  });
  return makeTable(columns);
}
