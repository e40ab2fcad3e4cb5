// `npm run test:host`: the tests that need the real VS Code.
//   A) integration: the mocha suite in test/integration runs inside the extension host of
//      code-server, with this project loaded as the extension under development;
//   B) end-to-end: `npm run package`, the .vsix installed into a fresh code-server, and the
//      Playwright tests in test/e2e driving the workbench in Chromium.
// Options: --only integration|e2e, --grep TEXT (mocha grep in both phases), --keep (keep the
// run folder under .test-host/ even when everything passed), --vsix PATH (test that package
// instead of running `npm run package`).
// Expects `npm run build` to have run (npm test does it first).
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildE2eSuite, buildIntegrationSuite } from './build-suites.mjs';
import { liveServers } from './code-server.mjs';
import { packageExtension, runE2e } from './e2e.mjs';
import { runIntegration } from './integration.mjs';
import { chromiumPath, projectRoot, testHostDir } from './paths.mjs';
import { ensureCodeServer } from './setup.mjs';

const KEEP_OLD_RUNS = 3;

// Targets from the issues, printed beside the figures (tests do not assert wall-clock times).
const METRIC_TARGETS = [
  [/^hostLagMax/, 'target: never above 50 ms'],
  [/^activat/, 'target: under 100 ms'],
];

const { values: options } = parseArgs({
  options: {
    only: { type: 'string' },
    grep: { type: 'string' },
    keep: { type: 'boolean', default: false },
    vsix: { type: 'string' },
  },
});
if (options.only && !['integration', 'e2e'].includes(options.only)) {
  console.error(`--only takes integration or e2e, not ${options.only}`);
  process.exit(2);
}
const wants = (phase) => !options.only || options.only === phase;

const log = (line) => console.log(`[test:host] ${line}`);
const timings = [];
async function timed(label, fn) {
  const t0 = Date.now();
  try {
    return await fn();
  } finally {
    timings.push([label, Date.now() - t0]);
  }
}

function pruneOldRuns() {
  if (!existsSync(testHostDir)) return;
  const runs = readdirSync(testHostDir)
    .filter((name) => name.startsWith('run-'))
    .sort();
  for (const name of runs.slice(0, Math.max(0, runs.length - KEEP_OLD_RUNS))) {
    rmSync(join(testHostDir, name), { recursive: true, force: true });
  }
}

async function stopEverything(signal) {
  log(`${signal}: stopping code-server`);
  await Promise.all([...liveServers].map((stop) => stop()));
  process.exit(130);
}
process.on('SIGINT', () => void stopEverything('SIGINT'));
process.on('SIGTERM', () => void stopEverything('SIGTERM'));

async function main() {
  const started = Date.now();
  const results = [];
  const metrics = {};
  const problems = [];

  await timed('test host setup (code-server)', () => ensureCodeServer({ log }));
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found: run \`apt-get install chromium\` (see .ci/run)`);
  if (!existsSync(join(projectRoot, 'dist', 'extension.js'))) {
    log('WARNING: dist/extension.js does not exist (run `npm run build`): the extension cannot load');
  }

  pruneOldRuns();
  const runDir = join(testHostDir, `run-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
  mkdirSync(runDir, { recursive: true });
  log(`run folder ${runDir}`);

  if (wants('integration')) {
    log('A) integration suite inside the extension host');
    try {
      const suiteIndex = await timed('bundle integration suite', () => buildIntegrationSuite());
      const { exitCode, report } = await timed('integration phase (server + suite)', () =>
        runIntegration({ runDir, suiteIndex, grep: options.grep, log }),
      );
      Object.assign(metrics, report?.metrics ?? {});
      const passed = report?.passed ?? 0;
      const failed = report?.failed ?? (exitCode === 0 ? 0 : 1);
      results.push({ phase: 'integration', passed, failed, failures: report?.failures ?? [] });
      if (exitCode !== 0) problems.push(`integration suite exited with ${exitCode}`);
      if (!report) problems.push('the integration suite wrote no report (did it start? see the log above)');
    } catch (error) {
      problems.push(`integration phase: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  if (wants('e2e')) {
    log('B) end-to-end tests against the packaged .vsix');
    try {
      const vsix = options.vsix
        ? resolve(options.vsix)
        : await timed('npm run package (.vsix)', () => packageExtension(log));
      const testFiles = await timed('bundle e2e tests', () => buildE2eSuite());
      const counts = await runE2e({ runDir, vsix, testFiles, grep: options.grep, log, timings });
      results.push({ phase: 'e2e', ...counts });
      if (counts.failed > 0) problems.push(`${counts.failed} end-to-end test(s) failed`);
      if (counts.passed + counts.failed === 0) problems.push('no end-to-end test ran');
    } catch (error) {
      problems.push(`e2e phase: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  console.log('\n[test:host] timings');
  for (const [label, ms] of timings) console.log(`  ${label.padEnd(40)} ${(ms / 1000).toFixed(1).padStart(7)} s`);
  console.log(`  ${'total'.padEnd(40)} ${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s`);
  if (Object.keys(metrics).length > 0) {
    const load = loadavg().map((x) => x.toFixed(1)).join(' ');
    console.log(`[test:host] measured in the extension host (load average now ${load} on ${availableParallelism()} cores)`);
    for (const [name, value] of Object.entries(metrics)) {
      const target = METRIC_TARGETS.find(([pattern]) => pattern.test(name))?.[1] ?? '';
      const shown = typeof value === 'number' ? `${value.toFixed(1)} ms` : String(value);
      console.log(`  ${name.padEnd(40)} ${shown.padStart(10)}  ${target}`);
    }
  }
  for (const r of results) {
    console.log(`[test:host] ${r.phase}: ${r.passed} passed, ${r.failed} failed`);
    for (const f of r.failures) console.log(`  FAILED ${f.title}\n    ${f.message.split('\n')[0]}`);
  }
  for (const p of problems) console.log(`[test:host] problem: ${p}`);

  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0) + (problems.length > 0 && results.every((r) => r.failed === 0) ? 1 : 0);
  const ok = problems.length === 0 && failed === 0 && passed > 0;
  if (ok && !options.keep) rmSync(runDir, { recursive: true, force: true });
  else log(`kept ${runDir} (server logs, workspaces, reports)`);
  // The closing line CI reads.
  console.log(`Host: ${passed} passed, ${failed} failed`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    console.error(`[test:host] ${error instanceof Error ? error.message : String(error)}`);
    await Promise.all([...liveServers].map((stop) => stop()));
    console.log('Host: 0 passed, 1 failed');
    process.exit(1);
  },
);
