/**
 * Role overrides in a `recsynth.json` beside the data file, so a correction made once (by hand or
 * from the dashboard) holds for every later run on that file:
 *   { "version": 1, "files": { "orders.csv": { "columns": { "CustomerID": { "role": "user_id" } } } } }
 * Keyed by file name because one folder often holds several data files. A column entry is an
 * object (not a bare role string) so that later settings per column can be added without a new version.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { demote, KEY_ROLES, RoleSchema, typeOf, type Role } from './roles';
import { writeTextAtomic } from './atomic';
import type { ColumnSchema, DatasetSchema } from './schema';

export const OVERRIDES_FILE = 'recsynth.json';

const ColumnOverrideSchema = z.object({ role: RoleSchema }).strict();
const FileOverrideSchema = z.object({ columns: z.record(z.string(), ColumnOverrideSchema) }).strict();
export const OverridesFileSchema = z
  .object({ version: z.literal(1), files: z.record(z.string(), FileOverrideSchema) })
  .strict();

export type OverridesFile = z.infer<typeof OverridesFileSchema>;
/** Column name -> role, for one data file. */
export type Overrides = Readonly<Record<string, Role>>;

export function overridesPath(dataPath: string): string {
  return join(dirname(dataPath), OVERRIDES_FILE);
}

async function readOverridesFile(jsonPath: string): Promise<OverridesFile | undefined> {
  let text: string;
  try {
    text = await readFile(jsonPath, 'utf8');
  } catch (err) {
    if (typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'ENOENT') return undefined;
    throw err;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`${jsonPath}: not valid JSON (${err instanceof Error ? err.message : String(err)}). Fix the file or delete it.`);
  }
  const parsed = OverridesFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.length ? issue.path.join('.') : '(top level)';
    throw new Error(
      `${jsonPath}: bad entry at "${key}": ${issue.message}. Expected {"version": 1, "files": {"<file name>": {"columns": {"<column>": {"role": "<one of ${RoleSchema.options.join(', ')}>"}}}}}.`,
    );
  }
  return parsed.data;
}

/** The overrides for one data file (empty when there is no recsynth.json or no entry for the file). */
export async function loadOverrides(dataPath: string): Promise<Overrides> {
  const file = await readOverridesFile(overridesPath(dataPath));
  const entry = file?.files[basename(dataPath)];
  if (!entry) return {};
  return Object.fromEntries(Object.entries(entry.columns).map(([col, o]) => [col, o.role]));
}

/** The schema with the overridden roles; an override naming a column the data lacks is an error. */
export function applyOverrides(schema: DatasetSchema, overrides: Overrides): DatasetSchema {
  for (const col of Object.keys(overrides)) {
    if (!schema.columns.some((c) => c.name === col)) {
      throw new Error(
        `${OVERRIDES_FILE} (for ${schema.fileName}): column "${col}" is not in the data (columns: ${schema.columns.map((c) => c.name).join(', ')}). Fix or remove that entry.`,
      );
    }
  }
  const columns: ColumnSchema[] = schema.columns.map((c) => {
    const role = overrides[c.name];
    if (role === undefined) return c;
    // Marked as an override even when it agrees with inference: the user pinned it.
    if (role === c.role) return { ...c, reason: `${role} confirmed in ${OVERRIDES_FILE}; ${c.reason}`, source: 'override' };
    return { ...c, role, type: typeOf(role, c.stats), reason: `set to ${role} in ${OVERRIDES_FILE} (inferred: ${c.role}, ${c.reason})`, source: 'override' };
  });
  // A role that must be unique and was given by an override takes it away from the inferred column.
  const columnsFinal = columns.map((c) => {
    if (c.source === 'override') return c;
    const taken = columns.find((o) => o.source === 'override' && o.role === c.role && o.name !== c.name);
    if (!taken || !KEY_ROLES.includes(c.role)) return c;
    const role = demote(c.role, c.stats);
    return { ...c, role, type: typeOf(role, c.stats), reason: `${c.reason}; ${OVERRIDES_FILE} gives role ${c.role} to "${taken.name}"` };
  });
  return { ...schema, columns: columnsFinal };
}

/** Records one column's role in recsynth.json beside the data file, keeping every other entry. */
export async function saveRoleOverride(dataPath: string, column: string, role: Role): Promise<void> {
  const jsonPath = overridesPath(dataPath);
  const checked = RoleSchema.safeParse(role);
  if (!checked.success) throw new Error(`Unknown role "${String(role)}"; use one of ${RoleSchema.options.join(', ')}.`);
  const file: OverridesFile = (await readOverridesFile(jsonPath)) ?? { version: 1, files: {} };
  const name = basename(dataPath);
  const entry = file.files[name] ?? { columns: {} };
  const next: OverridesFile = {
    ...file,
    files: { ...file.files, [name]: { columns: { ...entry.columns, [column]: { role: checked.data } } } },
  };
  await writeTextAtomic(jsonPath, `${JSON.stringify(next, null, 2)}\n`);
}
