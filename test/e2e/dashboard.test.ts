// The main user path in the real workbench with the packaged .vsix installed: right-click a
// CSV in the explorer, choose Synthesize, and read the synthetic preview in the dashboard.
// Later tests in this file reuse the dashboard the first one opened.
import assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import {
  explorerContextMenuItem,
  openWorkbench,
  screenshot,
  screenshotOnFailure,
  setColorTheme,
  webviewContent,
  type WorkbenchSession,
} from './support/workbench';

const INPUT = 'retail-400.csv';
// Synthesis of the fixture takes seconds; the first run also starts the worker and loads tfjs.
const DASHBOARD_TIMEOUT_MS = 180_000;

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
    const item = await explorerContextMenuItem(page, INPUT, 'Synthesize');
    await screenshot(page, '01-explorer-context-menu');
    await item.click();

    dashboard = webviewContent(page);
    const preview = dashboard.locator('[data-testid="synthetic-preview"]');
    const dataRows = preview.locator('tr:has(td)');
    await dataRows.first().waitFor({ timeout: DASHBOARD_TIMEOUT_MS });
    const rows: string[][] = [];
    for (const row of await dataRows.all()) {
      rows.push((await row.locator('td').allTextContents()).map((text) => text.trim()));
    }
    await screenshot(page, '02-dashboard-light');

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

  for (const [theme, bodyClass, shot] of [
    ['Dark Modern', 'vscode-dark', '03-dashboard-dark'],
    ['Dark High Contrast', 'vscode-high-contrast', '04-dashboard-high-contrast'],
    ['Light Modern', 'vscode-light', '05-dashboard-light-again'],
  ] as const) {
    it(`follows the ${theme} theme`, async () => {
      assert.ok(dashboard, 'the dashboard did not open in the first test');
      const { page } = session;
      await setColorTheme(page, theme);
      // VS Code marks the webview body with the theme kind; the dashboard styles follow it.
      await dashboard.locator(`body.${bodyClass}`).waitFor({ timeout: 30_000 });
      await dashboard.locator('[data-testid="synthetic-preview"]').waitFor();
      await screenshot(page, shot);
    });
  }
});
