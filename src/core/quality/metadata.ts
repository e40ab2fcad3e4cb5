/**
 * SDMetrics' single-table metadata ({ columns: { name: { sdtype } } }), so SDV users can reuse
 * their files. Parsed with zod at the boundary; every error names the file and the key.
 */
import { z } from 'zod';
import { isNumeric, type Table } from '../data/table';

/** The sdtypes the metrics act on. Any other sdtype (SDV's PII types, text, ...) is kept but ignored. */
export type Sdtype = 'numerical' | 'categorical' | 'datetime' | 'boolean' | 'id';

export interface ColumnMetadata {
  readonly sdtype: string;
  readonly datetime_format?: string;
}

export interface SingleTableMetadata {
  readonly columns: Readonly<Record<string, ColumnMetadata>>;
  readonly primary_key?: string;
}

const columnSchema = z
  .object({ sdtype: z.string().min(1), datetime_format: z.string().optional() })
  .passthrough();

const singleTableSchema = z
  .object({ columns: z.record(z.string(), columnSchema), primary_key: z.string().optional() })
  .passthrough();

const unifiedSchema = z.object({ tables: z.record(z.string(), singleTableSchema) }).passthrough();

function describeIssue(issue: z.ZodIssue): string {
  const key = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
  return `key "${key}": ${issue.message}`;
}

/**
 * Validates metadata already parsed from JSON. Accepts the single-table form, a multi-table /
 * unified-report form with exactly one table (`{ tables: { name: {...} } }`), or an object
 * holding one of them under `single_table` (the layout of the golden SDMetrics folder).
 * `source` names the file in error messages.
 */
export function parseMetadata(json: unknown, source = 'metadata'): SingleTableMetadata {
  let candidate = json;
  if (candidate !== null && typeof candidate === 'object' && 'single_table' in candidate) {
    candidate = (candidate as { single_table: unknown }).single_table;
  }
  if (candidate !== null && typeof candidate === 'object' && 'tables' in candidate && !('columns' in candidate)) {
    const unified = unifiedSchema.safeParse(candidate);
    if (!unified.success) {
      throw new Error(`${source}: invalid SDMetrics metadata, ${unified.error.issues.map(describeIssue).join('; ')}.`);
    }
    const names = Object.keys(unified.data.tables);
    if (names.length !== 1) {
      throw new Error(
        `${source}: key "tables" holds ${names.length} tables (${names.join(', ')}); pass the metadata of a single table.`,
      );
    }
    candidate = unified.data.tables[names[0]!];
  }
  const parsed = singleTableSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new Error(
      `${source}: invalid SDMetrics metadata, ${parsed.error.issues.map(describeIssue).join('; ')}. ` +
        'Expected { "columns": { "<name>": { "sdtype": "numerical" | "categorical" | "datetime" | "boolean" | "id" } } }.',
    );
  }
  const data = parsed.data;
  if (data.primary_key !== undefined && !(data.primary_key in data.columns)) {
    throw new Error(`${source}: key "primary_key" names "${data.primary_key}", which is not under "columns".`);
  }
  return data;
}

export function isKnownSdtype(s: string): s is Sdtype {
  return s === 'numerical' || s === 'categorical' || s === 'datetime' || s === 'boolean' || s === 'id';
}

/** Metadata guessed from the table's own column types (numbers -> numerical, strings -> categorical). */
export function inferMetadata(table: Table): SingleTableMetadata {
  const columns: Record<string, ColumnMetadata> = {};
  for (const c of table.columns) {
    if (isNumeric(c)) columns[c.name] = { sdtype: c.type === 'datetime' ? 'datetime' : 'numerical' };
    else if (c.type === 'id') columns[c.name] = { sdtype: 'id' };
    else if (c.type === 'text') columns[c.name] = { sdtype: 'text' };
    else columns[c.name] = { sdtype: 'categorical' };
  }
  return { columns };
}
