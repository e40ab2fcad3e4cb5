// The Training tab while a model trains, from the dashboard's own controls: the loss curve gains
// points during the run, and Cancel stops it with nothing written.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { e2eEnvironment } from './support/env';
import {
  explorerContextMenuItem,
  openWorkbench,
  screenshot,
  screenshotOnFailure,
  webviewContent,
  type WorkbenchSession,
} from './support/workbench';
import { showTab } from './support/dashboard';

const INPUT = 'retail-400.csv';
// CTGAN with the e2e settings' epochs trains for a minute or more on 2 cores: long enough to
// watch and cancel. Nothing here depends on how long it takes.
const MODEL = 'ctgan';

function runFolders(): string[] {
  const dir = join(e2eEnvironment().workspace, `${INPUT}.recsynth`);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

async function lossPoints(dashboard: FrameLocator): Promise<number> {
  return Number((await dashboard.locator('[data-testid="loss-chart"]').getAttribute('data-points')) ?? '0');
}

async function waitForPointsAbove(dashboard: FrameLocator, floor: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const points = await lossPoints(dashboard);
    if (points > floor) return points;
    if (Date.now() > deadline) throw new Error(`the loss chart stayed at ${points} points (waited for more than ${floor})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('training from the dashboard', () => {
  let session: WorkbenchSession;

  before(async () => {
    session = await openWorkbench();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) await screenshotOnFailure(session.page, this.currentTest.fullTitle());
  });

  after(async () => {
    await session?.close();
  });

  it('shows the loss curve gaining points while CTGAN trains, and Cancel leaves nothing behind', async () => {
    const { page } = session;
    const foldersBefore = runFolders();
    await (await explorerContextMenuItem(page, INPUT, 'Open Dashboard')).click();
    const dashboard = webviewContent(page);
    await showTab(dashboard, 'training');

    await dashboard.locator('vscode-single-select[aria-label="Model"]').click();
    await dashboard.getByRole('option', { name: MODEL, exact: true }).click();
    await dashboard.locator('vscode-button[aria-label="Synthesize"]').click();

    const cancel = dashboard.locator('vscode-button[aria-label="Cancel run"]:not([disabled])');
    await cancel.waitFor({ timeout: 60_000 });
    const first = await waitForPointsAbove(dashboard, 0, 180_000);
    const later = await waitForPointsAbove(dashboard, first, 120_000);
    // The progress notification (with its Cancel) and the status-bar item are in this picture.
    await screenshot(page, 'training-ctgan-running');
    assert.ok(later > first, `loss points did not grow: ${first} then ${later}`);
    console.log(`      loss chart: ${first} points, then ${later} while training`);

    await cancel.click();
    await dashboard.locator('.outcome', { has: dashboard.locator('.codicon-circle-slash') }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'training-cancelled');
    assert.deepEqual(runFolders(), foldersBefore, 'the cancelled run left a run folder behind');
  });
});
