// The first-run path of a new user with the packaged .vsix installed: open RecSynth's Getting
// Started walkthrough, open the bundled sample from its first step, synthesize it from the next
// step, and read the synthetic preview in the dashboard that opens beside the walkthrough.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2eEnvironment } from './support/env';
import { clearNotifications, openWorkbench, runFromPalette, screenshot, screenshotOf, screenshotOnFailure, type WorkbenchSession } from './support/workbench';
import { showTab, tableRows } from './support/dashboard';
import { extensionWebviewContent, extensionWebviewSelector, openWalkthrough, stepButton, walkthroughEditor, walkthroughStep } from './support/walkthrough';

const EXTENSION_ID = 'recsynth.recsynth';
const WALKTHROUGH_TITLE = 'Get started with RecSynth';
const OPEN_STEP = 'Open the sample data';
const SYNTH_STEP = 'Synthesize it';
const SAMPLE_FILE = 'online-retail-sample.csv';
// The harness's user settings pick TVAE with 300 epochs, sized for the 400-row fixture; the
// sample has about 26 000 lines. Workspace settings (a user's own way to pick a model for one
// folder) switch this test to the Gaussian copula, which fits the sample in seconds.
const WORKSPACE_SETTINGS = { 'recsynth.model': 'copula' };
// The first run also starts the worker and loads tfjs; on a loaded 2-core machine that and the
// sample's cleaning and profiling take a while.
const DASHBOARD_TIMEOUT_MS = 240_000;

// Runs in the workbench page (this project's TypeScript has no DOM types, hence a string): each
// webview's owning extension, size and visibility, to say why a panel looks blank.
const DESCRIBE_WEBVIEW_IFRAMES = `[...document.querySelectorAll('iframe.webview')].map((el) => {
  const r = el.getBoundingClientRect();
  const owner = new URL(el.src).searchParams.get('extensionId') || '(workbench)';
  const parent = el.parentElement;
  return owner + ' ' + Math.round(r.width) + 'x' + Math.round(r.height) + ' visibility=' + getComputedStyle(el).visibility +
    ' parent=' + (parent ? getComputedStyle(parent).visibility + '/' + getComputedStyle(parent).display : '-');
})`;

const FRAME_BODY_SUMMARY = `document.body ? document.body.children.length + ' children, ' + document.body.innerHTML.length + ' chars: ' + document.body.innerHTML.slice(0, 160) : 'no body'`;

/** Writes the workspace's .vscode/settings.json for this test and returns how to put it back. */
function useWorkspaceSettings(settings: Record<string, unknown>): () => void {
  const dir = join(e2eEnvironment().workspace, '.vscode');
  const file = join(dir, 'settings.json');
  const dirExisted = existsSync(dir);
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(settings, null, 2));
  return () => {
    if (previous !== undefined) writeFileSync(file, previous);
    else if (dirExisted) rmSync(file, { force: true });
    else rmSync(dir, { recursive: true, force: true });
  };
}

