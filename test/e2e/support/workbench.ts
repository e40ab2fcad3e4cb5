// Drives the VS Code workbench in Chromium the way a person would: explorer, context menus,
// the command palette, quick picks, and the content of webviews.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { artifactPath, e2eEnvironment } from './env';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface WorkbenchSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

let sessionCount = 0;

/** A fresh Chromium profile with the workspace folder open in the workbench. */
export async function openWorkbench(): Promise<WorkbenchSession> {
  const env = e2eEnvironment();
  sessionCount += 1;
  const profile = join(env.profileRoot, `session-${process.pid}-${sessionCount}`);
  mkdirSync(profile, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1600, height: 1000 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${env.serverUrl}/?folder=${encodeURIComponent(env.workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
  // The explorer has rendered the folder once its rows exist.
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 120_000 });
  return { context, page, close: () => context.close() };
}

/** The explorer row of a file at the workspace root. */
export function explorerItem(page: Page, fileName: string): Locator {
  return page.locator('.explorer-folders-view').getByRole('treeitem', { name: fileName, exact: true });
}

/** Right-clicks a file in the explorer and returns the context menu's item with `label`. */
export async function explorerContextMenuItem(page: Page, fileName: string, label: string): Promise<Locator> {
  const row = explorerItem(page, fileName);
  await row.click();
  await row.click({ button: 'right' });
  const item = page.getByRole('menuitem', { name: label, exact: true });
  await item.waitFor({ timeout: 15_000 });
  return item;
}

/** Runs a command from the palette by its title, e.g. "Preferences: Color Theme". */
export async function runFromPalette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Picks a colour theme through the palette, as a user would. */
export async function setColorTheme(page: Page, themeLabel: string): Promise<void> {
  await runFromPalette(page, 'Preferences: Color Theme');
  const input = page.locator('.quick-input-widget input');
  await input.fill(themeLabel);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: themeLabel }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/**
 * The document inside the (single) webview panel: VS Code wraps each webview in an outer
 * iframe.webview whose iframe#active-frame holds the extension's HTML.
 */
export function webviewContent(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
}

/** Saves a full-window screenshot under test-results/e2e/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = artifactPath(`${name}.png`);
  await page.screenshot({ path });
  return path;
}
