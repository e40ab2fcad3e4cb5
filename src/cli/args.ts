/** A small, strict argument parser: unknown flags are errors, values are validated with a reason. */
export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Map<string, string | true>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** `booleans` are flags without a value; every other known flag takes one. */
export function parseArgs(argv: readonly string[], known: readonly string[], booleans: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (!known.includes(name) && !booleans.includes(name)) {
      throw new UsageError(`Unknown option --${name}. Known options: ${[...known, ...booleans].map((k) => `--${k}`).join(', ')}.`);
    }
    if (booleans.includes(name)) {
      flags.set(name, true);
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`Option --${name} needs a value.`);
    flags.set(name, value);
  }
  return { positional, flags };
}

export function intFlag(args: ParsedArgs, name: string, fallback: number, min = 0): number {
  const v = args.flags.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v === true || !Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min} (got "${String(v)}").`);
  return n;
}

export function choiceFlag<T extends string>(args: ParsedArgs, name: string, choices: readonly T[], fallback: T): T {
  const v = args.flags.get(name);
  if (v === undefined) return fallback;
  if (v === true || !(choices as readonly string[]).includes(v)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')} (got "${String(v)}").`);
  }
  return v as T;
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  if (v === true) throw new UsageError(`Option --${name} needs a value.`);
  return v;
}
