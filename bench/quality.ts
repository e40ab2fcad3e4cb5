// Quality report timings for 10k and 50k rows x 20 columns (10 numeric, 10 categorical), per
// metric group, beside naive baselines measured in the same run: DCR and NewRowSynthesis as an
// all-pairs loop over row objects (SDMetrics' per-row approach), timed on a slice and scaled up.
// Run: npm run bench:quality. Prints the load average: the machine is shared.
import { loadavg } from 'node:os';
import { computeReport } from '../src/core/quality/computeReport';
import { inferMetadata } from '../src/core/quality/metadata';
import { nearestDistances } from '../src/core/quality/dcr';
import { prepareTable, type PreparedTable } from '../src/core/quality/prepared';
import { RowMatcher } from '../src/core/quality/rowMatcher';
import { benchTable } from './qualityData';

type Row = Record<string, number | string | null>;

function rowsOf(t: PreparedTable): Row[] {
  return Array.from({ length: t.nRows }, (_, r) => Object.fromEntries(t.columns.map((c) => [c.name, c.values[r] ?? null])));
}

/** All-pairs DCR over row objects, as SDMetrics' original calculate_dcr does row by row. */
function naiveDcr(ref: Row[], queries: Row[], t: PreparedTable): number[] {
  const ranges: Record<string, number> = {};
  for (const c of t.columns) {
    if (c.kind !== 'continuous') continue;
    let min = Infinity;
    let max = -Infinity;
    for (const row of ref) {
      const v = row[c.name] as number;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    ranges[c.name] = max - min;
  }
  return queries.map((q) => {
    let best = Infinity;
    for (const r of ref) {
      let s = 0;
      for (const c of t.columns) {
        const a = q[c.name];
        const b = r[c.name];
        if (c.kind === 'continuous') s += Math.min(Math.abs((a as number) - (b as number)) / ranges[c.name]!, 1);
        else s += a === b ? 0 : 1;
      }
      best = Math.min(best, s / t.columns.length);
    }
    return best;
  });
}

function naiveNewRows(ref: Row[], queries: Row[], t: PreparedTable): number {
  let matched = 0;
  for (const q of queries) {
    const hit = ref.some((r) =>
      t.columns.every((c) => (c.kind === 'continuous' ? Math.abs((r[c.name] as number) - (q[c.name] as number)) <= Math.abs(0.01 * (q[c.name] as number)) : r[c.name] === q[c.name])),
    );
    if (hit) matched++;
  }
  return matched;
}

function time<T>(f: () => T): { ms: number; cpuMs: number; value: T } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, cpuMs: process.cpuUsage(c0).user / 1000, value };
}

async function main(): Promise<void> {
  console.log(`quality bench, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (2 cores, shared)`);
  for (const n of [10_000, 50_000]) {
    const real = benchTable(n, 1);
    const synthetic = benchTable(n, 2);
    const holdout = benchTable(Math.round(n / 4), 3);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const report = await computeReport(real, synthetic, undefined, { holdout, seed: 1 });
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(c0).user / 1000;
    console.log(`\n${n.toLocaleString('en-US')} rows x 20 columns: report ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU`);
    for (const [k, v] of Object.entries(report.timingsMs)) console.log(`  ${k.padEnd(20)} ${String(v).padStart(7)} ms`);
    console.log(`  scores: overall ${report.quality.overall?.toFixed(3)}, detection ${report.detection.logisticDetection.score?.toFixed(3)}, DCR baseline ${report.privacy.dcrBaselineProtection?.toFixed(3)}, verdict ${report.privacy.verdict.level}`);

    // Same-run baselines on slices, scaled to the report's workload.
    const md = inferMetadata(real);
    const r = prepareTable(real, md, 'real');
    const s = prepareTable(synthetic, md, 'synthetic');
    const refRows = rowsOf(r);
    const slice = 20;
    const queries = rowsOf(s).slice(0, slice);
    const head = (t: PreparedTable, k: number): PreparedTable => ({
      ...t,
      nRows: k,
      columns: t.columns.map((c) => ({ ...c, values: c.kind === 'continuous' ? c.values.subarray(0, k) : c.values.slice(0, k) })) as PreparedTable['columns'],
    });
    const naive = time(() => naiveDcr(refRows, queries, r));
    const check = nearestDistances(r, head(s, slice)).first;
    const same = naive.value.every((v, i) => Math.abs(v - check[i]!) < 1e-12);
    // The engine on 2,000 synthetic rows (the report's default), setup included.
    const fast = time(() => nearestDistances(r, head(s, 2000)));
    console.log(
      `  DCR, 2,000 synthetic rows vs ${n.toLocaleString('en-US')} real rows: engine ${fast.ms.toFixed(0)} ms (${fast.cpuMs.toFixed(0)} ms CPU, ${fast.value.evaluated.toLocaleString('en-US')} rows evaluated); ` +
        `naive objects ${(naive.ms / slice).toFixed(1)} ms per row -> ~${((naive.ms / slice) * 2000 / 1000).toFixed(0)} s (same values on ${slice} rows: ${same})`,
    );
    const nrSlice = 50;
    const naiveNr = time(() => naiveNewRows(refRows, rowsOf(s).slice(0, nrSlice), r));
    const matcher = time(() => new RowMatcher(r, 0.01).matchedRows(s).length);
    console.log(
      `  NewRowSynthesis: naive ${((naiveNr.ms / nrSlice) * n / 1000).toFixed(1)} s for ${n.toLocaleString('en-US')} rows (scaled from ${nrSlice}), engine ${matcher.ms.toFixed(0)} ms`,
    );
  }
}

void main();
