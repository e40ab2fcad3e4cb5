// Phase A: the mocha suite inside the real extension host. code-server serves the workbench;
// Chromium opens it with a payload naming the project as extensionDevelopmentPath and the
// compiled suite as extensionTestsPath. When the suite ends, the workbench calls the page's
// codeAutomationExit(code); codeAutomationLog carries the extension host's console output.
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser.mjs';
import { startCodeServer } from './code-server.mjs';
import { fixturesDir, projectRoot } from './paths.mjs';

const SUITE_TIMEOUT_MS = 15 * 60_000;

/** The workbench URL that loads the extension under development and runs the suite. */
export function integrationUrl(serverUrl, workspace, suiteIndex) {
  const authority = new URL(serverUrl).host;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${projectRoot}`],
    ['extensionTestsPath', `vscode-remote://${authority}${suiteIndex}`],
  ];
  return `${serverUrl}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

// The extension host's console calls arrive as their raw arguments (mocha's reporter passes
// printf-style formats), so they are formatted here as Node's console would.
function formatLogArgs(args) {
  return Array.isArray(args) ? format(...args) : String(args);
}

/** Copies the fixtures into a fresh workspace folder, so run outputs never land in test/. */
export function makeWorkspace(dir) {
  mkdirSync(dir, { recursive: true });
  cpSync(fixturesDir, dir, { recursive: true, filter: (src) => !src.endsWith('README.md') });
  return dir;
}

/**
 * Runs the suite and returns { exitCode, report } where report is the suite's own JSON summary
 * (counts, failures, measured figures) or undefined when the suite never wrote one.
 */
export async function runIntegration({ runDir, suiteIndex, grep, log }) {
  const workspace = makeWorkspace(join(runDir, 'workspace'));
  const reportFile = join(runDir, 'integration-report.json');
  const env = { RECSYNTH_IT_REPORT: reportFile };
  if (grep) env.RECSYNTH_IT_GREP = grep;
  const t0 = Date.now();
  const server = await startCodeServer({ dir: join(runDir, 'server'), env });
  log(`code-server up on ${server.url} in ${((Date.now() - t0) / 1000).toFixed(1)} s (pid ${server.pid})`);
  let browser;
  try {
    browser = await launchBrowser(join(runDir, 'chromium-profile'));
    const page = browser.pages()[0] ?? (await browser.newPage());
    let resolveExit;
    const exited = new Promise((r) => {
      resolveExit = r;
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = formatLogArgs(args);
      // The workbench forwards its own chatter too; the suite's lines are what matter here.
      // Workbench warnings and errors (e.g. the unreachable extension gallery) come with long
      // minified stacks: their first lines say enough.
      if (type === 'error' || type === 'warn') log(`  [workbench ${type}] ${text.split('\n').slice(0, 3).join('\n')}`);
      else log(`  ${text}`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => {
      resolveExit(typeof code === 'number' ? code : Number(code));
    });
    page.on('pageerror', (error) => log(`  [page error] ${error.message}`));
    const url = integrationUrl(server.url, workspace, suiteIndex);
    await page.goto(url);
    log(`workbench opened; waiting for the suite (at most ${SUITE_TIMEOUT_MS / 60_000} min)`);
    let timer;
    const timeout = new Promise((r) => {
      timer = setTimeout(() => r('timeout'), SUITE_TIMEOUT_MS);
    });
    const outcome = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      await page.screenshot({ path: join(runDir, 'integration-timeout.png') }).catch(() => undefined);
      log(`the suite did not finish in time; screenshot in ${join(runDir, 'integration-timeout.png')}`);
      return { exitCode: 1, report: readReport(reportFile) };
    }
    return { exitCode: outcome, report: readReport(reportFile) };
  } finally {
    await browser?.close().catch(() => undefined);
    const forced = await server.stop();
    if (forced.length > 0) log(`code-server processes killed with SIGKILL: ${forced.join(', ')}`);
  }
}

function readReport(file) {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
