/**
 * `recsynth evaluate --real A --synthetic B [--holdout C] [--metadata M] [--json] [--html OUT] [--seed S]`:
 * scores any pair of files (made by RecSynth or another tool) with the quality / privacy report.
 * Column types come from --metadata (SDMetrics' single-table format) or are inferred from the
 * real file and applied to the others.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { readDataset } from '../core/data/io';
import type { Table } from '../core/data/table';
import { computeReport } from '../core/quality/computeReport';
import { inferMetadata, parseMetadata, type SingleTableMetadata } from '../core/quality/metadata';
import { dataFrameToEvaluationTable } from '../core/quality/readTable';
import type { QualityReport } from '../core/quality/reportTypes';
import { renderReportHtml } from '../core/report/html';
import { intFlag, parseArgs, stringFlag, UsageError } from './args';

export interface EvaluateIo {
  readonly stdout: { write(s: string): boolean };
  readonly stderr: { write(s: string): boolean };
}

async function loadTable(path: string, metadata?: SingleTableMetadata): Promise<Table> {
  const { df } = await readDataset(path);
  return dataFrameToEvaluationTable(df, basename(path), metadata);
}

async function loadMetadata(path: string): Promise<SingleTableMetadata> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`--metadata ${path}: cannot read the file. Check the path.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${basename(path)}: not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
  return parseMetadata(json, basename(path));
}

function line(label: string, value: string): string {
  return `  ${label.padEnd(28)} ${value}\n`;
}

function fmt(x: number | null | undefined): string {
  return x === null || x === undefined ? 'n/a' : x.toFixed(3);
}

/** The readable summary printed without --json. */
export function formatSummary(report: QualityReport, names: { real: string; synthetic: string }): string {
  const q = report.quality;
  const p = report.privacy;
  let out = `Evaluation of ${names.synthetic} against ${names.real} (${report.rows.synthetic} vs ${report.rows.real} rows, ${report.columns.length} columns)\n\n`;
  out += 'Quality (SDMetrics Quality Report rules)\n';
  out += line('Overall', fmt(q.overall));
  out += line('Column Shapes', fmt(q.columnShapes));
  out += line('Column Pair Trends', `${fmt(q.columnPairTrends)} (${q.columnPairTrendsDetails.filter((d) => d.meetsThreshold).length} of ${q.columnPairTrendsDetails.length} pairs meet the thresholds)`);
  const worst = [...q.columnShapesDetails].sort((a, b) => (a.score ?? 2) - (b.score ?? 2)).slice(0, 5);
  out += line('Weakest columns', worst.map((d) => `${d.column} ${fmt(d.score)}`).join(', '));
  out += line('Detection (logistic)', fmt(report.detection.logisticDetection.score));
  out += '\nPrivacy\n';
  out += line('NewRowSynthesis', fmt(p.newRowSynthesis));
  out += line('DCRBaselineProtection', fmt(p.dcrBaselineProtection));
  out += line('DCROverfittingProtection', p.breakdown.dcrOverfittingProtection === null ? 'n/a (no --holdout)' : fmt(p.dcrOverfittingProtection));
  if (p.dcrOverfittingBalanced !== null) out += line('  size-matched training', fmt(p.dcrOverfittingBalanced));
  out += line('NNDR (median)', fmt(p.nndr));
  out += `  Verdict: ${p.verdict.summary}\n`;
  for (const f of p.verdict.findings) out += `   - ${f}\n`;
  out += '\nDiversity\n';
  out += line('Duplicate synthetic rows', `${(100 * report.diversity.duplicateRowRate.synthetic).toFixed(1)}%`);
  if (report.diversity.meanCategoryCoverage !== null) out += line('Category coverage (mean)', `${(100 * report.diversity.meanCategoryCoverage).toFixed(1)}%`);
  return out;
}

export async function runEvaluate(argv: string[], io: EvaluateIo): Promise<number> {
  const args = parseArgs(argv, ['real', 'synthetic', 'holdout', 'metadata', 'html', 'seed'], ['json']);
  if (args.positional.length > 0) throw new UsageError(`evaluate takes no positional arguments (got "${args.positional[0]}"); use --real and --synthetic.`);
  const realPath = stringFlag(args, 'real');
  const syntheticPath = stringFlag(args, 'synthetic');
  if (!realPath || !syntheticPath) throw new UsageError('evaluate needs --real <file> and --synthetic <file>.');
  const holdoutPath = stringFlag(args, 'holdout');
  const metadataPath = stringFlag(args, 'metadata');
  const htmlPath = stringFlag(args, 'html');
  const seed = intFlag(args, 'seed', 0, 0);

  const given = metadataPath ? await loadMetadata(metadataPath) : undefined;
  const realRaw = await loadTable(realPath, given);
  // Types inferred on the real file are applied to the other files, so every table agrees.
  const metadata = given ?? inferMetadata(realRaw);
  const real = given ? realRaw : await loadTable(realPath, metadata);
  const synthetic = await loadTable(syntheticPath, metadata);
  const holdout = holdoutPath ? await loadTable(holdoutPath, metadata) : undefined;

  const report = await computeReport(real, synthetic, metadata, { seed, ...(holdout ? { holdout } : {}) });
  if (htmlPath) {
    await writeFile(htmlPath, renderReportHtml(report, { title: `RecSynth evaluation: ${basename(syntheticPath)} vs ${basename(realPath)}` }), 'utf8');
  }
  if (args.flags.has('json')) io.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    io.stdout.write(formatSummary(report, { real: basename(realPath), synthetic: basename(syntheticPath) }));
    if (htmlPath) io.stdout.write(`\nHTML report written to ${htmlPath}\n`);
  }
  return 0;
}
