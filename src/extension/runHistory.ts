/**
 * The runs of one dataset, for the Training tab's comparison table: past runs read from
 * `<file>.recsynth/<run>/run.json` (and the overall score from report.json), plus this session's.
 */
import * as path from 'node:path';
import { readdir, readFile } from 'node:fs/promises';
import type { RunSummary } from '../protocol/webview';

interface RunJson {
  createdAt?: string;
  config?: Record<string, unknown>;
  resolved?: { model?: string };
  timings?: { totalMs?: number };
  kind?: string;
}

function score(x: unknown): number | null {
  return typeof x === 'number' && x >= 0 && x <= 1 ? x : null;
}

/** Runs found on disk for a dataset, oldest first; unreadable folders are skipped. */
export async function readRunHistory(datasetPath: string, outputRoot?: string): Promise<RunSummary[]> {
  const parent = path.join(outputRoot ?? path.dirname(datasetPath), `${path.basename(datasetPath)}.recsynth`);
  let names: string[];
  try {
    names = (await readdir(parent)).filter((n) => !n.startsWith('.')).sort();
  } catch {
    return [];
  }
  const out: RunSummary[] = [];
  for (const name of names) {
    const dir = path.join(parent, name);
    try {
      const run = JSON.parse(await readFile(path.join(dir, 'run.json'), 'utf8')) as RunJson;
      if (run.kind === 'recommendLab') continue;
      let scores: Record<string, number | null> | undefined;
      try {
        const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as { quality?: Record<string, unknown>; behaviour?: { scores?: Record<string, unknown> } };
        if (report.quality) scores = { overall: score(report.quality['overall']), columnShapes: score(report.quality['columnShapes']), columnPairTrends: score(report.quality['columnPairTrends']) };
      } catch {
        // a run without a report still belongs in the list
      }
      const config = { ...(run.config ?? {}) };
      delete config['input'];
      out.push({
        runId: name,
        startedAt: run.createdAt ?? name,
        model: String(run.resolved?.model ?? config['model'] ?? '?'),
        status: 'finished',
        config,
        ...(run.timings?.totalMs !== undefined ? { durationMs: run.timings.totalMs } : {}),
        outputDir: dir,
        ...(scores ? { scores } : {}),
      });
    } catch {
      // not a run folder, or one written by another version: skip it
    }
  }
  return out;
}
