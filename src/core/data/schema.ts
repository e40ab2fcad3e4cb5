/**
 * Schema inference: a role, a table type and a human reason for every column, from the column's
 * name and from statistics of its values (distinct count, share of numbers / integers / datetimes,
 * text length). The user can correct any role (recsynth.json, see overrides.ts).
 */
import pl from 'nodejs-polars';
import type { ColumnType } from './table';
import { demote, KEY_ROLES, typeOf, type Role } from './roles';
import {
  bestDatetimeFormat,
  isIntegerDtype,
  isNumericDtype,
  isTemporalDtype,
  isTextDtype,
  type TimeEncoding,
} from './values';

export { ROLES, RoleSchema, type Role, typeForRole, typeOf, isNumericRole } from './roles';
export { loadOverrides, applyOverrides, saveRoleOverride, overridesPath, type Overrides } from './overrides';

export interface ColumnStats {
  readonly nRows: number;
  readonly nonNull: number;
  readonly distinct: number;
  /** Shares of the non-missing values (estimated on an evenly spaced sample of up to 5,000). */
  readonly numericRate: number;
  readonly integerRate: number;
  readonly dateRate: number;
  readonly meanLength: number;
  /** Share of values holding a space (free text has many). */
  readonly spaceRate: number;
  /** Best datetime format for text values, when any parsed. */
  readonly datetimeFormat?: string;
  /** Median of the numbers, for numeric columns (used to tell epoch seconds from milliseconds). */
  readonly median?: number;
  readonly storage: 'text' | 'number' | 'integer' | 'datetime' | 'other';
}

export interface ColumnSchema {
  readonly name: string;
  readonly role: Role;
  readonly type: ColumnType;
  readonly reason: string;
  readonly source: 'inferred' | 'override';
  readonly stats: ColumnStats;
}

export interface DatasetSchema {
  readonly fileName: string;
  readonly nRows: number;
  readonly columns: readonly ColumnSchema[];
}

/** Name of the (first) column with the role, if any. */
export function columnWithRole(schema: DatasetSchema, role: Role): string | undefined {
  return schema.columns.find((c) => c.role === role)?.name;
}

export function schemaColumn(schema: DatasetSchema, name: string): ColumnSchema {
  const c = schema.columns.find((x) => x.name === name);
  if (!c) throw new Error(`${schema.fileName}: no column "${name}" in the schema; it has ${schema.columns.map((x) => x.name).join(', ')}.`);
  return c;
}

/** How to read a datetime column's values as epoch milliseconds. */
export function timeEncoding(c: ColumnSchema): TimeEncoding {
  const s = c.stats;
  if (s.storage === 'datetime') return { kind: 'native' };
  if (s.storage === 'text' && s.datetimeFormat !== undefined && s.dateRate >= s.numericRate) {
    return { kind: 'text', format: s.datetimeFormat };
  }
  // Numbers: seconds since 1970 are around 1e9 today, milliseconds around 1e12.
  return { kind: 'epoch', unit: s.median !== undefined && Math.abs(s.median) < 1e11 ? 's' : 'ms' };
}

const SAMPLE = 5000;
const NUMBER_RE = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const INTEGER_RE = /^[-+]?\d+(\.0*)?$/;

export function columnStats(series: pl.Series): ColumnStats {
  const nRows = series.len();
  const values = series.dropNulls();
  const nonNull = values.len();
  const distinct = nonNull === 0 ? 0 : values.nUnique();
  const step = Math.max(1, Math.floor(nonNull / SAMPLE));
  const sampled = nonNull === 0 ? values : values.gatherEvery(step).head(SAMPLE);
  const dtype = series.dtype;
  if (isNumericDtype(dtype)) {
    const nums = Array.from(sampled.cast(pl.Float64).toArray() as number[]);
    const ints = isIntegerDtype(dtype) ? nums.length : nums.filter((v) => Number.isInteger(v)).length;
    return {
      nRows,
      nonNull,
      distinct,
      numericRate: 1,
      integerRate: nums.length ? ints / nums.length : 0,
      dateRate: 0,
      meanLength: 0,
      spaceRate: 0,
      median: median(nums),
      storage: isIntegerDtype(dtype) ? 'integer' : 'number',
    };
  }
  if (isTemporalDtype(dtype)) {
    return { nRows, nonNull, distinct, numericRate: 0, integerRate: 0, dateRate: 1, meanLength: 0, spaceRate: 0, storage: 'datetime' };
  }
  if (!isTextDtype(dtype)) {
    return { nRows, nonNull, distinct, numericRate: 0, integerRate: 0, dateRate: 0, meanLength: 0, spaceRate: 0, storage: 'other' };
  }
  const texts = sampled.toArray() as string[];
  let numeric = 0;
  let integer = 0;
  let spaces = 0;
  let length = 0;
  let dateLike = 0;
  const nums: number[] = [];
  for (const raw of texts) {
    const v = raw.trim();
    length += v.length;
    if (v.includes(' ')) spaces++;
    if (NUMBER_RE.test(v)) {
      numeric++;
      nums.push(Number(v));
      if (INTEGER_RE.test(v)) integer++;
    }
    // Dates have two separators between digit groups (2011-01-05, 1/5/2011) or a clock (10:00).
    if (/\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d:\d\d/.test(v)) dateLike++;
  }
  const n = texts.length || 1;
  // Only worth trying datetime formats when values look like dates.
  const best = dateLike / n > 0.5 ? bestDatetimeFormat(texts.map((t) => t.trim())) : undefined;
  const stats: ColumnStats = {
    nRows,
    nonNull,
    distinct,
    numericRate: numeric / n,
    integerRate: integer / n,
    dateRate: best?.rate ?? 0,
    meanLength: length / n,
    spaceRate: spaces / n,
    storage: 'text',
  };
  const withFormat = best && best.rate > 0 ? { ...stats, datetimeFormat: best.format } : stats;
  return nums.length ? { ...withFormat, median: median(nums) } : withFormat;
}

