/**
 * The random table DCRBaselineProtection compares against: every column drawn independently and
 * uniformly within the real data's support (integers in [min, max], floats in [min, max),
 * categories uniformly among the distinct real values), from an explicit seeded Rng.
 */
import type { Rng } from '../runtime/rng';
import type { PreparedColumn, PreparedTable } from './prepared';
import { minMax } from './stats';

export function randomBaselineTable(real: PreparedTable, nRows: number, rng: Rng): PreparedTable {
  const columns = real.columns.map((c): PreparedColumn => {
    if (c.kind === 'continuous') {
      const { min, max } = minMax(c.values.filter((v) => !Number.isNaN(v)));
      const values = new Float64Array(nRows);
      for (let i = 0; i < nRows; i++) {
        if (!Number.isFinite(min)) values[i] = Number.NaN;
        else if (c.integer) values[i] = min + rng.int(max - min + 1);
        else values[i] = min + rng.uniform() * (max - min);
      }
      return { ...c, values };
    }
    const distinct = [...new Set(c.values.filter((v): v is string => v !== null))];
    const values = new Array<string | null>(nRows);
    for (let i = 0; i < nRows; i++) values[i] = distinct.length === 0 ? null : distinct[rng.int(distinct.length)]!;
    return { ...c, values };
  });
  return { ...real, nRows, columns };
}
