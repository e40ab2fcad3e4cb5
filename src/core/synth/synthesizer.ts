import type { Table } from '../data/table';
import type { TaskOptions } from '../runtime/progress';

/** Values to hold fixed while sampling, e.g. { top_country: 'France' }. */
export type Conditions = Readonly<Record<string, string | number>>;

export interface SampleOptions {
  readonly seed?: number;
  readonly conditions?: Conditions;
  readonly signal?: AbortSignal;
}

/**
 * Every tabular model (Gaussian copula, CTGAN, TVAE) implements this. Hyperparameters go to the
 * constructor; randomness comes from the seed given there or per call.
 */
export interface Synthesizer {
  /** 'copula' | 'ctgan' | 'tvae' | ... */
  readonly kind: string;
  fit(table: Table, opts?: TaskOptions): Promise<void>;
  sample(n: number, opts?: SampleOptions): Promise<Table>;
  /** Writes everything needed to sample again into dir (which exists). */
  save(dir: string): Promise<void>;
}
