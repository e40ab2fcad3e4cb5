/**
 * `npm run bench:recsys`: recommenders on the shared Online Retail interactions.
 *  1. fit time (wall and CPU) and peak memory per model, and full-ranking evaluation time over all
 *     test users (popularity is the baseline measured in the same run);
 *  2. the lab table: model x {real, synthetic only, real + synthetic} x keep, NDCG@10 and Recall@20
 *     with bootstrap 95% intervals, and the Wilcoxon test against real-only.
 * Options: --quick (keeps 0.25 and 1 only), --no-lab, --no-sasrec.
 */
import { loadInteractions } from '../src/core/data/interactions-load';
import type { Interactions } from '../src/core/data/interactions';
import { evaluateModel, summarise } from '../src/core/recsys/evaluate';
import { type LabResult, runLab } from '../src/core/recsys/lab';
import { matrixFromInteractions } from '../src/core/recsys/matrix';
import { prepareProtocol } from '../src/core/recsys/protocol';
import type { Recommender, RecommenderKind } from '../src/core/recsys/recommender';
import { createRecommender } from '../src/core/recsys/registry';
import { formatLabTable } from '../src/cli/recommend-lab';
import { synthesizeBehaviour } from '../src/core/synth/behaviour/synthesize';
import { initTf } from '../src/core/runtime/backend';
import { loadavg } from 'node:os';
import { randomWalkSynthesizer } from '../test/unit/recsys/fixtures';

const DATA = '../shared/data/online-retail/online_retail_2010-12_to_2011-08.csv';
const args = new Set(process.argv.slice(2));
const MB = 1024 * 1024;

/** Peak resident memory while fn runs, sampled every 20 ms (fits yield to the event loop often). */
async function withPeakMemory<T>(fn: () => Promise<T>): Promise<{ value: T; peakMb: number; baseMb: number }> {
  const baseMb = process.memoryUsage().rss / MB;
  let peak = baseMb;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss / MB)), 20);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss / MB);
    return { value, peakMb: peak, baseMb };
  } finally {
    clearInterval(timer);
  }
}

function load(): string {
  return loadavg().map((v) => v.toFixed(2)).join(' ');
}

