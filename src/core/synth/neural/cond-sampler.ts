/**
 * CTGAN's conditional vector and training-by-sampling: pick a categorical column uniformly, then a
 * category with probability proportional to log(1 + frequency), then a real row holding it. Rare
 * categories are thus seen often enough for the generator to learn them. At generation time the
 * category follows its empirical frequency instead (or is fixed, for conditional sampling).
 */
import type { Rng } from '../../runtime/rng';
import { WeightedSampler } from '../../runtime/rng';
import type { ColumnInfo, Layout, Transformed } from '../transformer';

export class CondSampler {
  private readonly logFreq: WeightedSampler[];
  private readonly freq: WeightedSampler[];
  private readonly offsets: number[];

  private constructor(
    private readonly layout: Layout,
    counts: readonly (readonly number[])[],
    /** Per condition span and category, the training rows holding it (absent after load). */
    private readonly rowsByCategory: readonly (readonly Int32Array[])[] | null,
  ) {
    this.offsets = [];
    let at = 0;
    for (const s of layout.conditionSpans) {
      this.offsets.push(at);
      at += s.size;
    }
    this.logFreq = counts.map((c) => new WeightedSampler(c.map((k) => Math.log1p(k))));
    this.freq = counts.map((c) => new WeightedSampler(c));
  }

  static fromData(layout: Layout, data: Transformed): CondSampler {
    const rows = layout.conditionSpans.map((s, ci) => {
      const of = data.categoryOf[ci]!;
      const lists: number[][] = Array.from({ length: s.size }, () => []);
      for (let i = 0; i < data.n; i++) lists[of[i]!]!.push(i);
      return lists.map((l) => Int32Array.from(l));
    });
    // A category absent from the training split keeps a tiny weight so the samplers stay valid.
    const counts = rows.map((lists) => lists.map((l) => l.length));
    return new CondSampler(layout, counts, rows);
  }

  static fromCounts(layout: Layout, columns: readonly ColumnInfo[]): CondSampler {
    const counts = layout.conditionSpans.map((s) => {
      const info = columns[s.column]!;
      return info.type === 'discrete' ? info.counts : new Array<number>(s.size).fill(1);
    });
    return new CondSampler(layout, counts, null);
  }

  /**
   * Fills cond (batch x condDim, zeroed by the caller) for a training batch and returns, per row,
   * a real row index matching it (uniform rows when the table has no categorical column).
   */
  sampleTraining(rng: Rng, batch: number, cond: Float32Array, nRows: number): Int32Array {
    const byCat = this.rowsByCategory;
    if (!byCat) throw new Error('Internal error: training-by-sampling needs the training rows.');
    const rows = new Int32Array(batch);
    const c = this.layout.conditionSpans.length;
    const condDim = this.layout.condDim;
    for (let i = 0; i < batch; i++) {
      if (c === 0) {
        rows[i] = rng.int(nRows);
        continue;
      }
      const col = rng.int(c);
      const cat = this.logFreq[col]!.draw(rng);
      cond[i * condDim + this.offsets[col]! + cat] = 1;
      const list = byCat[col]![cat]!;
      rows[i] = list[rng.int(list.length)]!;
    }
    return rows;
  }

  sampleGeneration(rng: Rng, batch: number, cond: Float32Array, fixed?: { span: number; category: number }): void {
    const c = this.layout.conditionSpans.length;
    if (c === 0) return;
    const condDim = this.layout.condDim;
    for (let i = 0; i < batch; i++) {
      if (fixed) {
        cond[i * condDim + this.offsets[fixed.span]! + fixed.category] = 1;
        continue;
      }
      const col = rng.int(c);
      cond[i * condDim + this.offsets[col]! + this.freq[col]!.draw(rng)] = 1;
    }
  }
}
