/**
 * Distance between items by their side information, for intra-list diversity. Every feature
 * becomes tokens (words of text, the value of a category, the quintile of a number), and two items
 * are as far apart as their token sets differ (Jaccard distance).
 */

export type ItemFeatures = Readonly<Record<string, readonly (string | number | null)[]>>;

function quintileCuts(values: readonly (string | number | null)[]): number[] {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return [];
  return [0.2, 0.4, 0.6, 0.8].map((q) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!);
}

/** One sorted token-id list per item. */
export function itemTokens(features: ItemFeatures, nItems: number): Int32Array[] {
  const vocab = new Map<string, number>();
  const id = (t: string): number => {
    let v = vocab.get(t);
    if (v === undefined) {
      v = vocab.size;
      vocab.set(t, v);
    }
    return v;
  };
  const sets: Set<number>[] = Array.from({ length: nItems }, () => new Set<number>());
  for (const [name, values] of Object.entries(features)) {
    if (values.length !== nItems) {
      throw new Error(`Item feature "${name}" has ${values.length} values for ${nItems} items; give one value per item.`);
    }
    const cuts = quintileCuts(values);
    values.forEach((v, i) => {
      if (v === null) return;
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) return;
        let q = 0;
        while (q < cuts.length && v > cuts[q]!) q++;
        sets[i]!.add(id(`${name}#q${q}`));
        return;
      }
      const words = v.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2);
      if (words.length <= 1) sets[i]!.add(id(`${name}=${v.trim().toLowerCase()}`));
      else for (const w of words) sets[i]!.add(id(`${name}:${w}`));
    });
  }
  return sets.map((s) => Int32Array.from(s).sort());
}

/** 1 - |A and B| / |A or B| over sorted token lists; two items without tokens are at distance 0. */
export function jaccardDistance(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      both++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  const either = a.length + b.length - both;
  return either === 0 ? 0 : 1 - both / either;
}