describe('getting started walkthrough', () => {
  let session: WorkbenchSession;
  let restoreSettings: (() => void) | undefined;

  before(async () => {
    restoreSettings = useWorkspaceSettings(WORKSPACE_SETTINGS);
    session = await openWorkbench();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) await screenshotOnFailure(session.page, this.currentTest.fullTitle());
  });

  after(async () => {
    await session?.close();
    restoreSettings?.();
  });

  it('opens the sample and synthesizes it from the walkthrough, and the dashboard shows synthetic rows', async () => {
    const { page } = session;
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text().slice(0, 300));
    });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message.slice(0, 300)}`));
    await openWalkthrough(page, WALKTHROUGH_TITLE);
    const editor = walkthroughEditor(page);
    const openSample = await stepButton(editor, OPEN_STEP, 'Open Sample');
    await screenshot(page, 'walkthrough-01-opened');

    await openSample.click();
    const sampleTab = page.getByRole('tab', { name: new RegExp(SAMPLE_FILE.replace(/[.]/g, '\\.')) });
    await sampleTab.waitFor({ timeout: 60_000 });
    await page.locator('.monaco-editor .view-lines', { hasText: 'InvoiceNo' }).first().waitFor({ timeout: 60_000 });
    await screenshot(page, 'walkthrough-02-sample-open');

    // The walkthrough opens as a preview editor and the sample opens as one in the same group,
    // so the sample replaces the walkthrough (VS Code's own walkthroughs avoid this with
    // `command:toSide:` links). A user then reopens the walkthrough; so does this test.
    if (!(await editor.isVisible())) {
      console.log('      opening the sample closed the walkthrough; reopening it from the palette');
      await openWalkthrough(page, WALKTHROUGH_TITLE);
    }
    await walkthroughStep(editor, OPEN_STEP).locator('.codicon-getting-started-step-checked').waitFor({ timeout: 30_000 });
    const synthesize = await stepButton(editor, SYNTH_STEP, 'Synthesize Sample');
    await screenshot(page, 'walkthrough-03-synthesize-step');
    await synthesize.click();

    const dashboard = extensionWebviewContent(page, EXTENSION_ID);
    const tabHeader = dashboard.locator('vscode-tab-header[data-tab="synthetic"]');
    try {
      await tabHeader.waitFor({ timeout: DASHBOARD_TIMEOUT_MS / 4 });
    } catch {
      // Seen in 2 of 10 runs on the loaded 2-core machine: the dashboard's webview opened beside
      // the walkthrough (whose markdown media is a second webview) but its document stayed in
      // VS Code's `pending-frame` with an empty <main id="app">: the dashboard's script, served
      // through the webview's resource loader, never ran. Both webviews were stuck pending.
      // The test says what it saw, then does what a user can: Developer: Reload Webviews.
      const frames = await page.evaluate<string[]>(DESCRIBE_WEBVIEW_IFRAMES);
      console.log(`      the dashboard panel stayed blank; webview iframes: ${JSON.stringify(frames)}`);
      for (const frame of page.frames().filter((f) => f !== page.mainFrame())) {
        const body = await frame.evaluate<string>(FRAME_BODY_SUMMARY).catch((e: Error) => `(${e.message.split('\n')[0]})`);
        console.log(`        frame ${frame.name() || '-'}: ${body.replace(/\s+/g, ' ').slice(0, 120)}`);
      }
      console.log(`        console errors: ${JSON.stringify(consoleErrors.slice(-5))}`);
      await screenshot(page, 'walkthrough-blank-dashboard');
      await runFromPalette(page, 'Developer: Reload Webviews');
      console.log('      ran Developer: Reload Webviews');
    }
    await showTab(dashboard, 'synthetic');
    const preview = dashboard.locator('[data-testid="synthetic-preview"]');
    await preview.locator('tr:has(td)').first().waitFor({ timeout: DASHBOARD_TIMEOUT_MS });
    const rows = await tableRows(preview);
    await clearNotifications(page);
    await screenshot(page, 'walkthrough-04-dashboard-synthetic');
    // The window shows the walkthrough and the dashboard's top; this one shows the synthetic rows.
    // (A screenshot of the table itself is clipped wrongly: it is wider than the webview.)
    await preview.scrollIntoViewIfNeeded();
    await screenshotOf(page.locator(extensionWebviewSelector(EXTENSION_ID)), 'walkthrough-05-synthetic-preview');

    assert.ok(await editor.isVisible(), 'the walkthrough is no longer on screen beside the dashboard');
    assert.ok(rows.length > 0, 'the synthetic preview has no rows');
    const width = rows[0]?.length ?? 0;
    assert.ok(width > 1, `synthetic preview rows have ${width} cells`);
    rows.forEach((cells, i) => assert.equal(cells.length, width, `preview row ${i + 1} has ${cells.length} cells, row 1 has ${width}`));
    assert.ok(
      rows.some((cells) => cells.some((c) => c !== '')),
      'every cell of the synthetic preview is empty',
    );
    console.log(`      synthetic preview of the sample: ${rows.length} rows x ${width} cells; first: ${JSON.stringify(rows[0])}`);
    const emptyPerColumn = Array.from({ length: width }, (_, c) => rows.filter((cells) => cells[c] === '').length);
    console.log(`      empty cells per column: ${JSON.stringify(emptyPerColumn)}`);
  });
});
