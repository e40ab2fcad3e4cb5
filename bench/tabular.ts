/**
 * npm run bench:tabular — Gaussian copula, CTGAN and TVAE side by side on the item table (the golden
 * SDMetrics items_real.csv, 1,500 rows) and the customer table (RFM) derived from Online Retail:
 * fit time, training step time and steps/s per backend (wasm, cpu), sampling rows/s, peak memory,
 * and fidelity (Quality Report: Column Shapes, Column Pair Trends), printed beside the Python
 * reference numbers of DESIGN.md section 7 and a CTGAN variant (hand-written gradient-penalty
 * gradient instead of double backprop) measured in the same run. Printed, not asserted.
 *
 * Environment: BENCH_EPOCHS (items, default 300), BENCH_CUSTOMER_EPOCHS (default 100),
 * BENCH_SEEDS (default 1), BENCH_TABLES (items,customers), BENCH_MODELS (copula,ctgan,tvae),
 * BENCH_CPU_STEPS (steps timed on the cpu backend, default 3; 0 skips), BENCH_STEPS=0 skips the step table.
 */
import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import type { Table } from '../src/core/data/table';
import { initTf } from '../src/core/runtime/backend';
import { createSynthesizer } from '../src/core/synth/registry';
import type { SynthesizerKind, SynthesizerOptions } from '../src/core/synth/registry';
import { Ctgan } from '../src/core/synth/neural/ctgan';
import { Tvae } from '../src/core/synth/neural/tvae';
import type { NeuralSynthesizer, NeuralOptions } from '../src/core/synth/neural/base';
import { computeQualityScores, inferMetadata, parseMetadata, prepareTable } from '../src/core/quality';
import type { SingleTableMetadata } from '../src/core/quality';
import { loadInteractions } from '../src/core/data/interactions-load';
import { deriveCustomerTable } from '../src/core/data/derive';
import { readGoldenItems } from './items-golden';

const env = (k: string, d: string): string => process.env[k] ?? d;
const EPOCHS = Number(env('BENCH_EPOCHS', '300'));
const CUSTOMER_EPOCHS = Number(env('BENCH_CUSTOMER_EPOCHS', '100'));
const SEEDS = Number(env('BENCH_SEEDS', '1'));
const TABLES = env('BENCH_TABLES', 'items,customers').split(',');
const MODELS = env('BENCH_MODELS', 'copula,ctgan,tvae').split(',') as SynthesizerKind[];
const CPU_STEPS = Number(env('BENCH_CPU_STEPS', '3'));
const STEP_TABLE = env('BENCH_STEPS', '1') !== '0';

/** DESIGN.md section 7 (PyTorch 1.13.1 CPU, 2 cores, 300 epochs, 3 seeds, items_real.csv). */
const REFERENCE: Record<string, { fit: string; step: string; sample10k: string; overall: string; shapes: string; trends: string }> = {
  ctgan: { fit: '123 s', step: '90-130 ms', sample10k: '0.31 s', overall: '0.686 / 0.690', shapes: '0.752', trends: '0.627' },
  tvae: { fit: '39 s', step: '11-16 ms', sample10k: '0.30 s', overall: '0.880 / 0.768', shapes: '0.857', trends: '0.679' },
  copula: { fit: '0.6 s', step: '-', sample10k: '0.14 s', overall: '0.953 / 0.901', shapes: '0.941', trends: '0.862' },
};

