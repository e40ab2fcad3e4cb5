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

/**
 * Right-clicks a file in the explorer and returns the context menu's item with `label`.
 * Menu entries of extensions appear only once the extension host has registered them, a few
 * seconds after the workbench shows, so the menu is reopened until the item is there.
 */
export async function explorerContextMenuItem(page: Page, fileName: string, label: string | RegExp, timeoutMs = 90_000): Promise<Locator> {
  const row = explorerItem(page, fileName);
  await row.waitFor({ timeout: 60_000 });
  const item = typeof label === 'string' ? page.getByRole('menuitem', { name: label, exact: true }) : page.getByRole('menuitem', { name: label });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await row.click();
    await row.click({ button: 'right' });
    try {
      await item.waitFor({ timeout: 3000 });
      return item;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1000);
    }
  }
}

const quickInput = (page: Page) => page.locator('.quick-input-widget');

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The quick-pick row whose label is exactly `label`. Fuzzy ranking may put another row first
 * (typing "Preferences: Color Theme" ranks "Browse Color Themes in Marketplace" above it), so
 * rows are matched by label and clicked rather than accepted with Enter.
 */
function pickRow(page: Page, label: string): Locator {
  return quickInput(page)
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) });
}

/** Runs a command from the palette by its title, e.g. "Preferences: Color Theme". */
export async function runFromPalette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = quickInput(page).locator('input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await pickRow(page, title).first().click();
}

/**
 * Dismisses the notification toasts that can be dismissed (they would cover the dashboard in
 * screenshots). A running progress notification stays, as it should.
 */
export async function clearNotifications(page: Page): Promise<void> {
  await runFromPalette(page, 'Notifications: Clear All Notifications');
  await quickInput(page).waitFor({ state: 'hidden' });
}

/** Picks a colour theme through the palette and the theme picker, as a user would. */
export async function setColorTheme(page: Page, themeLabel: string): Promise<void> {
  await runFromPalette(page, 'Preferences: Color Theme');
  // The palette's input is reused by the theme picker: wait until the picker owns it.
  const input = quickInput(page).locator('input[placeholder*="Color Theme"]');
  await input.waitFor();
  await input.fill(themeLabel);
  await pickRow(page, themeLabel).first().click();
  await quickInput(page).waitFor({ state: 'hidden' });
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

/** Saves a screenshot of one element (e.g. the webview) under test-results/e2e/. */
export async function screenshotOf(element: Locator, name: string): Promise<string> {
  const path = artifactPath(`${name}.png`);
  await element.screenshot({ path });
  return path;
}

/** Saves the window as failed-<test title>.png, for a look at what the test saw. */
export async function screenshotOnFailure(page: Page, testTitle: string): Promise<void> {
  const name = `failed-${testTitle.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 80)}`;
  const path = await screenshot(page, name).catch(() => undefined);
  if (path) console.log(`      screenshot of the failure: ${path}`);
}
