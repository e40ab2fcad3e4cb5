/**
 * Behaviour benchmark: `npm run bench:behaviour`.
 * On the real Online Retail log (cleaned by loadInteractions): training step time, events
 * generated per second, peak memory, and the real-vs-synthetic figures for the Transformer beside
 * the popularity + transitions baseline, all in one run. Then the OTTO sessions sample for the
 * event-type figures (Online Retail has purchases only).
 *
 * Knobs (environment): BENCH_TRAIN_SECONDS (Transformer training budget, default 180),
 * BENCH_USERS (synthetic users per model, default 1000), BENCH_SEED (default 1),
 * BENCH_TRANSFORMER (JSON overrides of TransformerBehaviourConfig, e.g. '{"dModel":32}').
 */
import { execSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import { loadInteractions } from '../src/core/data/interactions-load';
import { initTf } from '../src/core/runtime/backend';
import type { ProgressEvent } from '../src/core/runtime/progress';
import { BaselineBehaviourModel } from '../src/core/synth/behaviour/baseline';
import type { BehaviourInput } from '../src/core/synth/behaviour/encoding';
import { behaviourFigures, type BehaviourFigures } from '../src/core/synth/behaviour/figures';
import type { BehaviourModel } from '../src/core/synth/behaviour/model';
import { TransformerBehaviourModel, type TransformerBehaviourConfig } from '../src/core/synth/behaviour/transformer-model';
import { inferUserFeatures } from '../src/core/synth/behaviour/user-features';

const RETAIL = '../shared/data/online-retail/online_retail_2010-12_to_2011-08.csv';
const OTTO = '../shared/data/otto-sample/sessions.jsonl';
const TRAIN_SECONDS = Number(process.env['BENCH_TRAIN_SECONDS'] ?? 180);
const SEED = Number(process.env['BENCH_SEED'] ?? 1);
const OVERRIDES = JSON.parse(process.env['BENCH_TRANSFORMER'] ?? '{}') as Partial<TransformerBehaviourConfig>;

let peakRss = 0;
const sampleRss = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const rssTimer = setInterval(sampleRss, 100);

const gib = (b: number): string => `${(b / 2 ** 30).toFixed(2)} GiB`;
const fmt = (v: number | null | undefined, d = 3): string => (v === null || v === undefined || Number.isNaN(v) ? 'n/a' : v.toFixed(d));

interface Run {
  readonly name: string;
  readonly fitSeconds: number;
  readonly steps: number;
  readonly stepMs: number | null;
  readonly events: number;
  readonly generateSeconds: number;
  readonly figures: BehaviourFigures;
  readonly info: string;
}

async function runModel(name: string, model: BehaviourModel, x: BehaviourInput, nUsers: number): Promise<Run> {
  const stepTimes: number[] = [];
  let last = Date.now();
  let lastLog = 0;
  const onProgress = (e: ProgressEvent): void => {
    sampleRss();
    if (e.losses) {
      const now = Date.now();
      stepTimes.push(now - last);
      last = now;
      if (now - lastLog > 15_000) {
        lastLog = now;
        console.log(`  [${name}] step ${e.step} epoch ${e.epoch} loss ${Object.entries(e.losses).map(([k, v]) => `${k}=${v.toFixed(3)}`).join(' ')}`);
      }
    }
  };
  const t0 = Date.now();
  last = t0;
  await model.fit(x, { seed: SEED, onProgress, epochs: 1000 });
  const fitSeconds = (Date.now() - t0) / 1000;
  const t1 = Date.now();
  const gen = await model.generate({ nUsers, seed: SEED, onProgress: sampleRss });
  const generateSeconds = (Date.now() - t1) / 1000;
  sampleRss();
  const figures = behaviourFigures(x, gen.log);
  // Median step time, skipping the first steps (graph warm-up).
  const steady = stepTimes.slice(Math.min(3, stepTimes.length - 1)).sort((a, b) => a - b);
  const info = model.info();
  model.dispose();
  return {
    name,
    fitSeconds,
    steps: info.trainSteps,
    stepMs: steady.length > 0 ? steady[steady.length >> 1]! : null,
    events: gen.log.user.length,
    generateSeconds,
    figures,
    info: `${info.parameters} parameters, vocabulary ${info.vocabulary}, kinds ${info.kindSource} (${info.eventKinds.length}); ${info.notes.join('; ')}`,
  };
}

function row(label: string, real: string, a: string, b: string, better?: 'a' | 'b' | '='): string {
  const mark = better === 'b' ? '  <- transformer' : better === 'a' ? '  <- baseline' : '';
  return `${label.padEnd(38)}${real.padStart(12)}${a.padStart(12)}${b.padStart(13)}${mark}`;
}

function winner(a: number | null, b: number | null, higherIsBetter = true): 'a' | 'b' | '=' | undefined {
  if (a === null || b === null) return undefined;
  if (Math.abs(a - b) < 1e-9) return '=';
  return (b > a) === higherIsBetter ? 'b' : 'a';
}

function closer(real: number, a: number, b: number): 'a' | 'b' | '=' {
  const da = Math.abs(a - real);
  const db = Math.abs(b - real);
  return Math.abs(da - db) < 1e-9 ? '=' : db < da ? 'b' : 'a';
}

function printComparison(title: string, base: Run, tr: Run): void {
  const f = base.figures;
  const g = tr.figures;
  console.log(`\n${title}`);
  console.log(row('figure', 'real', 'baseline', 'transformer'));
  console.log(row('session length, KS complement', '1', fmt(f.sessionLength.ksComplement), fmt(g.sessionLength.ksComplement), winner(f.sessionLength.ksComplement, g.sessionLength.ksComplement)));
  console.log(row('  mean events per session', fmt(f.sessionLength.realMean, 2), fmt(f.sessionLength.syntheticMean, 2), fmt(g.sessionLength.syntheticMean, 2), closer(f.sessionLength.realMean, f.sessionLength.syntheticMean, g.sessionLength.syntheticMean)));
  console.log(row('inter-event time, KS complement', '1', fmt(f.interEventTime.ksComplement), fmt(g.interEventTime.ksComplement), winner(f.interEventTime.ksComplement, g.interEventTime.ksComplement)));
  console.log(row('  median gap (s)', fmt(f.interEventTime.realMedianSeconds, 0), fmt(f.interEventTime.syntheticMedianSeconds, 0), fmt(g.interEventTime.syntheticMedianSeconds, 0)));
  console.log(row('item popularity curve score', '1', fmt(f.itemPopularity.score), fmt(g.itemPopularity.score), winner(f.itemPopularity.score, g.itemPopularity.score)));
  const pr = f.itemPopularity.real;
  console.log(row('  Gini', fmt(pr.gini), fmt(f.itemPopularity.synthetic.gini), fmt(g.itemPopularity.synthetic.gini), closer(pr.gini, f.itemPopularity.synthetic.gini, g.itemPopularity.synthetic.gini)));
  console.log(row('  share of events on top 1% items', fmt(pr.top1PctShare), fmt(f.itemPopularity.synthetic.top1PctShare), fmt(g.itemPopularity.synthetic.top1PctShare), closer(pr.top1PctShare, f.itemPopularity.synthetic.top1PctShare, g.itemPopularity.synthetic.top1PctShare)));
  console.log(row('  long-tail coverage', fmt(pr.longTailCoverage), fmt(f.itemPopularity.synthetic.longTailCoverage), fmt(g.itemPopularity.synthetic.longTailCoverage)));
  console.log(row('  long-tail share of events', fmt(pr.longTailEventShare), fmt(f.itemPopularity.synthetic.longTailEventShare), fmt(g.itemPopularity.synthetic.longTailEventShare), closer(pr.longTailEventShare, f.itemPopularity.synthetic.longTailEventShare, g.itemPopularity.synthetic.longTailEventShare)));
  const te = f.eventTypeTransitions;
  const tt = g.eventTypeTransitions;
  console.log(row('event-type transitions similarity', te.score === null ? 'n/a' : '1', fmt(te.score), fmt(tt.score), winner(te.score, tt.score)));
  console.log(row('repeat-purchase rate', fmt(f.repeatPurchase.real), fmt(f.repeatPurchase.synthetic), fmt(g.repeatPurchase.synthetic), closer(f.repeatPurchase.real, f.repeatPurchase.synthetic, g.repeatPurchase.synthetic)));
  console.log(row('distinct items', String(f.distinctItems.real), String(f.distinctItems.synthetic), String(g.distinctItems.synthetic)));
  console.log(row('exact copies of a real history (>=2 ev.)', '-', fmt(f.exactCopies.share, 4), fmt(g.exactCopies.share, 4), winner(f.exactCopies.share, g.exactCopies.share, false)));
  const scoreKeys = Object.keys(f.scores).filter((k) => f.scores[k] !== null && g.scores[k] !== null);
  const wins = scoreKeys.filter((k) => g.scores[k]! > f.scores[k]!).length;
  console.log(`distribution scores won by the Transformer: ${wins} of ${scoreKeys.length} (${scoreKeys.join(', ')})`);
}

function printSpeed(base: Run, tr: Run): void {
  console.log('\nspeed');
  console.log(row('', '', 'baseline', 'transformer'));
  console.log(row('fit seconds', '', fmt(base.fitSeconds, 1), fmt(tr.fitSeconds, 1)));
  console.log(row('training steps', '', String(base.steps), String(tr.steps)));
  console.log(row('training step, median ms', '', '-', fmt(tr.stepMs, 0)));
  console.log(row('events generated', '', String(base.events), String(tr.events)));
  console.log(row('generate seconds', '', fmt(base.generateSeconds, 2), fmt(tr.generateSeconds, 2)));
  console.log(row('events per second (target >= 20,000)', '', fmt(base.events / base.generateSeconds, 0), fmt(tr.events / tr.generateSeconds, 0)));
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`load before: ${execSync('uptime').toString().trim()}`);
  const backend = await initTf();
  console.log(`backend: ${backend.label} (${backend.notes.join('; ')})`);

  const t0 = Date.now();
  const loaded = await loadInteractions(RETAIL);
  const userFeatures = inferUserFeatures(loaded.interactions);
  const x: BehaviourInput = { ...loaded.interactions, userFeatures };
  sampleRss();
  console.log(
    `Online Retail: ${x.user.length} events, ${x.userIds.length} customers, ${x.itemIds.length} items, user features [${Object.keys(userFeatures).join(', ')}], loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  const nUsers = Number(process.env['BENCH_USERS'] ?? 1000);
  console.log(`generating ${nUsers} synthetic customers per model; Transformer training budget ${TRAIN_SECONDS} s; seed ${SEED}; overrides ${JSON.stringify(OVERRIDES)}`);

  const base = await runModel('baseline', new BaselineBehaviourModel(), x, nUsers);
  const tr = await runModel('transformer', new TransformerBehaviourModel({ ...OVERRIDES, timeBudgetSeconds: TRAIN_SECONDS }), x, nUsers);
  console.log(`\nTransformer: ${tr.info}`);
  printSpeed(base, tr);
  printComparison('figures, Online Retail (real vs synthetic)', base, tr);

  // OTTO: the one sample with clicks / carts / orders, for the event-type figure. Tiny.
  const otto = (await loadInteractions(OTTO)).interactions;
  const ob = await runModel('baseline', new BaselineBehaviourModel(), otto, otto.userIds.length * 5);
  const ot = await runModel(
    'transformer',
    new TransformerBehaviourModel({ dModel: 32, nLayers: 2, ffnDim: 64, maxLen: 64, batchSize: 8, epochs: 30, timeBudgetSeconds: 20 }),
    otto,
    otto.userIds.length * 5,
  );
  printComparison(`figures, OTTO sample (${otto.user.length} events, 20 sessions; far too small to judge, a format check)`, ob, ot);

  clearInterval(rssTimer);
  sampleRss();
  console.log(`\npeak RSS ${gib(peakRss)} (limit 4 GiB); tf tensors alive at the end: ${tf.memory().numTensors}`);
  console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s; load after: ${execSync('uptime').toString().trim()}`);
}

main().catch((e: unknown) => {
  clearInterval(rssTimer);
  console.error(e);
  process.exit(1);
});
