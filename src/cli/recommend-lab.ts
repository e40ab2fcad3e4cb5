/**
 * `recsynth recommend-lab <events file> [--synthetic DIR] [--json] [--models ...] [--keeps ...]`:
 * trains recommenders on real, synthetic and real + synthetic data at several sparsity levels and
 * scores them on held-out real interactions. With --json, stdout carries exactly one JSON document.
 */
import { join, resolve } from 'node:path';
import { loadInteractions } from '../core/data/interactions-load';
import type { Interactions } from '../core/data/interactions';
import { type LabResult, type LabRow, type SyntheticSource, runLab } from '../core/recsys/lab';
import { parseRecommenderKind } from '../core/recsys/registry';
import type { SplitSpec } from '../core/recsys/split';
import { initTf } from '../core/runtime/backend';
import { synthesizeBehaviour } from '../core/synth/behaviour/synthesize';
import { UsageError, choiceFlag, intFlag, parseArgs, stringFlag } from './args';
import type { CliIo } from './main';
import { ProgressView } from './progressView';

function listFlag(value: string | undefined, name: string, parse: (s: string) => number, check: (n: number) => boolean, hint: string): number[] | undefined {
  if (value === undefined) return undefined;
  const out = value.split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(parse);
  if (out.length === 0 || out.some((n) => !check(n))) throw new UsageError(`--${name} must be a comma-separated list of ${hint} (got "${value}").`);
  return out;
}

function fmt(v: number | undefined, digits = 4): string {
  return v === undefined ? '-' : v.toFixed(digits);
}

function withCi(row: LabRow, metric: 'ndcg@10' | 'recall@20'): string {
  const ci = row[`${metric}_ci`];
  return `${fmt(row[metric])} [${fmt(ci?.[0])}, ${fmt(ci?.[1])}]`;
}

/** A fixed-width table: one line per experiment, significance marked against real-only. */
export function formatLabTable(lab: LabResult): string {
  const header = ['model', 'training', 'keep', 'ratio', 'NDCG@10 [95% CI]', 'Recall@20 [95% CI]', 'coverage', 'p vs real', ''];
  const rows = lab.results.map((r) => [
    r.model,
    r.training,
    `${Math.round(r.keep * 100)}%`,
    r.ratio === undefined ? '' : r.ratio.toFixed(2),
    withCi(r, 'ndcg@10'),
    withCi(r, 'recall@20'),
    fmt(r['coverage@10'], 3),
    r.pValueVsReal === undefined ? '' : r.pValueVsReal < 1e-4 ? '<1e-4' : r.pValueVsReal.toFixed(4),
    r.significant ? ((r.deltaNdcg10VsReal ?? 0) > 0 ? '* better' : '* worse') : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const p = lab.protocol;
  return [
    `Test: ${p.users} users with future interactions after ${p.testStart} (${p.coldUsers} cold with <= ${p.coldThreshold} training items, ${p.activeUsers} active), ${p.items} items, full ranking.`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '* = Wilcoxon signed-rank p < 0.05 on per-user NDCG@10 against real-only (same model, same keep).',
    ...lab.notes.map((n) => `note: ${n}`),
    '',
  ].join('\n');
}

export async function runRecommendLab(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['synthetic', 'models', 'keeps', 'ratios', 'seed', 'split', 'behaviour-model', 'resamples'], ['json', 'real-only']);
  const file = args.positional[0];
  if (!file || args.positional.length > 1) throw new UsageError('recommend-lab takes exactly one events file.');
  const models = stringFlag(args, 'models')?.split(',').map((s) => parseRecommenderKind(s.trim()));
  const keeps = listFlag(stringFlag(args, 'keeps'), 'keeps', Number, (n) => n > 0 && n <= 1, 'shares in (0, 1], e.g. 0.1,0.25,0.5,1');
  const ratios = listFlag(stringFlag(args, 'ratios'), 'ratios', Number, (n) => n > 0, 'positive numbers, e.g. 0.5,1');
  const seed = intFlag(args, 'seed', 42, 0);
  const resamples = intFlag(args, 'resamples', 500, 10);
  const splitKind = choiceFlag(args, 'split', ['time-cut', 'leave-last'] as const, 'time-cut');
  const split: SplitSpec = splitKind === 'time-cut' ? { kind: 'time-cut', quantile: 0.8 } : { kind: 'leave-last', n: 1 };
  const behaviourModel = choiceFlag(args, 'behaviour-model', ['baseline', 'transformer'] as const, 'baseline');
  const syntheticDir = stringFlag(args, 'synthetic');
  if (syntheticDir && args.flags.has('real-only')) throw new UsageError('--synthetic and --real-only exclude each other.');

  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  const view = new ProgressView(io.stderr);
  try {
    if ((models ?? []).includes('sasrec') || (!syntheticDir && !args.flags.has('real-only') && behaviourModel === 'transformer')) await initTf();
    const real = (await loadInteractions(resolve(file))).interactions;
    let synthetic: SyntheticSource | undefined;
    if (syntheticDir) {
      const path = join(resolve(syntheticDir), 'events.csv');
      synthetic = (await loadInteractions(path)).interactions;
    } else if (!args.flags.has('real-only')) {
      // No synthetic folder: learn the behaviour model from each training split only, inside the lab.
      synthetic = async (train: Interactions): Promise<Interactions> =>
        (await synthesizeBehaviour(train, { model: behaviourModel, seed, signal: controller.signal })).interactions;
    }
    const lab = await runLab(real, {
      ...(synthetic ? { synthetic } : {}),
      ...(models ? { models } : {}),
      ...(keeps ? { keeps } : {}),
      ...(ratios ? { ratios } : {}),
      split,
      seed,
      resamples,
      signal: controller.signal,
      onProgress: (e) => view.update(e),
    });
    view.done();
    io.stdout.write(args.flags.has('json') ? `${JSON.stringify(lab)}\n` : formatLabTable(lab));
    return 0;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
