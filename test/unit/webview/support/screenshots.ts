/**
 * Dev check (not a unit test): renders every tab of the dashboard in Chromium with realistic
 * messages, in dark, light and high contrast, and saves screenshots under test-results/webview/.
 * Run: npx tsx test/unit/webview/support/screenshots.ts
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { DEFAULT_STRINGS } from '../../../../src/protocol/webview-strings';
import * as fx from './fixtures';
import { buildBundle, openDashboard, removeBundle, type Theme } from './harness';

const out = 'test-results/webview';

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const dir = await buildBundle();
  try {
  for (const theme of ['dark', 'light', 'high-contrast'] as Theme[]) {
    const d = await openDashboard({ bundleDir: dir, theme, height: 1100 });
    await d.send(fx.init());
    await d.send(fx.profile());
    await d.send(fx.runs());
    await d.send(fx.runFinished('r1', 100_000));
    await d.send(fx.runStarted('r2'));
    for (let s = 1; s <= 180; s++) await d.send(fx.progress('r2', s));
    await d.send(fx.labResult());
    await d.page.waitForTimeout(300);
    const tabs = ['data', 'training', 'synthetic', 'quality', 'recommendations'];
    for (const [i, tab] of tabs.entries()) {
      await d.page.locator('vscode-tab-header').nth(i).click();
      await d.page.waitForTimeout(250);
      await d.page.screenshot({ path: `${out}/${theme}-${tab}.png`, fullPage: true });
    }
    const problems = await d.problems();
    console.log(`${theme}: ${problems.length ? problems.join('\n  ') : 'no CSP violations or page errors'}`);
    await d.close();
  }
    // Simplified Chinese, as the host would send it after vscode.l10n.t.
    const zh = JSON.parse(readFileSync('l10n/bundle.l10n.zh-cn.json', 'utf8')) as Record<string, string>;
    const strings = Object.fromEntries(Object.entries(DEFAULT_STRINGS).map(([k, en]) => [k, zh[en] ?? en]));
    const d = await openDashboard({ bundleDir: dir, theme: 'light', height: 1000 });
    await d.send(fx.init(strings));
    await d.send(fx.profile());
    await d.send(fx.runFinished('r1', 2000));
    await d.page.waitForTimeout(300);
    await d.page.screenshot({ path: `${out}/zh-cn-data.png`, fullPage: true });
    await d.page.locator('vscode-tab-header').nth(3).click();
    await d.page.waitForTimeout(250);
    await d.page.screenshot({ path: `${out}/zh-cn-quality.png`, fullPage: true });
    await d.close();
  } finally {
    removeBundle(dir);
  }
}

void main();
