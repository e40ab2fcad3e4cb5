// Installs the test host, code-server (the real VS Code server), into .test-host/code-server.
// Idempotent: a verified install is left alone. Run directly (`node test/host/setup.mjs`) or
// through test/host/run.mjs and .ci/run.
//
// Facts this relies on (DESIGN.md section 5): code-server 4.100.3 needs Node 20 exactly; as root
// npm needs unsafe-perm and yes; its @vscode/ripgrep postinstall downloads rg from GitHub, which
// is unreachable here, unless that package's cache already holds the archive, so the cache is
// seeded from Debian's ripgrep.
import { existsSync, lstatSync, mkdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CODE_SERVER_VERSION,
  REQUIRED_NODE_MAJOR,
  codeServerBin,
  codeServerPackage,
  codeServerPrefix,
  installedMarker,
  setupTmpDir,
  testHostDir,
} from './paths.mjs';
import { runCommand, tailOf } from './proc.mjs';

// The cache name @vscode/ripgrep 1.15.11 (code-server 4.100.3's) looks in before downloading.
const RIPGREP_CACHE = join(setupTmpDir, 'vscode-ripgrep-cache-1.15.11');
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

// Files that exist only when the install scripts of code-server and of VS Code's own native
// dependencies really ran (npm 11 may skip scripts of packages not named in allowScripts).
const INSTALL_SCRIPT_PRODUCTS = [
  'lib/vscode/node_modules/@vscode/ripgrep/bin/rg',
  'lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
  'lib/vscode/node_modules/node-pty/build/Release/pty.node',
  'lib/vscode/node_modules/native-watchdog/build/Release/watchdog.node',
  'lib/vscode/node_modules.asar',
];

/** Environment for running code-server outside a test: keeps its config out of ~/.config. */
export function codeServerEnv(xdgRoot) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: join(xdgRoot, 'config'),
    XDG_DATA_HOME: join(xdgRoot, 'data'),
  };
}

function which(command) {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

function codeServerVersion() {
  try {
    return execFileSync(codeServerBin, ['--version'], {
      env: codeServerEnv(join(testHostDir, 'xdg-setup')),
      encoding: 'utf8',
      timeout: 60_000,
    });
  } catch {
    return '';
  }
}

/** Names what is missing from an install, or returns [] when it is complete and runs. */
export function installProblems() {
  const problems = [];
  for (const rel of INSTALL_SCRIPT_PRODUCTS) {
    const p = join(codeServerPackage, rel);
    let present = false;
    try {
      lstatSync(p);
      present = true;
    } catch {
      present = false;
    }
    if (!present) problems.push(`missing ${p} (an install script did not run or failed)`);
  }
  const version = codeServerVersion();
  if (!version.includes(CODE_SERVER_VERSION)) {
    problems.push(`\`${codeServerBin} --version\` did not print ${CODE_SERVER_VERSION} (got: ${version.trim() || 'nothing'})`);
  }
  return problems;
}

function checkPrerequisites() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== REQUIRED_NODE_MAJOR) {
    throw new Error(
      `code-server ${CODE_SERVER_VERSION} needs Node ${REQUIRED_NODE_MAJOR}, this is Node ${process.versions.node}. ` +
        `Run the tests with Node ${REQUIRED_NODE_MAJOR}.`,
    );
  }
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep (rg) is not installed: run `apt-get install ripgrep` (see .ci/run).');
  for (const tool of ['make', 'g++', 'pkg-config']) {
    if (!which(tool)) {
      throw new Error(`${tool} is not installed: code-server's native modules need build-essential and pkg-config (see .ci/run).`);
    }
  }
  return rg;
}

function seedRipgrepCache(rgPath) {
  const archive = join(RIPGREP_CACHE, RIPGREP_ARCHIVE);
  if (existsSync(archive)) return;
  mkdirSync(RIPGREP_CACHE, { recursive: true });
  const staging = join(setupTmpDir, 'rg-staging');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  copyFileSync(rgPath, join(staging, 'rg'));
  execFileSync('tar', ['-C', staging, '-czf', archive, 'rg']);
  rmSync(staging, { recursive: true, force: true });
}

/**
 * Makes sure code-server is installed and runs. Returns the path of its launcher.
 * `log` receives one line per step.
 */
export async function ensureCodeServer({ log = console.log } = {}) {
  if (existsSync(installedMarker) && installProblems().length === 0) {
    log(`code-server ${CODE_SERVER_VERSION} already installed in ${codeServerPrefix}`);
    return codeServerBin;
  }
  const rgPath = checkPrerequisites();
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${codeServerPrefix} (takes a minute or two)`);
  rmSync(codeServerPrefix, { recursive: true, force: true });
  mkdirSync(codeServerPrefix, { recursive: true });
  seedRipgrepCache(rgPath);
  // A package.json of its own keeps this install apart from the project's dependencies;
  // allowScripts approves the two top-level install scripts for npm versions that ask.
  writeFileSync(
    join(codeServerPrefix, 'package.json'),
    JSON.stringify(
      {
        name: 'recsynth-test-host',
        private: true,
        description: 'code-server for RecSynth integration and end-to-end tests (installed by test/host/setup.mjs)',
        allowScripts: { 'code-server': true, argon2: true },
      },
      null,
      2,
    ) + '\n',
  );
  const logFile = join(testHostDir, 'code-server-install.log');
  rmSync(logFile, { force: true });
  const env = {
    ...process.env,
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    // @vscode/ripgrep looks for its cache under os.tmpdir().
    TMPDIR: setupTmpDir,
    ...codeServerEnv(join(testHostDir, 'xdg-setup')),
  };
  const code = await runCommand('npm', ['install', '--no-save', '--foreground-scripts', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: codeServerPrefix,
    env,
    logFile,
  });
  if (code !== 0) {
    throw new Error(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${code}). Last lines of ${logFile}:\n${tailOf(logFile)}`);
  }
  const problems = installProblems();
  if (problems.length > 0) {
    throw new Error(`code-server installed but is incomplete:\n  ${problems.join('\n  ')}\nSee ${logFile}.`);
  }
  writeFileSync(installedMarker, `${new Date().toISOString()}\n`);
  log(`code-server ${CODE_SERVER_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return codeServerBin;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  ensureCodeServer()
    .then(() => console.log(`test host setup: ${((Date.now() - started) / 1000).toFixed(1)} s`))
    .catch((error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