function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Lower-case word tokens of a column name: "CustomerID" -> customer, id; "unit_price" -> unit, price. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

const TEXT_WORDS = ['description', 'desc', 'title', 'name', 'comment', 'review', 'text', 'summary', 'details'];
const CATEGORY_WORDS = ['country', 'category', 'brand', 'city', 'region', 'state', 'color', 'colour', 'gender', 'segment', 'department', 'channel', 'device', 'status', 'group', 'class'];

interface NameRule {
  readonly role: Role;
  readonly words: readonly string[];
  readonly label: string;
}

// Checked in this order: a date word wins over an id word ("InvoiceDate" is a time, not an invoice).
const NAME_RULES: readonly NameRule[] = [
  { role: 'timestamp', label: 'date/time', words: ['date', 'time', 'ts', 'timestamp', 'datetime', 'created', 'updated', 'when', 'day'] },
  { role: 'event_type', label: 'event/action type', words: ['event', 'action', 'behavior', 'behaviour', 'interaction', 'activity'] },
  { role: 'user_id', label: 'customer/user', words: ['customer', 'user', 'client', 'visitor', 'member', 'buyer', 'shopper', 'cust', 'uid', 'userid', 'customerid', 'account'] },
  { role: 'item_id', label: 'item/product', words: ['item', 'product', 'sku', 'stock', 'stockcode', 'article', 'aid', 'asin', 'pid', 'iid', 'itemid', 'productid', 'goods'] },
  { role: 'basket', label: 'invoice/order/session', words: ['invoice', 'order', 'session', 'basket', 'cart', 'transaction', 'receipt', 'txn', 'ticket', 'sessionid'] },
  { role: 'quantity', label: 'quantity', words: ['quantity', 'qty', 'units', 'pieces'] },
  { role: 'price', label: 'price', words: ['price', 'unitprice', 'cost', 'amount', 'revenue', 'spend', 'paid'] },
  { role: 'text', label: 'description/name', words: TEXT_WORDS },
  { role: 'categorical', label: 'category-like', words: CATEGORY_WORDS },
];

const ID_WORDS = ['id', 'no', 'code', 'key', 'number', 'nr', 'num', 'uuid', 'ref'];

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

interface Candidate {
  readonly role: Role;
  readonly reason: string;
}

