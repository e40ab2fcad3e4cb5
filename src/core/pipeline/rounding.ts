/**
 * Synthetic numbers written with the precision the real column has (prices in pence stay in pence):
 * models produce continuous values, but 5.499092244716077 where the data says 5.49 reads as fake
 * and leaks nothing useful. Datetimes and integer columns are left alone (models keep those exact).
 */
import { isNumeric, type Column, type Table } from '../data/table';

const MAX_DECIMALS = 6;
const SAMPLE = 2000;

/** Decimal places needed to write every (sampled) value of the column exactly, up to 6. */
export function decimalsOf(values: Float64Array): number {
  let needed = 0;
  const step = Math.max(1, Math.floor(values.length / SAMPLE));
  for (let i = 0; i < values.length; i += step) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    let d = needed;
    while (d < MAX_DECIMALS) {
      const scaled = v * 10 ** d;
      if (Math.abs(scaled - Math.round(scaled)) <= 1e-9 * Math.max(1, Math.abs(scaled))) break;
      d++;
    }
    needed = d;
    if (needed === MAX_DECIMALS) break;
  }
  return needed;
}

export function roundLikeReal(real: Table, synthetic: Table): Table {
  const columns: Column[] = synthetic.columns.map((c) => {
    if (!isNumeric(c) || c.type === 'datetime' || c.integer) return c;
    const r = real.columns.find((x) => x.name === c.name);
    if (!r || !isNumeric(r)) return c;
    const d = decimalsOf(r.values);
    if (d >= MAX_DECIMALS) return c;
    const f = 10 ** d;
    return { ...c, values: c.values.map((v) => (Number.isFinite(v) ? Math.round(v * f) / f : v)) };
  });
  return { columns, nRows: synthetic.nRows };
}
