/**
 * Runs the real dashboard bundle in Debian's Chromium (playwright-core) behind the real CSP page
 * from buildDashboardHtml, with a stand-in for the VS Code host: acquireVsCodeApi records what the
 * webview posts, and tests post host messages with window.postMessage. Used by render.test.ts and
 * by the screenshot dev check.
 */
import { createServer, type Server } from 'node:http';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildDashboardHtml } from '../../../../src/extension/dashboard/html';

export const CHROMIUM = '/usr/bin/chromium';

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.html': 'text/html' };

export type Theme = 'light' | 'dark' | 'high-contrast';

/** A few of the variables VS Code sets on a webview's <html>, enough to judge the look of each theme. */
const THEME_VARS: Record<Theme, Record<string, string>> = {
  dark: {
    foreground: '#cccccc', 'editor-background': '#1f1f1f', descriptionForeground: '#9d9d9d', 'panel-border': '#2b2b2b',
    'button-background': '#0078d4', 'button-foreground': '#ffffff', 'badge-background': '#616161', 'badge-foreground': '#f8f8f8',
    'input-background': '#313131', 'input-foreground': '#cccccc', 'dropdown-background': '#313131', 'dropdown-border': '#3c3c3c',
    focusBorder: '#0078d4', 'charts-blue': '#3794ff', 'charts-orange': '#d18616', 'charts-green': '#89d185', 'charts-red': '#f14c4c',
    'charts-yellow': '#cca700', 'charts-purple': '#b180d7', 'sideBar-background': '#181818', errorForeground: '#f85149',
    'editorGroupHeader-tabsBackground': '#181818', 'settings-headerBorder': '#2b2b2b', 'panelTitle-activeForeground': '#e7e7e7',
    'panelTitle-activeBorder': '#0078d4', 'diffEditor-insertedTextBackground': '#9ccc2c33', 'editorLineNumber-foreground': '#6e7681',
    'settings-textInputBackground': '#313131', 'settings-textInputForeground': '#cccccc', 'settings-textInputBorder': '#3c3c3c', 'settings-dropdownBackground': '#313131',
    'settings-dropdownForeground': '#cccccc', 'settings-dropdownBorder': '#3c3c3c', 'button-secondaryBackground': '#313131',
    'button-secondaryForeground': '#cccccc', 'list-activeSelectionBackground': '#04395e', 'list-hoverBackground': '#2a2d2e',
  },
  light: {
    foreground: '#3b3b3b', 'editor-background': '#ffffff', descriptionForeground: '#717171', 'panel-border': '#e5e5e5',
    'button-background': '#005fb8', 'button-foreground': '#ffffff', 'badge-background': '#cccccc', 'badge-foreground': '#3b3b3b',
    'input-background': '#ffffff', 'input-foreground': '#3b3b3b', 'dropdown-background': '#ffffff', 'dropdown-border': '#cecece',
    focusBorder: '#005fb8', 'charts-blue': '#1a85ff', 'charts-orange': '#d18616', 'charts-green': '#388a34', 'charts-red': '#e51400',
    'charts-yellow': '#bf8803', 'charts-purple': '#652d90', 'sideBar-background': '#f8f8f8', errorForeground: '#f85149',
    'editorGroupHeader-tabsBackground': '#f8f8f8', 'settings-headerBorder': '#e5e5e5', 'panelTitle-activeForeground': '#3b3b3b',
    'panelTitle-activeBorder': '#005fb8', 'diffEditor-insertedTextBackground': '#9ccc2c40', 'editorLineNumber-foreground': '#6e7681',
    'settings-textInputBackground': '#ffffff', 'settings-textInputForeground': '#3b3b3b', 'settings-textInputBorder': '#cecece', 'settings-dropdownBackground': '#ffffff',
    'settings-dropdownForeground': '#3b3b3b', 'settings-dropdownBorder': '#cecece', 'button-secondaryBackground': '#e5e5e5',
    'button-secondaryForeground': '#3b3b3b', 'list-activeSelectionBackground': '#e8e8e8', 'list-hoverBackground': '#f2f2f2',
  },
  'high-contrast': {
    foreground: '#ffffff', 'editor-background': '#000000', descriptionForeground: '#ffffff', 'panel-border': '#6fc3df',
    contrastBorder: '#6fc3df', contrastActiveBorder: '#f38518', 'button-background': '#000000', 'button-foreground': '#ffffff',
    'button-border': '#6fc3df', 'badge-background': '#000000', 'badge-foreground': '#ffffff', 'input-background': '#000000',
    'input-foreground': '#ffffff', 'dropdown-background': '#000000', 'dropdown-border': '#6fc3df', focusBorder: '#f38518',
    'charts-blue': '#3794ff', 'charts-orange': '#d18616', 'charts-green': '#89d185', 'charts-red': '#f14c4c', 'charts-yellow': '#ffd700',
    'charts-purple': '#b180d7', errorForeground: '#f48771', 'settings-headerBorder': '#6fc3df', 'panelTitle-activeBorder': '#f38518',
    'panelTitle-activeForeground': '#ffffff', 'editorLineNumber-foreground': '#ffffff',
    'settings-textInputBackground': '#000000', 'settings-textInputForeground': '#ffffff', 'settings-textInputBorder': '#6fc3df',
    'settings-dropdownBackground': '#000000', 'settings-dropdownForeground': '#ffffff', 'settings-dropdownBorder': '#6fc3df',
    'button-secondaryBackground': '#000000', 'button-secondaryForeground': '#ffffff',
  },
};

