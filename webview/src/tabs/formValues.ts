/** Parsing of the synthesize form's fields. Pure, unit-tested. */
const MAX_ROWS = 10_000_000;

/** Rows to generate: a whole number in 1..10,000,000 (thousands separators allowed), else null. */
export function parseRows(text: string): number | null {
  const s = text.trim().replace(/[,_\s]/g, '');
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= MAX_ROWS ? n : null;
}

/** Seed: empty means "use the default" (undefined); otherwise a whole number >= 0 within 2^32, else null. */
export function parseSeed(text: string): number | undefined | null {
  const s = text.trim();
  if (s === '') return undefined;
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n <= 0xffffffff ? n : null;
}

/** Config values that differ between runs, per key (so the runs table can highlight them). */
export function differingKeys(configs: readonly Readonly<Record<string, unknown>>[]): Set<string> {
  const keys = new Set(configs.flatMap((c) => Object.keys(c)));
  const out = new Set<string>();
  for (const k of keys) {
    const values = new Set(configs.map((c) => JSON.stringify(c[k] ?? null)));
    if (values.size > 1) out.add(k);
  }
  return out;
}
