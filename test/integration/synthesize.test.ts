// The main job through the real command: a fixture CSV in, a run folder with a synthetic CSV,
// run.json and report.json out, the input untouched.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseCsv } from './support/csv';
import { sha256Of } from './support/files';
import { startLagSampler } from './support/lag';
import { recordMetric } from './support/metrics';
import { synthesize, workspaceRoot, type SynthesizeResult } from './support/recsynth';

const INPUT = 'retail-400.csv';
const ROWS = 300;
// The copula fits in well under a second; 'auto' compares several neural models by validation
// fidelity (minutes on 2 cores), which is not what this suite is about.
const MODEL = 'copula';
const IDLE_BASELINE_MS = 3000;

function syntheticCsvOf(outputDir: string): string {
  const csvs = readdirSync(outputDir).filter((name) => name.endsWith('.csv'));
  assert.equal(csvs.length, 1, `expected one synthetic CSV in ${outputDir}, found: ${csvs.join(', ') || 'none'}`);
  return join(outputDir, csvs[0] ?? '');
}

describe('recsynth.synthesize', () => {
  let input = '';
  let hashBefore = '';
  let first: SynthesizeResult | undefined;

  before(() => {
    input = join(workspaceRoot(), INPUT);
    hashBefore = sha256Of(input);
  });

  it(`writes <name>.recsynth/<run>/ with ${ROWS} synthetic rows, run.json and report.json`, async () => {
    // The same sampler with nothing running first: the baseline that the machine's load gives.
    const idle = startLagSampler();
    await new Promise((resolve) => setTimeout(resolve, IDLE_BASELINE_MS));
    recordMetric('hostLagMaxMsIdleBaseline', idle.stop().maxMs);
    const lag = startLagSampler();
    first = await synthesize(input, { rows: ROWS, openDashboard: false, seed: 1, model: MODEL });
    const summary = lag.stop();
    recordMetric('hostLagMaxMsDuringCopulaRun', summary.maxMs);

    assert.ok(first && typeof first.outputDir === 'string', `synthesize returned ${JSON.stringify(first)}, expected { outputDir }`);
    const outputDir = first.outputDir;
    assert.ok(statSync(outputDir).isDirectory(), `${outputDir} is not a folder`);
    const runsFolder = dirname(outputDir);
    assert.equal(dirname(runsFolder), dirname(input), 'the run folder should sit beside the input file');
    assert.match(basename(runsFolder), /^retail-400(\.csv)?\.recsynth$/, 'runs folder should be named <name>.recsynth');

    const names = readdirSync(outputDir);
    assert.deepEqual(
      names.filter((n) => n.startsWith('.') || /\.(tmp|part|partial)$/i.test(n)),
      [],
      'temporary files left in the run folder',
    );
    assert.ok(names.includes('run.json'), `run.json missing from ${outputDir}: ${names.join(', ')}`);
    assert.ok(names.includes('report.json'), `report.json missing from ${outputDir}: ${names.join(', ')}`);
    const run: unknown = JSON.parse(readFileSync(join(outputDir, 'run.json'), 'utf8'));
    const report: unknown = JSON.parse(readFileSync(join(outputDir, 'report.json'), 'utf8'));
    assert.equal(typeof run, 'object');
    assert.equal(typeof report, 'object');

    const records = parseCsv(readFileSync(syntheticCsvOf(outputDir), 'utf8'));
    const [header, ...rows] = records;
    assert.ok(header && header.length > 1, 'synthetic CSV has no header row');
    assert.equal(rows.length, ROWS, `synthetic CSV has ${rows.length} data rows, asked for ${ROWS}`);
    rows.forEach((row, i) => assert.equal(row.length, header.length, `synthetic CSV line ${i + 2} has ${row.length} fields, header has ${header.length}`));
  });

  it('leaves the input file unchanged', () => {
    assert.equal(sha256Of(input), hashBefore, `${INPUT} was modified by a run`);
  });

  it('gives the same synthetic table for the same seed', async () => {
    assert.ok(first, 'the first run did not complete');
    const second = await synthesize(input, { rows: ROWS, openDashboard: false, seed: 1, model: MODEL });
    assert.ok(second && second.outputDir !== first.outputDir, 'a second run should get its own run folder');
    assert.equal(
      sha256Of(syntheticCsvOf(second.outputDir)),
      sha256Of(syntheticCsvOf(first.outputDir)),
      'two runs with seed 1 wrote different synthetic tables',
    );
  });
});
