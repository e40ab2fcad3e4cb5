/**
 * The `recsynth` command: the same engine as the extension, headless.
 *   recsynth synthesize <file> [options]
 *   recsynth evaluate --real A --synthetic B [--holdout C] [--metadata M] [--json] [--html OUT]
 *   recsynth recommend-lab <events file> [--synthetic DIR] [--json]
 */
import { resolve } from 'node:path';
import { parseArgs, intFlag, choiceFlag, stringFlag, UsageError } from './args';
import { ProgressView } from './progressView';
import { runSynthesize, type SynthesizeSpec } from '../core/pipeline/synthesize';
import { CancelledError } from '../core/runtime/progress';
import { runEvaluate } from './evaluate';
import { runRecommendLab } from './recommend-lab';

export interface CliIo {
  readonly stdout: { write(s: string): boolean; isTTY?: boolean };
  readonly stderr: { write(s: string): boolean; isTTY?: boolean; columns?: number };
}

const HELP = `recsynth: synthetic e-commerce data from your own files

Usage:
  recsynth synthesize <file> [--rows N] [--seed S] [--out DIR] [--model auto|copula|ctgan|tvae]
                      [--table auto|raw|items|customers] [--epochs N] [--time-budget SEC]
                      [--backend auto|tensorflow-gpu|tensorflow|wasm|cpu] [--no-privacy-gate]
                      [--behaviour [--behaviour-model transformer|baseline] [--users N] [--augment K]] [--json]
  recsynth evaluate --real A --synthetic B [--holdout C] [--metadata M] [--json] [--html OUT]
  recsynth recommend-lab <events file> [--synthetic DIR] [--json]
  recsynth --help | --version

<file> is a .csv, .tsv, .parquet or .jsonl file. Outputs go to <file>.recsynth/<timestamp>/ beside it
(or under --out DIR); the input is never modified. Ctrl-C cancels and leaves nothing behind.
`;

function abortOnSigint(io: CliIo): AbortController {
  const controller = new AbortController();
  let presses = 0;
  process.on('SIGINT', () => {
    presses++;
    if (presses > 1) process.exit(130);
    io.stderr.write('\nCancelling (press Ctrl-C again to quit at once)...\n');
    controller.abort();
  });
  return controller;
}

async function synthesize(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(
    argv,
    ['rows', 'seed', 'out', 'model', 'table', 'epochs', 'time-budget', 'backend', 'behaviour-model', 'users', 'augment'],
    ['behaviour', 'no-privacy-gate', 'json'],
  );
  const file = args.positional[0];
  if (!file || args.positional.length > 1) throw new UsageError('synthesize takes exactly one input file.');
  const epochs = intFlag(args, 'epochs', 0, 1);
  const budget = intFlag(args, 'time-budget', 0, 1);
  const users = intFlag(args, 'users', 0, 1);
  const augment = intFlag(args, 'augment', 0, 0);
  const out = stringFlag(args, 'out');
  const spec: SynthesizeSpec = {
    input: resolve(file),
    rows: intFlag(args, 'rows', 1000, 1),
    seed: intFlag(args, 'seed', 42, 0),
    model: choiceFlag(args, 'model', ['auto', 'copula', 'ctgan', 'tvae'] as const, 'auto'),
    table: choiceFlag(args, 'table', ['auto', 'raw', 'items', 'customers'] as const, 'auto'),
    backend: choiceFlag(args, 'backend', ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const, 'auto'),
    privacyGate: !args.flags.has('no-privacy-gate'),
    ...(out ? { outputRoot: resolve(out) } : {}),
    ...(epochs ? { epochs } : {}),
    ...(budget ? { timeBudgetSec: budget } : {}),
    ...(args.flags.has('behaviour')
      ? {
          behaviour: {
            model: choiceFlag(args, 'behaviour-model', ['transformer', 'baseline'] as const, 'transformer'),
            ...(users ? { users } : {}),
            ...(augment ? { augmentK: augment } : {}),
          },
        }
      : {}),
  };
  const controller = abortOnSigint(io);
  const view = new ProgressView(io.stderr);
  const result = await runSynthesize(spec, { signal: controller.signal, onProgress: (e) => view.update(e) });
  view.done();
  if (args.flags.has('json')) {
    io.stdout.write(`${JSON.stringify({ outputDir: result.outputDir, files: result.files, rows: result.rows, model: result.model, backend: result.backend, timings: result.timings })}\n`);
  } else {
    io.stdout.write(`Wrote ${result.rows.toLocaleString('en-US')} synthetic rows (model ${result.model}, backend ${result.backend}) in ${(result.timings['totalMs']! / 1000).toFixed(1)} s to:\n  ${result.outputDir}\n`);
    for (const f of result.files) io.stdout.write(`    ${f}\n`);
  }
  return 0;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout.write(HELP);
        return command === undefined ? 2 : 0;
      case '--version':
        io.stdout.write(`${(await import('../core/pipeline/versions')).engineVersions()['recsynth'] ?? 'unknown'}\n`);
        return 0;
      case 'synthesize':
        return await synthesize(rest, io);
      case 'evaluate':
        return await runEvaluate([...rest], io);
      case 'recommend-lab':
        return await runRecommendLab([...rest], io);
      default:
        throw new UsageError(`Unknown command "${command}". Commands: synthesize, evaluate, recommend-lab.`);
    }
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    if (err instanceof UsageError) {
      io.stderr.write(`recsynth: ${err.message}\nRun \`recsynth --help\` for usage.\n`);
      return 2;
    }
    if (err instanceof CancelledError) {
      io.stderr.write('recsynth: cancelled; nothing was written.\n');
      return 130;
    }
    io.stderr.write(`\nrecsynth: ${err.message}\n`);
    if (process.env['RECSYNTH_DEBUG'] && err.stack) io.stderr.write(`${err.stack}\n`);
    return 1;
  }
}

/** Runs the CLI on this process's arguments and exits with its status (bin/recsynth.js calls it). */
export function cliEntry(): void {
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`recsynth: ${String(e)}\n`);
      process.exit(1);
    },
  );
}

if (require.main === module) cliEntry();