async function main(): Promise<void> {
  const backend = await initTf();
  console.log(`recsys bench: Node ${process.version}, tfjs backend ${backend.name}, load average ${load()}`);
  const t0 = performance.now();
  const x: Interactions = (await loadInteractions(DATA)).interactions;
  console.log(`Online Retail: ${x.user.length} events, ${x.userIds.length} users, ${x.itemIds.length} items (read + clean ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const p = prepareProtocol(x, { kind: 'time-cut', quantile: 0.8 });
  const allUsers = Int32Array.from({ length: x.userIds.length }, (_, u) => u).filter((u) => p.trainMatrix.indptr[u + 1]! > p.trainMatrix.indptr[u]!);
  console.log(
    `Split: global time cut at ${new Date(p.split.testStart).toISOString()}; ${p.split.train.user.length} training events, ${p.users.length} test users, ${p.test.indices.length} test pairs; ${allUsers.length} users with training data\n`,
  );

  const kinds: RecommenderKind[] = ['popularity', 'itemknn', 'bpr', ...(args.has('--no-sasrec') ? [] : (['sasrec'] as const))];
  const header = ['model', 'fit wall s', 'fit CPU s', 'epochs', 'peak RSS MB (+delta)', 'eval test users s', 'score all users s', 'NDCG@10 [95% CI]', 'Recall@20'];
  const rows: string[][] = [];
  let bprEpochs = 0;
  for (const kind of kinds) {
    const model: Recommender = await createRecommender(kind, kind === 'sasrec' ? { sasrec: { epochs: 3, earlyStopping: false } } : {}, 1);
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    const fit = await withPeakMemory(() => model.fit(p.split.train));
    const fitWall = (performance.now() - w0) / 1000;
    const fitCpu = process.cpuUsage(c0).user / 1e6;
    if (kind === 'bpr') bprEpochs = fit.value.bestEpoch ?? fit.value.epochs ?? 0;
    const e0 = performance.now();
    const r = await evaluateModel(model, { test: p.test, history: p.trainMatrix, users: p.users, seed: 1 });
    const evalWall = (performance.now() - e0) / 1000;
    const s0 = performance.now();
    const buffer = new Float32Array(256 * x.itemIds.length);
    const history = matrixFromInteractions(p.split.train);
    for (let i = 0; i < allUsers.length; i += 256) model.scoreUsers(allUsers.subarray(i, i + 256), history, buffer);
    const scoreWall = (performance.now() - s0) / 1000;
    const m = summarise(r, { resamples: 1000, seed: 1 }).metrics;
    rows.push([
      kind,
      fitWall.toFixed(2),
      fitCpu.toFixed(2),
      fit.value.epochs === undefined ? '-' : `${fit.value.epochs}${fit.value.bestEpoch ? ` (val NDCG ${fit.value.validationNdcg10?.toFixed(4)})` : ''}`,
      `${fit.peakMb.toFixed(0)} (+${(fit.peakMb - fit.baseMb).toFixed(0)})`,
      evalWall.toFixed(2),
      scoreWall.toFixed(2),
      `${m['ndcg@10']!.value.toFixed(4)} [${m['ndcg@10']!.ci[0].toFixed(4)}, ${m['ndcg@10']!.ci[1].toFixed(4)}]`,
      m['recall@20']!.value.toFixed(4),
    ]);
    console.log(`  ${kind}: done (load ${load()})`);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (c: string[]): string => c.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  console.log(`\n${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.map(line).join('\n')}`);
  const bpr = rows.find((r) => r[0] === 'bpr');
  if (bpr) console.log(`BPR fit + full evaluation: ${(Number(bpr[1]) + Number(bpr[5])).toFixed(1)} s wall (target < 30 s); baseline popularity ${rows[0]![1]} + ${rows[0]![5]} s`);

  if (args.has('--no-lab')) return;
  console.log(`\nLab (behaviour baseline synthesizer trained on each kept training split only; BPR fixed at ${bprEpochs} epochs from the early stop above)`);
  const l0 = performance.now();
  let lastMessage = '';
  const lab: LabResult = await runLab(x, {
    synthetic: async (train) => {
      const g0 = performance.now();
      try {
        const out = (await synthesizeBehaviour(train, { model: 'baseline', seed: 7 })).interactions;
        process.stderr.write(`  behaviour baseline: ${out.user.length} synthetic events from ${train.user.length} real in ${((performance.now() - g0) / 1000).toFixed(1)} s\n`);
        return out;
      } catch (e) {
        console.log(`behaviour baseline failed (${(e as Error).message}); using the random-walk stand-in from the tests`);
        return randomWalkSynthesizer(7)(train);
      }
    },
    models: ['popularity', 'itemknn', 'bpr'],
    keeps: args.has('--quick') ? [0.25, 1] : [0.1, 0.25, 0.5, 1],
    ratios: [1],
    seed: 42,
    resamples: 500,
    modelOptions: { bpr: { earlyStopping: false, epochs: Math.max(5, bprEpochs) } },
    onProgress: (e) => {
      if (e.message && e.message !== lastMessage) {
        lastMessage = e.message;
        process.stderr.write(`  ${e.message}\n`);
      }
    },
  });
  console.log(formatLabTable(lab));
  console.log(`Lab time ${((performance.now() - l0) / 1000).toFixed(0)} s; load average ${load()}`);
  const verdicts = lab.results
    .filter((r) => r.training !== 'real')
    .map((r) => `${r.model}/${r.training}${r.ratio !== undefined ? ` x${r.ratio.toFixed(2)}` : ''}/keep ${r.keep}: ${r.significant ? ((r.deltaNdcg10VsReal ?? 0) > 0 ? 'better' : 'worse') : 'no significant difference'} (delta NDCG@10 ${(r.deltaNdcg10VsReal ?? 0).toFixed(4)}, p ${r.pValueVsReal?.toExponential(2)})`);
  console.log(verdicts.join('\n'));
}

void main();