export interface Harness {
  readonly page: Page;
  /** Messages the webview posted to the "host", in order. */
  posted(): Promise<{ type: string; [k: string]: unknown }[]>;
  /** Posts a host message to the webview (as the extension host would). */
  send(msg: unknown): Promise<void>;
  /** CSP violations and page errors seen so far. */
  problems(): Promise<string[]>;
  close(): Promise<void>;
}

export async function buildBundle(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'recsynth-webview-'));
  await esbuild.build({
    entryPoints: { main: 'webview/src/main.ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    outdir: dir,
    loader: { '.ttf': 'file' },
    logLevel: 'error',
  });
  cpSync('node_modules/@vscode/codicons/dist/codicon.css', join(dir, 'codicon.css'));
  cpSync('node_modules/@vscode/codicons/dist/codicon.ttf', join(dir, 'codicon.ttf'));
  return dir;
}

function serve(dir: string, pages: Map<string, string>): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    const page = pages.get(path);
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
      return;
    }
    try {
      const body = readFileSync(join(dir, path.replace(/^\/+/, '').replace(/\.\./g, '')));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    resolve({ server, origin: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` });
  }));
}

export async function openDashboard(opts: { bundleDir: string; theme?: Theme; state?: unknown; width?: number; height?: number }): Promise<Harness> {
  const theme = opts.theme ?? 'dark';
  const nonce = 'TestNonce0123456789abcdef';
  const pages = new Map<string, string>();
  const { server, origin } = await serve(opts.bundleDir, pages);
  let html = buildDashboardHtml({
    cspSource: origin,
    nonce,
    scriptUri: `${origin}/main.js`,
    styleUri: `${origin}/main.css`,
    codiconUri: `${origin}/codicon.css`,
    title: 'RecSynth',
    lang: 'en',
  });
  const vars = Object.entries(THEME_VARS[theme]).map(([k, v]) => `--vscode-${k}: ${v};`).join(' ');
  const bodyClass = theme === 'high-contrast' ? 'vscode-high-contrast' : `vscode-${theme}`;
  // What VS Code does around the page: theme variables and body class, and acquireVsCodeApi.
  const hostShim = `<style nonce="${nonce}">html { --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px; --vscode-editor-font-family: monospace; ${vars} }</style>
<script nonce="${nonce}">
  window.__posted = []; window.__problems = []; window.__state = ${JSON.stringify(opts.state ?? null)};
  document.addEventListener('securitypolicyviolation', (e) => window.__problems.push('CSP: ' + e.violatedDirective + ' ' + e.blockedURI));
  window.addEventListener('error', (e) => window.__problems.push('error: ' + e.message));
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => window.__state,
    setState: (s) => { window.__state = s; },
  });
  document.addEventListener('DOMContentLoaded', () => document.body.classList.add('${bodyClass}'));
</script>`;
  html = html.replace('</head>', `${hostShim}\n</head>`).replace('<body>', `<body class="${bodyClass}">`);
  pages.set('/index.html', html);

  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: opts.width ?? 1200, height: opts.height ?? 900 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
  });
  await page.goto(`${origin}/index.html`);
  await page.waitForFunction(() => (globalThis as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
  return {
    page,
    posted: () => page.evaluate(() => (globalThis as unknown as { __posted: { type: string }[] }).__posted),
    send: async (msg) => {
      // As a JSON string: Playwright's own argument serialisation takes seconds for a 100,000-row preview.
      await page.evaluate(`window.postMessage(JSON.parse(${JSON.stringify(JSON.stringify(msg))}), '*')`);
    },
    problems: async () => [...pageErrors, ...(await page.evaluate(() => (globalThis as unknown as { __problems: string[] }).__problems))],
    close: async () => {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

export function removeBundle(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
