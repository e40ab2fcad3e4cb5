/**
 * The privacy gate: before synthetic rows are written, those that copy a real row (every
 * categorical value equal, every numeric value within a relative tolerance, NewRowSynthesis'
 * rule) are flagged and, by default, removed. Id and text columns are not compared, so a copy
 * with a fresh id is still caught.
 */
import { takeRows, type Table } from '../data/table';
import { inferMetadata, type SingleTableMetadata } from './metadata';
import { prepareTable } from './prepared';
import { RowMatcher } from './rowMatcher';

export interface PrivacyGateOptions {
  readonly metadata?: SingleTableMetadata;
  /** Relative tolerance for numeric values (0 = exact copies only). Default 0.01, as NewRowSynthesis. */
  readonly numericalMatchTolerance?: number;
  /** Remove flagged rows (default) or only report them. */
  readonly remove?: boolean;
}

export interface PrivacyGateResult {
  /** The synthetic table without the flagged rows (or unchanged when remove is false). */
  readonly kept: Table;
  readonly removed: number;
  /** Indices (into the input synthetic table) of rows that copy a real row. */
  readonly flaggedRows: number[];
}

export function privacyGate(real: Table, synthetic: Table, options: PrivacyGateOptions = {}): PrivacyGateResult {
  const metadata = options.metadata ?? inferMetadata(real);
  const r = prepareTable(real, metadata, 'real');
  const s = prepareTable(synthetic, metadata, 'synthetic');
  if (r.columns.length === 0) return { kept: synthetic, removed: 0, flaggedRows: [] };
  const matcher = new RowMatcher(r, options.numericalMatchTolerance ?? 0.01);
  const flaggedRows = matcher.matchedRows(s);
  if (options.remove === false || flaggedRows.length === 0) return { kept: synthetic, removed: 0, flaggedRows };
  const flagged = new Uint8Array(synthetic.nRows);
  for (const i of flaggedRows) flagged[i] = 1;
  const keep: number[] = [];
  for (let i = 0; i < synthetic.nRows; i++) if (!flagged[i]) keep.push(i);
  return { kept: takeRows(synthetic, keep), removed: flaggedRows.length, flaggedRows };
}
