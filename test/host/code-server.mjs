// Starts and stops one code-server for a test phase, with every folder it writes (config, data,
// user settings, extensions) inside that phase's run folder, so each phase starts clean.
import { spawn, execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { codeServerBin } from './paths.mjs';
import { killProcessTree, tailOf } from './proc.mjs';

// User settings that keep the workbench quiet and predictable under automation.
const TEST_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'window.restoreWindows': 'none',
  'workbench.colorTheme': 'Default Light Modern',
};

/** Servers started and not yet stopped, so a signal handler can end them all. */
export const liveServers = new Set();

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The folders one code-server instance uses, all under `dir`. */
export function serverDirs(dir) {
  return {
    dir,
    userDataDir: join(dir, 'user-data'),
    extensionsDir: join(dir, 'extensions'),
    xdgConfig: join(dir, 'xdg-config'),
    xdgData: join(dir, 'xdg-data'),
    logFile: join(dir, 'code-server.log'),
  };
}

function serverEnv(dirs, extraEnv) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    ...extraEnv,
  };
}

function prepareDirs(dirs, userSettings) {
  for (const d of [dirs.userDataDir, dirs.extensionsDir, dirs.xdgConfig, dirs.xdgData]) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(dirs.userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...TEST_USER_SETTINGS, ...userSettings }, null, 2) + '\n',
  );
}

/**
 * Installs a .vsix into the instance's extensions folder. This must happen before the server
 * starts: an extension installed into a running server did not show its commands.
 */
export function installExtension(dirs, vsix) {
  prepareDirs(dirs, {});
  const output = execFileSync(
    codeServerBin,
    ['--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir, '--install-extension', vsix, '--force'],
    { env: serverEnv(dirs, {}), encoding: 'utf8', timeout: 120_000 },
  );
  return output.trim();
}

async function waitForHealthy(url, child, logFile, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode}). Log ${logFile}:\n${tailOf(logFile)}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000} s. Log ${logFile}:\n${tailOf(logFile)}`);
}

/**
 * Starts code-server on 127.0.0.1 and waits until it answers. `env` reaches the server and,
 * through it, the extension host (the integration suite reads its settings from there).
 * Returns { url, port, pid, dirs, stop }; `stop` ends the server and all its children.
 */
export async function startCodeServer({ dir, env = {}, userSettings = {}, startTimeoutMs = 60_000 }) {
  const dirs = serverDirs(dir);
  prepareDirs(dirs, userSettings);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = createWriteStream(dirs.logFile, { flags: 'a' });
  const child = spawn(
    codeServerBin,
    [
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', dirs.userDataDir,
      '--extensions-dir', dirs.extensionsDir,
    ],
    { env: serverEnv(dirs, env), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  let stopped = false;
  const stop = async () => {
    if (stopped) return [];
    stopped = true;
    liveServers.delete(stop);
    const forced = child.pid === undefined ? [] : await killProcessTree(child.pid);
    log.end();
    return forced;
  };
  liveServers.add(stop);
  try {
    await waitForHealthy(url, child, dirs.logFile, startTimeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, pid: child.pid, dirs, stop };
}
