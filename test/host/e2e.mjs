// Phase B: end-to-end tests in Chromium against code-server with the packaged .vsix installed,
// as a user gets it. The .vsix goes into a fresh extensions folder before the server starts.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { installExtension, serverDirs, startCodeServer } from './code-server.mjs';
import { makeWorkspace } from './integration.mjs';
import { projectRoot, testResultsDir, vsixPath } from './paths.mjs';
import { runCommand } from './proc.mjs';

const EXTENSION_ID = 'recsynth.recsynth';

// RecSynth settings for the end-to-end workbench, set as a user would in settings.json: TVAE
// (1 step per epoch on the fixture) trains in seconds and gives the Training tab a loss curve;
// CTGAN picked in the dashboard with the same epochs trains long enough to watch and cancel.
// ('auto' compares several models by validation fidelity: minutes on 2 cores.)
const E2E_USER_SETTINGS = {
  'recsynth.model': 'tvae',
  'recsynth.epochs': 300,
  'recsynth.rows': 500,
};

/** Builds dist-pkg/recsynth.vsix with the project's own `npm run package`. */
export async function packageExtension(log) {
  rmSync(vsixPath, { force: true });
  const code = await runCommand('npm', ['run', 'package', '--silent'], { cwd: projectRoot });
  if (code !== 0 || !existsSync(vsixPath)) {
    throw new Error(`\`npm run package\` failed (exit ${code}) or wrote no ${vsixPath}`);
  }
  log(`packaged ${vsixPath}`);
  return vsixPath;
}

function runMocha(files, grep) {
  const mocha = new Mocha({ ui: 'bdd', timeout: 300_000, reporter: 'spec', color: false });
  if (grep) mocha.grep(grep);
  for (const file of files) mocha.addFile(file);
  const counts = { passed: 0, failed: 0, failures: [] };
  return mocha.loadFilesAsync().then(
    () =>
      new Promise((resolve) => {
        const runner = mocha.run(() => resolve(counts));
        runner.on('pass', () => {
          counts.passed += 1;
        });
        runner.on('fail', (test, error) => {
          counts.failed += 1;
          counts.failures.push({ title: test.fullTitle(), message: error instanceof Error ? error.message : String(error) });
        });
      }),
  );
}

/** Installs the .vsix, starts the server, runs the compiled e2e files. Returns the counts. */
export async function runE2e({ runDir, vsix, testFiles, grep, log, timings }) {
  const dirs = serverDirs(join(runDir, 'e2e-server'));
  let t0 = Date.now();
  const installOutput = installExtension(dirs, vsix);
  const installed = readdirIds(dirs.extensionsDir);
  if (!installed.some((name) => name.startsWith(`${EXTENSION_ID}-`))) {
    throw new Error(`installing ${vsix} put no ${EXTENSION_ID} into ${dirs.extensionsDir}:\n${installOutput}`);
  }
  timings.push(['install .vsix into code-server', Date.now() - t0]);
  log(`installed ${installed.join(', ')}`);

  t0 = Date.now();
  const server = await startCodeServer({ dir: dirs.dir, userSettings: E2E_USER_SETTINGS });
  timings.push(['start code-server (e2e)', Date.now() - t0]);
  log(`code-server up on ${server.url} (pid ${server.pid})`);
  const artifactsDir = join(testResultsDir, 'e2e');
  rmSync(artifactsDir, { recursive: true, force: true });
  mkdirSync(artifactsDir, { recursive: true });
  Object.assign(process.env, {
    RECSYNTH_E2E_URL: server.url,
    RECSYNTH_E2E_WORKSPACE: makeWorkspace(join(runDir, 'e2e-workspace')),
    RECSYNTH_E2E_ARTIFACTS: artifactsDir,
    RECSYNTH_E2E_PROFILES: join(runDir, 'e2e-chromium'),
  });
  try {
    t0 = Date.now();
    const counts = await runMocha(testFiles, grep);
    timings.push(['e2e tests', Date.now() - t0]);
    log(`screenshots in ${artifactsDir}`);
    return counts;
  } finally {
    const forced = await server.stop();
    if (forced.length > 0) log(`code-server processes killed with SIGKILL: ${forced.join(', ')}`);
  }
}

function readdirIds(dir) {
  try {
    return readdirSync(dir).filter((name) => !name.startsWith('.') && name !== 'extensions.json');
  } catch {
    return [];
  }
}
