/**
 * Preprocessing with a report: every rule says how many rows it removed and how many values it
 * changed, with up to three example rows, so nothing disappears silently.
 *
 * Rules run in this order; a row removed by one rule is not seen (or counted) by later ones. What a
 * row IS (a cancellation, a return, a fee) is decided before whether it lacks a key, so each kind of
 * dirt gets its own count; on Online Retail most returns and fees are also guest lines.
 *   1. trim_whitespace      text values lose leading/trailing spaces; blank values become missing (values changed)
 *   2. unparsable           rows whose timestamp, quantity or price is present but cannot be read are removed;
 *                           other numeric columns: unreadable values become missing (values changed).
 *                           Switched off, unreadable numbers still become missing (uncounted) when converted.
 *   3. cancellations        rows whose basket id is "C" followed by a digit (Online Retail's cancelled invoices)
 *   4. non_positive_quantity rows with quantity <= 0 (returns, stock adjustments)
 *   5. non_product          rows whose item id is a fee or service code, not a product (see isNonProductCode)
 *   6. non_positive_price   rows with price <= 0 (free samples, write-offs)
 *   7. missing_key          rows without a user, item or timestamp (e.g. guest checkouts) are removed
 *   8. duplicates           exact duplicate rows (every column equal, after trimming): the first copy is kept
 *   9. outliers             quantity/price/numeric values outside the [0.1%, 99.9%] quantiles (nearest value,
 *                           so integers stay integers) are clipped to them (values changed)
 *  10. normalisation        reports which numeric columns models will scale (models do their own scaling;
 *                           the data is not changed here)
 * Invariant: rowsIn - sum(rowsRemoved) === rowsOut.
 * Row numbers in examples are 1-based data rows of the input (row 1 is the first row after a CSV header;
 * without quoted line breaks it sits on line 2 of the file).
 */
import pl from 'nodejs-polars';
import { columnWithRole, timeEncoding, type DatasetSchema } from './schema';
import { isNumericRole } from './roles';
import { isTextDtype, numberExpr, timeExpr } from './values';

