// The main user path in the real workbench with the packaged .vsix installed: right-click a
// CSV in the explorer, choose Synthesize, and read the synthetic preview in the dashboard.
// Later tests in this file reuse the dashboard the first one opened.
import assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import {
  clearNotifications,
  explorerContextMenuItem,
  openWorkbench,
  screenshot,
  screenshotOf,
  screenshotOnFailure,
  setColorTheme,
  webviewContent,
  type WorkbenchSession,
} from './support/workbench';
import { DASHBOARD_TABS, showTab, tableRows, type DashboardTab } from './support/dashboard';

const INPUT = 'retail-400.csv';
// The explorer menu shows a command's title ("Synthesize Dataset…"): VS Code renders
// shortTitle ("Synthesize") in toolbars but not in the explorer's context menu.
const SYNTHESIZE_MENU_LABEL = /^Synthesize(?: Dataset…)?$/;
// Synthesis of the fixture takes seconds; the first run also starts the worker and loads tfjs.
const DASHBOARD_TIMEOUT_MS = 180_000;

const THEMES: ReadonlyArray<{ label: string; bodyClass: string; slug: string; tabs: readonly DashboardTab[] }> = [
  { label: 'Dark Modern', bodyClass: 'vscode-dark', slug: 'dark', tabs: DASHBOARD_TABS },
  { label: 'Dark High Contrast', bodyClass: 'vscode-high-contrast', slug: 'high-contrast', tabs: ['synthetic'] },
  // Last, so that the workbench is left in the theme the next test file starts from.
  { label: 'Light Modern', bodyClass: 'vscode-light', slug: 'light', tabs: DASHBOARD_TABS },
];

describe('dashboard from the explorer', () => {
  let session: WorkbenchSession;
  let dashboard: FrameLocator;

  before(async () => {
    session = await openWorkbench();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) await screenshotOnFailure(session.page, this.currentTest.fullTitle());
  });

  after(async () => {
    await session?.close();
  });

  it('right-click a CSV, Synthesize, and the dashboard shows synthetic rows', async () => {
    const { page } = session;
    const item = await explorerContextMenuItem(page, INPUT, SYNTHESIZE_MENU_LABEL);
    await screenshot(page, '01-explorer-context-menu');
    await item.click();

    dashboard = webviewContent(page);
    await showTab(dashboard, 'synthetic');
    const preview = dashboard.locator('[data-testid="synthetic-preview"]');
    await preview.locator('tr:has(td)').first().waitFor({ timeout: DASHBOARD_TIMEOUT_MS });
    const rows = await tableRows(preview);
    await screenshot(page, '02-dashboard-opened');

    assert.ok(rows.length > 0, 'the synthetic preview has no rows');
    const width = rows[0]?.length ?? 0;
    assert.ok(width > 1, `synthetic preview rows have ${width} cells`);
    rows.forEach((cells, i) => assert.equal(cells.length, width, `preview row ${i + 1} has ${cells.length} cells, row 1 has ${width}`));
    assert.ok(
      rows.some((cells) => cells.some((c) => c !== '')),
      'every cell of the synthetic preview is empty',
    );
    console.log(`      synthetic preview: ${rows.length} rows x ${width} cells; first: ${JSON.stringify(rows[0])}`);
  });

  // Each theme: VS Code marks the webview body with the theme kind, the dashboard's styles
  // follow VS Code's CSS variables; every tab is photographed for a person to look at.
  for (const theme of THEMES) {
    it(`renders its tabs in the ${theme.label} theme`, async () => {
      assert.ok(dashboard, 'the dashboard did not open in the first test');
      const { page } = session;
      await clearNotifications(page);
      await setColorTheme(page, theme.label);
      await dashboard.locator(`body.${theme.bodyClass}`).waitFor({ timeout: 30_000 });
      for (const tab of theme.tabs) {
        await showTab(dashboard, tab);
        await dashboard.locator(`vscode-tab-panel[data-panel="${tab}"]`).waitFor({ state: 'visible' });
        await screenshotOf(page.locator('iframe.webview'), `dashboard-${theme.slug}-${tab}`);
      }
      await showTab(dashboard, 'synthetic');
      await screenshot(page, `window-${theme.slug}`);
    });
  }
});