/** The role a column's name and values point to, on its own (before one-per-role conflicts are settled). */
function candidateRole(name: string, s: ColumnStats): Candidate {
  const tokens = nameTokens(name);
  const joined = tokens.join('');
  const has = (words: readonly string[]): string | undefined =>
    words.find((w) => tokens.includes(w) || (w.length > 4 && joined.includes(w)));
  const numeric = s.numericRate >= 0.95;
  const distinct = `${fmt(s.distinct)} distinct values`;
  const isTime = s.storage === 'datetime' || (s.storage === 'text' && s.dateRate >= 0.9);
  // A matching name is strong evidence: accept some junk (preprocessing reports and removes it).
  const namedNumeric = s.numericRate >= 0.8;
  const namedTime = s.storage === 'datetime' || (s.storage === 'text' && s.dateRate >= 0.8);

  const describes = has(TEXT_WORDS) ?? has(CATEGORY_WORDS);
  for (const rule of NAME_RULES) {
    // A bare "type" column is the event type; "product_type" is not.
    const word = rule.role === 'event_type' && tokens.length === 1 && tokens[0] === 'type' ? 'type' : has(rule.words);
    if (!word) continue;
    const why = `name matches ${rule.label} ("${word}")`;
    switch (rule.role) {
      case 'timestamp':
        if (namedTime) return { role: 'timestamp', reason: `${why}; ${pct(s.dateRate)} parse as dates${s.datetimeFormat ? ` (${s.datetimeFormat})` : ''}` };
        if (numeric && s.median !== undefined && Math.abs(s.median) > 1e8) {
          return { role: 'timestamp', reason: `${why}; numbers look like epoch ${Math.abs(s.median) < 1e11 ? 'seconds' : 'milliseconds'}` };
        }
        continue;
      case 'event_type':
        if (s.distinct <= 20 && !numeric) return { role: 'event_type', reason: `${why}; ${distinct}` };
        continue;
      case 'user_id':
      case 'item_id':
      case 'basket':
        // "customer_name" or "product_category" describe the key, they are not the key.
        if (s.distinct >= 2 && describes === undefined) return { role: rule.role, reason: `${why}; ${distinct}` };
        continue;
      case 'quantity':
      case 'price':
        if (namedNumeric) return { role: rule.role, reason: `${why}; ${pct(s.numericRate)} numbers` };
        continue;
      case 'text':
        if (!numeric) return { role: s.distinct <= 20 ? 'categorical' : 'text', reason: `${why}; ${distinct}, mean length ${s.meanLength.toFixed(1)}` };
        continue;
      case 'categorical':
        if (!numeric || s.integerRate >= 0.95) return { role: 'categorical', reason: `${why}; ${distinct}` };
        continue;
      default:
        continue;
    }
  }
  if (isTime) return { role: 'timestamp', reason: `${pct(s.dateRate)} of values parse as dates${s.datetimeFormat ? ` (${s.datetimeFormat})` : ''}` };
  const ratio = s.nonNull ? s.distinct / s.nonNull : 0;
  const idName = ID_WORDS.find((w) => nameTokens(name).includes(w));
  if (numeric) {
    if (idName && s.integerRate >= 0.95) return { role: 'identifier', reason: `name looks like a key ("${idName}"); whole numbers, ${distinct}` };
    if (s.integerRate >= 0.95 && s.distinct <= 10) return { role: 'categorical', reason: `only ${distinct} (whole numbers)` };
    return { role: 'numeric', reason: `${pct(s.numericRate)} numbers; ${distinct}` };
  }
  if (idName && s.spaceRate < 0.1) return { role: 'identifier', reason: `name looks like a key ("${idName}"); ${distinct}` };
  if (s.spaceRate >= 0.5 && s.meanLength >= 15) return { role: 'text', reason: `free text: mean length ${s.meanLength.toFixed(1)}, ${pct(s.spaceRate)} hold spaces; ${distinct}` };
  if (s.distinct <= Math.max(50, 0.05 * s.nonNull)) return { role: 'categorical', reason: `${distinct} in ${fmt(s.nonNull)} rows` };
  if (ratio > 0.5 && s.spaceRate < 0.1) return { role: 'identifier', reason: `mostly unique short values (${distinct} in ${fmt(s.nonNull)} rows)` };
  return { role: s.spaceRate >= 0.3 ? 'text' : 'categorical', reason: `${distinct} in ${fmt(s.nonNull)} rows` };
}

export function inferSchema(df: pl.DataFrame, fileName: string): DatasetSchema {
  const stats = df.columns.map((name) => columnStats(df.getColumn(name)));
  const cands = df.columns.map((name, i) => candidateRole(name, stats[i]!));
  const roles: Role[] = cands.map((c) => c.role);
  const reasons: string[] = cands.map((c) => c.reason);
  // One column per key role: the first keeps it, later ones are demoted and say why.
  for (const role of KEY_ROLES) {
    let owner = -1;
    roles.forEach((r, i) => {
      if (r !== role) return;
      if (owner < 0) {
        owner = i;
        return;
      }
      roles[i] = demote(role, stats[i]!);
      reasons[i] = `${reasons[i]}; "${df.columns[owner]}" already has role ${role}`;
    });
  }
  // Session logs (OTTO) have no user column: each session stands for one (anonymous) user.
  if (!roles.includes('user_id')) {
    const b = roles.indexOf('basket');
    if (b >= 0) {
      roles[b] = 'user_id';
      reasons[b] = `${reasons[b]}; no user column, so each session stands for a user`;
    }
  }
  const columns: ColumnSchema[] = df.columns.map((name, i) => ({
    name,
    role: roles[i]!,
    type: typeOf(roles[i]!, stats[i]!),
    reason: reasons[i]!,
    source: 'inferred',
    stats: stats[i]!,
  }));
  return { fileName, nRows: df.height, columns };
}
