/**
 * Dev measurement (not a unit test): how long the dashboard takes to take in a 100,000-row
 * synthetic preview, and to render the visible rows while scrolling through it.
 * Run: npx tsx test/unit/webview/support/measure.ts   (note the machine's load beside the figures)
 */
import { loadavg } from 'node:os';
import * as fx from './fixtures';
import { buildBundle, openDashboard, removeBundle } from './harness';

async function main(): Promise<void> {
  const dir = await buildBundle();
  const d = await openDashboard({ bundleDir: dir, height: 900 });
  try {
    await d.send(fx.init());
    await d.send(fx.profile());
    await d.page.locator('vscode-tab-header[data-tab="synthetic"]').click();
    const n = 100_000;
    // Build the message in the page (as structured clone would hand it over), then time the handler.
    const receiveMs = await d.page.evaluate(`(() => {
      const rows = Array.from({ length: ${n} }, (_, i) => ['INV' + i, 'SKU' + (i % 97), 'desc ' + (i % 1000), i % 50, '2011-0' + (1 + i % 8) + '-12 10:00', (i * 0.37) % 20, i % 11 === 0 ? null : 12000 + (i % 4000), i % 13 === 0 ? 'Spain' : 'United Kingdom']);
      const msg = { v: 1, type: 'runFinished', runId: 'r1', outputDir: '/o', files: [], timings: {}, backend: 'wasm', syntheticPreview: { columns: ['InvoiceNo','StockCode','Description','Quantity','InvoiceDate','UnitPrice','CustomerID','Country'], rows } };
      return new Promise((resolve) => {
        const t0 = performance.now();
        window.postMessage(msg, '*');
        const tick = () => document.querySelector('[data-testid="synthetic-preview"] tbody tr') ? resolve(performance.now() - t0) : requestAnimationFrame(tick);
        tick();
      });
    })()`);
    const cdp = await d.page.context().newCDPSession(d.page);
    await cdp.send('Performance.enable');
    const metrics = async (): Promise<Record<string, number>> =>
      Object.fromEntries(((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((m) => [m.name, m.value]));
    const before = await metrics();
    const scroll = await d.page.evaluate(`(async () => {
      const vp = document.querySelector('[data-testid="synthetic-preview"]').closest('.vtable-viewport');
      const times = [];
      for (let k = 0; k < 200; k++) {
        vp.scrollTop = Math.floor(((k * 7919) % 200) / 200 * vp.scrollHeight);
        const t0 = performance.now();
        await new Promise((r) => requestAnimationFrame(() => r()));
        void document.body.offsetHeight;
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      return { median: times[100], p95: times[190], rowsInDom: document.querySelectorAll('[data-testid="synthetic-preview"] tbody tr').length };
    })()`);
    const after = await metrics();
    const per = (k: string): string => (((after[k] ?? 0) - (before[k] ?? 0)) * 1000 / 200).toFixed(2);
    console.log(`per scroll position (CPU time in the renderer): script ${per('ScriptDuration')} ms, layout ${per('LayoutDuration')} ms, style ${per('RecalcStyleDuration')} ms`);
    console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (2 cores)`);
    console.log(`100,000-row preview: message handled and first rows shown in ${Number(receiveMs).toFixed(0)} ms`);
    console.log(`scrolling: frame with re-render median ${JSON.stringify(scroll)}`);
    console.log(`problems: ${JSON.stringify(await d.problems())}`);
  } finally {
    await d.close();
    removeBundle(dir);
  }
}

void main();
