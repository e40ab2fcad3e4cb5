/** Small synthetic training tables with known structure, for the synthesizer tests. */
import type { Table } from '../../../src/core/data/table';
import { makeTable } from '../../../src/core/data/table';
import { Rng } from '../../../src/core/runtime/rng';

/**
 * A table drawn from a known Gaussian copula: a skewed float price (5% missing), an integer count with
 * many ties, a datetime, a categorical driven by a latent correlated with price (with some nulls),
 * a text column and an id column.
 */
export function copulaTable(n: number, seed = 1): Table {
  const rng = new Rng(seed);
  const price = new Float64Array(n);
  const count = new Float64Array(n);
  const when = new Float64Array(n);
  const category: (string | null)[] = [];
  const desc: (string | null)[] = [];
  const id: (string | null)[] = [];
  const words = ['mug', 'lamp', 'bag', 'card', 'box'];
  for (let i = 0; i < n; i++) {
    const z1 = rng.normal();
    const z2 = 0.7 * z1 + Math.sqrt(1 - 0.49) * rng.normal();
    const z3 = -0.5 * z1 + Math.sqrt(1 - 0.25) * rng.normal();
    const z4 = 0.4 * z2 + Math.sqrt(1 - 0.16) * rng.normal();
    price[i] = rng.uniform() < 0.05 ? NaN : Math.round(Math.exp(0.8 * z1 + 1) * 100) / 100;
    count[i] = Math.floor(Math.exp(0.9 * z2) * 3);
    when[i] = Date.UTC(2011, 0, 1) + Math.round((z4 + 4) * 86_400_000 * 10);
    category.push(rng.uniform() < 0.03 ? null : z3 < -0.6 ? 'home' : z3 < 0.7 ? 'gift' : 'garden');
    desc.push(rng.uniform() < 0.1 ? null : `${words[rng.int(words.length)]!} ${words[rng.int(words.length)]!}`);
    id.push(`SKU${i}`);
  }
  return makeTable([
    { name: 'price', type: 'numerical', values: price },
    { name: 'count', type: 'numerical', values: count, integer: true },
    { name: 'when', type: 'datetime', values: when },
    { name: 'category', type: 'categorical', values: category },
    { name: 'desc', type: 'text', values: desc },
    { name: 'id', type: 'id', values: id },
  ]);
}

/** Two-sample KS critical value at alpha = 0.05. */
export function ksCritical(n: number, m: number): number {
  return 1.36 * Math.sqrt((n + m) / (n * m));
}