export const RULE_IDS = [
  'trim_whitespace',
  'unparsable',
  'cancellations',
  'non_positive_quantity',
  'non_product',
  'non_positive_price',
  'missing_key',
  'duplicates',
  'outliers',
  'normalisation',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export interface RuleReport {
  readonly id: RuleId;
  readonly title: string;
  readonly enabled: boolean;
  readonly rowsRemoved: number;
  readonly valuesChanged: number;
  /** Columns the rule looked at. */
  readonly columns: readonly string[];
  /** Up to three 1-based input row numbers affected. */
  readonly examples: readonly number[];
  /** Extra detail, e.g. clip bounds per column. */
  readonly detail?: string;
}

export interface PreprocessReport {
  readonly rowsIn: number;
  readonly rowsOut: number;
  readonly rules: readonly RuleReport[];
}

export interface PreprocessOptions {
  /** Switch rules off: { duplicates: false }. Every rule is on by default. */
  readonly rules?: Partial<Record<RuleId, boolean>>;
  /** Quantiles for outlier clipping (default [0.001, 0.999]). */
  readonly clipQuantiles?: readonly [number, number];
}

export interface PreprocessResult {
  /** Cleaned rows in input order. Quantity, price and numeric columns are Float64; the rest as read. */
  readonly df: pl.DataFrame;
  readonly report: PreprocessReport;
}

const ROW = '__recsynth_row';

/** Codes that are fees, postage or manual adjustments rather than products (compared case-insensitively). */
export const NON_PRODUCT_CODES: readonly string[] = [
  'post', 'dot', 'm', 'd', 's', 'b', 'c2', 'cruk', 'pads', 'bank charges', 'amazonfee', 'adjust', 'adjust2', 'test001', 'test002',
];

/**
 * The non-product rule: a listed code, a gift voucher (`gift_...`), or, when most of the dataset's
 * item codes contain a digit (product codes like 85123A), any code without a digit. The digit test
 * is skipped for datasets whose item ids are words, where it would remove every product.
 * Known cost on Online Retail: the party-bag codes DCGSSBOY / DCGSSGIRL (20 lines) have no digit and
 * are removed with the fees; switch the rule off or rename them if they matter.
 */
export function isNonProductCode(code: string, digitRuleActive: boolean): boolean {
  const c = code.trim().toLowerCase();
  if (NON_PRODUCT_CODES.includes(c) || c.startsWith('gift_')) return true;
  return digitRuleActive && !/\d/.test(c);
}

function nonProductExpr(item: string, digitRuleActive: boolean): pl.Expr {
  const text = pl.col(item).cast(pl.Utf8); // ids stored as numbers (Parquet) are compared as text
  const lower = text.str.toLowerCase();
  let e = lower.isIn([...NON_PRODUCT_CODES]).or(lower.str.contains('^gift_'));
  if (digitRuleActive) e = e.or(text.str.contains('^[^0-9]*$'));
  return e;
}

class Runner {
  df: pl.DataFrame;
  readonly rules: RuleReport[] = [];
  constructor(df: pl.DataFrame, readonly enabled: (id: RuleId) => boolean) {
    this.df = df;
  }

  examples(frame: pl.DataFrame): number[] {
    return (frame.getColumn(ROW).head(3).toArray() as number[]).map((r) => Number(r) + 1);
  }

  skip(id: RuleId, title: string, columns: readonly string[], enabled = false, detail?: string): void {
    const base = { id, title, enabled, rowsRemoved: 0, valuesChanged: 0, columns, examples: [] };
    this.rules.push(detail === undefined ? base : { ...base, detail });
  }

  /** Removes rows where `mask` is true (a null mask counts as false). */
  remove(id: RuleId, title: string, columns: readonly string[], mask: pl.Expr | undefined): void {
    if (!this.enabled(id) || mask === undefined) return this.skip(id, title, columns, this.enabled(id) && mask !== undefined);
    // One pass evaluates the mask; the frame is only copied when the rule removes something.
    const flags = this.df.select(mask.fillNull(false).alias('m')).getColumn('m');
    const n = Number(flags.cast(pl.Int32).sum()); // a Boolean series sums to a boolean
    const examples = n === 0 ? [] : (this.df.getColumn(ROW).filter(flags).head(3).toArray() as number[]).map((r) => Number(r) + 1);
    this.rules.push({ id, title, enabled: true, rowsRemoved: n, valuesChanged: 0, columns, examples });
    if (n > 0) this.df = this.df.filter(mask.fillNull(false).not());
  }
}

export function preprocess(input: pl.DataFrame, schema: DatasetSchema, opts: PreprocessOptions = {}): PreprocessResult {
  const on = (id: RuleId): boolean => opts.rules?.[id] !== false;
  const run = new Runner(input.withRowIndex(ROW), on);
  const rowsIn = input.height;
  const present = new Set(input.columns);
  const role = (r: Parameters<typeof columnWithRole>[1]): string | undefined => {
    const c = columnWithRole(schema, r);
    return c !== undefined && present.has(c) ? c : undefined;
  };
  const user = role('user_id');
  const item = role('item_id');
  const time = role('timestamp');
  const qty = role('quantity');
  const price = role('price');
  const basket = role('basket');
  const keys = [user, item, time].filter((c): c is string => c !== undefined);
  // A second date column has role numeric but type datetime: it is not a number column here.
  const numericCols = schema.columns.filter((c) => isNumericRole(c.role) && c.type === 'numerical' && present.has(c.name)).map((c) => c.name);
  const otherNumeric = numericCols.filter((c) => c !== qty && c !== price);

  // 1. trim whitespace
  const textCols = input.columns.filter((c) => isTextDtype(input.getColumn(c).dtype));
  if (on('trim_whitespace')) {
    // Each column is stripped once into a temporary column; a value changed when the strip shortened
    // it or left it empty (an empty value becomes missing). Comparing lengths is cheaper than strings.
    const tmp = (c: string): string => `__recsynth_trim_${c}`;
    run.df = run.df.withColumns(...textCols.map((c) => pl.col(c).str.strip().alias(tmp(c))));
    const diff = (c: string): pl.Expr =>
      pl.col(c).str.lengths().neq(pl.col(tmp(c)).str.lengths()).or(pl.col(tmp(c)).str.lengths().eq(0)).fillNull(false);
    const sums = textCols.length ? run.df.select(...textCols.map((c) => diff(c).sum().alias(c))).toRecords()[0] ?? {} : {};
    const changedCols = textCols.filter((c) => Number(sums[c] ?? 0) > 0);
    const changed = changedCols.reduce((s, c) => s + Number(sums[c]), 0);
    const any = changedCols.map(diff).reduce<pl.Expr | undefined>((a, b) => (a ? a.or(b) : b), undefined);
    const examples = any ? run.examples(run.df.select(pl.col(ROW), any.alias('m')).filter(pl.col('m')).head(3)) : [];
    const blankToNull = (c: string): pl.Expr =>
      pl.when(pl.col(tmp(c)).str.lengths().eq(0)).then(pl.lit(null).cast(pl.Utf8)).otherwise(pl.col(tmp(c))).alias(c);
    if (changedCols.length) run.df = run.df.withColumns(...changedCols.map(blankToNull));
    run.df = run.df.drop(textCols.map(tmp));
    run.rules.push({ id: 'trim_whitespace', title: 'Trimmed spaces around text values', enabled: true, rowsRemoved: 0, valuesChanged: changed, columns: textCols, examples });
  } else run.skip('trim_whitespace', 'Trimmed spaces around text values', textCols);

  // 2. unparsable values
  const strictCols = [time, qty, price].filter((c): c is string => c !== undefined);
  let bad: pl.Expr | undefined;
  for (const c of strictCols) {
    const parsed = c === time ? timeExpr(c, timeEncoding(schema.columns.find((x) => x.name === c)!)) : numberExpr(c);
    const e = pl.col(c).isNotNull().and(parsed.isNull());
    bad = bad ? bad.or(e) : e;
  }
  run.remove('unparsable', 'Removed rows whose timestamp, quantity or price cannot be read', [...strictCols, ...otherNumeric], on('unparsable') ? bad ?? pl.lit(false) : undefined);
  if (on('unparsable') && otherNumeric.length) {
    const last = run.rules[run.rules.length - 1]!;
    let changed = 0;
    const ex: number[] = [...last.examples];
    for (const c of otherNumeric) {
      const e = pl.col(c).isNotNull().and(numberExpr(c).isNull());
      const hit = run.df.filter(e.fillNull(false));
      changed += hit.height;
      for (const r of run.examples(hit)) if (ex.length < 3) ex.push(r);
    }
    run.rules[run.rules.length - 1] = { ...last, valuesChanged: changed, examples: ex };
  }
  if (numericCols.length) run.df = run.df.withColumns(...numericCols.map((c) => numberExpr(c).alias(c)));

  // 3-6. what the row is
  run.remove('cancellations', 'Removed cancellations (basket id "C" + digits)', basket ? [basket] : [], basket ? pl.col(basket).cast(pl.Utf8).str.contains('^[Cc][0-9]') : undefined);
  run.remove('non_positive_quantity', 'Removed rows with quantity <= 0', qty ? [qty] : [], qty ? pl.col(qty).ltEq(0) : undefined);
  let digitRule = false;
  if (item) {
    const ids = run.df.select(pl.col(item).cast(pl.Utf8).unique().alias('u')).getColumn('u').dropNulls();
    const withDigit = ids.len() === 0 ? 0 : Number(pl.DataFrame({ u: ids }).select(pl.col('u').str.contains('[0-9]').sum().alias('n')).getColumn('n').get(0));
    digitRule = ids.len() > 0 && withDigit / ids.len() >= 0.9;
  }
  run.remove('non_product', `Removed non-product codes (fees, postage, adjustments${digitRule ? '; codes without a digit' : ''})`, item ? [item] : [], item ? nonProductExpr(item, digitRule) : undefined);
  run.remove('non_positive_price', 'Removed rows with price <= 0', price ? [price] : [], price ? pl.col(price).ltEq(0) : undefined);

  // 7. missing keys
  const missing = keys.map((k) => pl.col(k).isNull()).reduce<pl.Expr | undefined>((a, b) => (a ? a.or(b) : b), undefined);
  run.remove('missing_key', 'Removed rows without a user, item or timestamp', keys, missing);

  // 8. exact duplicates
  const all = input.columns;
  run.remove('duplicates', 'Removed exact duplicate rows (first copy kept)', all, pl.struct(all.map((c) => pl.col(c))).isFirstDistinct().not());

  // 9. outliers
  const [qLo, qHi] = opts.clipQuantiles ?? [0.001, 0.999];
  if (on('outliers') && numericCols.length) {
    let changed = 0;
    const details: string[] = [];
    let any: pl.Expr | undefined;
    const exprs: pl.Expr[] = [];
    for (const c of numericCols) {
      const q = run.df.select(pl.col(c).quantile(qLo).alias('lo'), pl.col(c).quantile(qHi).alias('hi'));
      const lo = q.getColumn('lo').get(0) as number | null;
      const hi = q.getColumn('hi').get(0) as number | null;
      if (lo === null || hi === null) continue;
      const out = pl.col(c).lt(lo).or(pl.col(c).gt(hi));
      const n = Number(run.df.select(out.fillNull(false).sum().alias('n')).getColumn('n').get(0) ?? 0);
      if (n === 0) continue;
      changed += n;
      details.push(`${c} to [${lo}, ${hi}]: ${n}`);
      any = any ? any.or(out) : out;
      exprs.push(pl.col(c).clip(lo, hi).alias(c));
    }
    const examples = any ? run.examples(run.df.filter(any.fillNull(false))) : [];
    if (exprs.length) run.df = run.df.withColumns(...exprs);
    const title = `Clipped outliers to the ${qLo * 100}%-${qHi * 100}% quantiles`;
    const base = { id: 'outliers' as const, title, enabled: true, rowsRemoved: 0, valuesChanged: changed, columns: numericCols, examples };
    run.rules.push(details.length ? { ...base, detail: details.join('; ') } : base);
  } else run.skip('outliers', 'Clipped outliers', numericCols, on('outliers'));

  // 10. normalisation (reported, applied by the models)
  run.skip('normalisation', 'Numeric columns the models will scale (no change to the data here)', numericCols, on('normalisation'), numericCols.length ? 'each model standardises or mode-normalises these itself' : undefined);

  const df = run.df.drop(ROW);
  return { df, report: { rowsIn, rowsOut: df.height, rules: run.rules } };
}
