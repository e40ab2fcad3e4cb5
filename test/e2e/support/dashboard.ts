// The RecSynth dashboard's parts as the end-to-end tests see them inside the webview.
import type { FrameLocator, Locator } from 'playwright-core';

/** Tab ids of the dashboard, in their order (webview/src/app.ts). */
export const DASHBOARD_TABS = ['data', 'training', 'synthetic', 'quality', 'recommendations'] as const;
export type DashboardTab = (typeof DASHBOARD_TABS)[number];

/** Shows one tab of the dashboard by clicking its header, as a user would. */
export async function showTab(dashboard: FrameLocator, tab: DashboardTab): Promise<void> {
  await dashboard.locator(`vscode-tab-header[data-tab="${tab}"]`).click();
}

/** The cell texts of the rendered data rows of a table (header and row-number cells left out). */
export async function tableRows(table: Locator): Promise<string[][]> {
  const rows: string[][] = [];
  for (const row of await table.locator('tr:has(td)').all()) {
    rows.push((await row.locator('td').allTextContents()).map((text) => text.trim()));
  }
  return rows;
}