interface Row {
  table: string;
  model: string;
  seed: number;
  fitSec: number;
  epochs: string;
  stepMs: number | null;
  sampleRowsPerSec: number;
  sample10kSec: number;
  peakRssMb: number;
  overallDefault: number | null;
  overallNoFilter: number | null;
  shapes: number | null;
  trendsNoFilter: number | null;
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const f3 = (x: number | null): string => (x === null ? '-' : x.toFixed(3));
const rssMb = (): number => process.memoryUsage().rss / 2 ** 20;

function quality(real: Table, synth: Table, metadata: SingleTableMetadata): { def: number | null; none: number | null; shapes: number | null; trends: number | null } {
  const r = prepareTable(real, metadata, 'real');
  const s = prepareTable(synth, metadata, 'synthetic');
  const def = computeQualityScores(r, s);
  const none = computeQualityScores(r, s, { realCorrelationThreshold: 0, realAssociationThreshold: 0 });
  return { def: def.overall, none: none.overall, shapes: none.columnShapes.score, trends: none.columnPairTrends.score };
}

async function runModel(table: string, real: Table, metadata: SingleTableMetadata, kind: SynthesizerKind, seed: number, epochs: number): Promise<Row> {
  const opts: SynthesizerOptions = { seed, epochs };
  const model = createSynthesizer(kind, opts);
  const stepTimes: number[] = [];
  let last = performance.now();
  let peak = rssMb();
  const t0 = performance.now();
  await model.fit(real, {
    onProgress: (e) => {
      if (!e.losses) return;
      const now = performance.now();
      stepTimes.push(now - last);
      last = now;
      if (stepTimes.length % 10 === 0) peak = Math.max(peak, rssMb());
    },
  });
  const fitSec = (performance.now() - t0) / 1000;
  const s0 = performance.now();
  const synth10k = await model.sample(10_000, { seed: seed + 100 });
  const sample10kSec = (performance.now() - s0) / 1000;
  const s1 = performance.now();
  await model.sample(50_000, { seed: seed + 200 });
  const sampleRowsPerSec = 50_000 / ((performance.now() - s1) / 1000);
  peak = Math.max(peak, rssMb());
  const synth = await model.sample(real.nRows, { seed: seed + 300 });
  const q = quality(real, synth, metadata);
  void synth10k;
  const training = (model as Partial<NeuralSynthesizer<NeuralOptions>>).training;
  const epochsRun = training ? `${training.epochs}/${epochs} (best ${training.bestEpoch ?? '-'}, ${training.stopReason})` : '-';
  (model as Partial<{ dispose(): void }>).dispose?.();
  return {
    table,
    model: kind,
    seed,
    fitSec,
    epochs: epochsRun,
    stepMs: median(stepTimes.slice(1)),
    sampleRowsPerSec,
    sample10kSec,
    peakRssMb: peak,
    overallDefault: q.def,
    overallNoFilter: q.none,
    shapes: q.shapes,
    trendsNoFilter: q.trends,
  };
}

/** CPU time of this process in ms (user + system): robust to other processes sharing the cores. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Median wall and CPU time of a few steps (the first, with its warm-up, is dropped). On a loaded
 * machine the wall time includes waiting for a core; the CPU time is what the step costs.
 */
async function stepTime(make: () => NeuralSynthesizer<NeuralOptions>, real: Table, steps: number): Promise<{ wall: number | null; cpu: number | null }> {
  const m = make();
  const wall: number[] = [];
  const cpu: number[] = [];
  let last = performance.now();
  let lastCpu = cpuMs();
  const ctrl = new AbortController();
  try {
    await m.fit(real, {
      signal: ctrl.signal,
      onProgress: (e) => {
        if (!e.losses) return;
        const now = performance.now();
        const c = cpuMs();
        wall.push(now - last);
        cpu.push(c - lastCpu);
        last = now;
        lastCpu = c;
        if (wall.length > steps) ctrl.abort();
      },
    });
  } catch {
    // Cancelled on purpose after the timed steps.
  }
  m.dispose();
  return { wall: median(wall.slice(1)), cpu: median(cpu.slice(1)) };
}

async function stepTable(real: Table): Promise<void> {
  const backends: ('wasm' | 'cpu')[] = CPU_STEPS > 0 ? ['wasm', 'cpu'] : ['wasm'];
  console.log('\nTraining step (batch 500, items table), median of timed steps:');
  console.log('backend  model                          wall ms   CPU ms   steps/s (by CPU time)');
  for (const b of backends) {
    await initTf(b);
    const steps = b === 'wasm' ? 12 : CPU_STEPS;
    const variants: [string, () => NeuralSynthesizer<NeuralOptions>][] = [
      ['ctgan', () => new Ctgan({ seed: 1, epochs: 100, validationFraction: 0 })],
      ['ctgan, hand-written GP gradient', () => new Ctgan({ seed: 1, epochs: 100, validationFraction: 0, penaltyGradient: 'analytic' })],
      ['tvae', () => new Tvae({ seed: 1, epochs: 100, validationFraction: 0 })],
    ];
    for (const [name, make] of variants) {
      const { wall, cpu } = await stepTime(make, real, steps);
      const fmt = (x: number | null): string => (x === null ? '-' : x.toFixed(1)).padStart(7);
      console.log(`${b.padEnd(8)} ${name.padEnd(30)} ${fmt(wall)}  ${fmt(cpu)}   ${cpu === null ? '-' : (1000 / cpu).toFixed(1).padStart(7)}`);
    }
  }
  console.log('reference (PyTorch CPU): CTGAN 90-130 ms, TVAE 11-16 ms; DESIGN.md: plain tfjs CTGAN step on wasm 210 ms (quiet machine)');
}

async function main(): Promise<void> {
  console.log(`bench:tabular  ${new Date().toISOString()}  node ${process.version}`);
  console.log(`load before: ${execSync('uptime').toString().trim()}`);
  const items = readGoldenItems('../shared/golden/sdmetrics/items_real.csv');
  const itemsMeta = parseMetadata(JSON.parse(readFileSync('../shared/golden/sdmetrics/metadata.json', 'utf8')), 'metadata.json');
  if (STEP_TABLE) await stepTable(items);
  const info = await initTf('wasm');
  console.log(`\nbackend for the model runs: ${info.label}`);
  const rows: Row[] = [];
  const tables: [string, () => Promise<{ t: Table; meta: SingleTableMetadata }>, number][] = [
    ['items', async () => ({ t: items, meta: itemsMeta }), EPOCHS],
    [
      'customers',
      async () => {
        const loaded = await loadInteractions('../shared/data/online-retail/online_retail_2010-12_to_2011-08.csv');
        const t = deriveCustomerTable(loaded.interactions);
        return { t, meta: inferMetadata(t) };
      },
      CUSTOMER_EPOCHS,
    ],
  ];
  for (const [name, load, epochs] of tables) {
    if (!TABLES.includes(name)) continue;
    const { t, meta } = await load();
    console.log(`\n${name}: ${t.nRows} rows, columns ${t.columns.map((c) => `${c.name}:${c.type}`).join(', ')}; ${epochs} epochs`);
    for (const kind of MODELS) {
      for (let seed = 1; seed <= (kind === 'copula' ? Math.max(1, SEEDS) : SEEDS); seed++) {
        const r = await runModel(name, t, meta, kind, seed, epochs);
        rows.push(r);
        console.log(
          `  ${kind.padEnd(7)} seed ${seed}: fit ${r.fitSec.toFixed(1)} s, epochs ${r.epochs}, step ${r.stepMs?.toFixed(1) ?? '-'} ms, ` +
            `sample ${Math.round(r.sampleRowsPerSec)} rows/s, overall ${f3(r.overallDefault)} / ${f3(r.overallNoFilter)}, shapes ${f3(r.shapes)}, trends ${f3(r.trendsNoFilter)}, peak RSS ${Math.round(r.peakRssMb)} MB, tf ${(tf.memory().numBytes / 2 ** 20).toFixed(1)} MB`,
        );
      }
    }
  }
  console.log('\nSide by side (mean over seeds; reference = DESIGN.md section 7, items table only):');
  console.log('table      model   fit s    step ms  sample 10k s  rows/s     overall (default / no filter)  shapes        trends (no filter)');
  for (const table of TABLES) {
    for (const kind of MODELS) {
      const rs = rows.filter((r) => r.table === table && r.model === kind);
      if (rs.length === 0) continue;
      const mean = (f: (r: Row) => number | null): number | null => {
        const v = rs.map(f).filter((x): x is number => x !== null);
        return v.length === 0 ? null : v.reduce((a, b) => a + b, 0) / v.length;
      };
      const ref = table === 'items' ? REFERENCE[kind] : undefined;
      const pair = (ours: string, theirs: string | undefined): string => (theirs ? `${ours} (ref ${theirs})` : ours);
      console.log(
        [
          table.padEnd(10),
          kind.padEnd(7),
          pair(mean((r) => r.fitSec)!.toFixed(1), ref?.fit).padEnd(18),
          pair(mean((r) => r.stepMs)?.toFixed(1) ?? '-', ref?.step).padEnd(22),
          pair(mean((r) => r.sample10kSec)!.toFixed(2), ref?.sample10k).padEnd(20),
          String(Math.round(mean((r) => r.sampleRowsPerSec)!)).padEnd(10),
          pair(`${f3(mean((r) => r.overallDefault))} / ${f3(mean((r) => r.overallNoFilter))}`, ref?.overall).padEnd(36),
          pair(f3(mean((r) => r.shapes)), ref?.shapes).padEnd(20),
          pair(f3(mean((r) => r.trendsNoFilter)), ref?.trends),
        ].join(' '),
      );
    }
  }
  console.log(`\nload after: ${execSync('uptime').toString().trim()}`);
}

void main();
