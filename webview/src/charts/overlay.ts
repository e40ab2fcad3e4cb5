/**
 * Real vs synthetic distribution of one column, computed from the two preview tables for the
 * Synthetic data tab's overlay (the quality report carries its own, computed on the full data).
 * Numbers get a histogram on shared edges, anything else the most frequent categories; both sides
 * are frequencies (each sums to 1 over the shown bins plus what is left out).
 */
import type { Cell, DistributionPair } from '../../../src/protocol/webview';

export function overlayDistribution(real: readonly Cell[], synthetic: readonly Cell[], bins = 20, topK = 12): DistributionPair | null {
  const present = (xs: readonly Cell[]): Cell[] => xs.filter((x) => x !== null);
  const r = present(real);
  const s = present(synthetic);
  if (r.length === 0 && s.length === 0) return null;
  const numeric = [...r, ...s].every((x) => typeof x === 'number');
  return numeric ? numericOverlay(r as number[], s as number[], bins) : categoricalOverlay(r, s, topK);
}

function numericOverlay(real: number[], synthetic: number[], bins: number): DistributionPair {
  let min = Infinity;
  let max = -Infinity;
  for (const x of real) [min, max] = [Math.min(min, x), Math.max(max, x)];
  for (const x of synthetic) [min, max] = [Math.min(min, x), Math.max(max, x)];
  const nb = min === max ? 1 : bins;
  const step = min === max ? 1 : (max - min) / nb;
  const edges = Array.from({ length: nb + 1 }, (_, i) => (i === nb ? (min === max ? max + 1 : max) : min + i * step));
  const freq = (xs: number[]): number[] => {
    const c = new Array<number>(nb).fill(0);
    for (const x of xs) c[Math.min(nb - 1, Math.floor((x - min) / step))]! += 1;
    return c.map((k) => (xs.length ? k / xs.length : 0));
  };
  return { kind: 'histogram', edges, real: freq(real), synthetic: freq(synthetic) };
}

function categoricalOverlay(real: Cell[], synthetic: Cell[], topK: number): DistributionPair {
  const count = (xs: Cell[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const x of xs) m.set(String(x), (m.get(String(x)) ?? 0) + 1);
    return m;
  };
  const cr = count(real);
  const cs = count(synthetic);
  const share = (m: Map<string, number>, n: number, k: string): number => (n ? (m.get(k) ?? 0) / n : 0);
  // Rank categories by their larger share on either side, so a category the synthesizer
  // over-produces is shown as well as the real data's common ones.
  const keys = [...new Set([...cr.keys(), ...cs.keys()])];
  const weight = (k: string): number => Math.max(share(cr, real.length, k), share(cs, synthetic.length, k));
  keys.sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : a > b ? 1 : 0));
  const categories = keys.slice(0, topK);
  return {
    kind: 'categories',
    categories,
    real: categories.map((k) => share(cr, real.length, k)),
    synthetic: categories.map((k) => share(cs, synthetic.length, k)),
  };
}
