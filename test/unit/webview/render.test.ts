/**
 * The real dashboard bundle in Chromium, behind the real CSP page, with a stand-in host
 * (support/harness.ts): user data stays text, the 100,000-row table is virtualised, messages
 * going out are valid, state survives a reload, and nothing violates the CSP.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fx from './support/fixtures';
import { buildBundle, openDashboard, removeBundle } from './support/harness';
import type { PageDocument, PageElement } from './support/pageDom';

/** Only ever used inside page.evaluate callbacks, which run in the page. */
declare const document: PageDocument;

let bundleDir = '';
before(async () => {
  bundleDir = await buildBundle();
});
after(() => removeBundle(bundleDir));

test('user data is rendered as text: no element or script comes from a cell, a column name or an example', async () => {
  const d = await openDashboard({ bundleDir });
  try {
    await d.send(fx.init());
    await d.send(fx.profile(true));
    await d.send(fx.runFinished('r1', 50, true));
    const page = d.page;
    await page.waitForSelector('[data-testid="synthetic-preview"] tbody tr', { state: 'attached' });
    // (No named helper inside evaluate: tsx would wrap it in a __name call the page lacks.)
    const found = await page.evaluate((xss) => ({
      images: document.querySelectorAll('img').length,
      syntheticCells: [...document.querySelectorAll('[data-testid="synthetic-preview"] td')].filter((e) => e.textContent === xss).length,
      realCells: [...document.querySelectorAll('.vtable td')].filter((e) => e.textContent === xss).length,
      cardTitles: [...document.querySelectorAll('.card h3')].filter((e) => e.textContent === xss).length,
      examples: [...document.querySelectorAll('td.examples')].filter((e) => (e.textContent ?? '').includes(xss)).length,
    }), fx.XSS);
    assert.equal(found.images, 0);
    assert.equal(found.syntheticCells, 1);
    assert.ok(found.realCells >= 2, 'the real table (data tab and synthetic tab) shows it too');
    assert.equal(found.cardTitles, 1);
    assert.equal(found.examples, 1);
    assert.deepEqual(await d.problems(), [], 'no CSP violation, no script error, no xss marker');
  } finally {
    await d.close();
  }
});

/** Row i of the big synthetic preview; the same formula runs in the page (ROW_SOURCE) so 9 MB need not cross CDP. */
function rowAt(i: number): (string | number | null)[] {
  return [`INV${i}`, `SKU${i % 97}`, i % 13 === 0 ? 'Spain' : 'United Kingdom', i % 50, i % 11 === 0 ? null : (i * 0.37) % 20];
}
const ROW_SOURCE = "(i) => ['INV' + i, 'SKU' + (i % 97), i % 13 === 0 ? 'Spain' : 'United Kingdom', i % 50, i % 11 === 0 ? null : (i * 0.37) % 20]";
const BIG_COLUMNS = ['InvoiceNo', 'StockCode', 'Country', 'Quantity', 'UnitPrice'];

test('the synthetic table renders only the rows in view of 100,000, and scrolling and filtering show the right ones', async () => {
  const d = await openDashboard({ bundleDir, height: 900 });
  try {
    const n = 100_000;
    await d.send(fx.init());
    await d.send(fx.profile());
    const base = { v: 1, type: 'runFinished', runId: 'r1', outputDir: '/o', files: [], timings: {}, backend: 'wasm' };
    await d.page.evaluate(
      `window.postMessage({ ...${JSON.stringify(base)}, syntheticPreview: { columns: ${JSON.stringify(BIG_COLUMNS)}, rows: Array.from({ length: ${n} }, (_, i) => (${ROW_SOURCE})(i)) } }, '*')`,
    );
    const page = d.page;
    await page.locator('vscode-tab-header[data-tab="synthetic"]').click();
    const table = page.locator('[data-testid="synthetic-preview"]');
    await table.locator('tbody tr').first().waitFor();
    const text = (r: (string | number | null)[]): string[] => r.map((c) => (c === null ? '' : String(c)));
    const firstRows = await table.locator('tbody tr').count();
    assert.ok(firstRows > 5 && firstRows < 60, `${firstRows} rows in the DOM`);
    assert.equal(await table.getAttribute('aria-rowcount'), String(n + 1));
    assert.deepEqual(await table.locator('tbody tr').first().locator('td').allTextContents(), text(rowAt(0)));

    // Keyboard: the viewport takes focus and End scrolls to the last row, still only a window of rows.
    await page.locator('.vtable-viewport', { has: table }).focus();
    await page.keyboard.press('End');
    await page.waitForFunction((last) => {
      const trs = document.querySelectorAll('[data-testid="synthetic-preview"] tbody tr');
      return trs[trs.length - 1]?.querySelector('th')?.textContent === last;
    }, String(n));
    assert.deepEqual(await table.locator('tbody tr').last().locator('td').allTextContents(), text(rowAt(n - 1)));
    assert.ok((await table.locator('tbody tr').count()) < 60);

    // Filter on one column: rows with i % 13 === 0 say Spain.
    const expected = Math.floor((n - 1) / 13) + 1;
    await page.evaluate(() => {
      const sel = document.querySelector('vscode-single-select[aria-label="Filter column"]') as PageElement;
      if (!sel) throw new Error('no filter column select');
      sel.value = 'Country';
      sel.dispatchEvent(new Event('change'));
    });
    await page.locator('vscode-textfield[aria-label="Value contains"] input').fill('spain');
    await page.waitForFunction((t) => [...document.querySelectorAll('p')].some((p) => p.textContent === t), `${expected.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} rows match`);
    const shown = await table.locator('tbody tr').evaluateAll((trs: PageElement[]) => trs.map((tr) => [tr.querySelector('th')?.textContent, tr.querySelectorAll('td')[2]?.textContent]));
    assert.ok(shown.length > 5 && shown.length < 60);
    for (const [num, country] of shown) {
      assert.equal(country, 'Spain');
      assert.equal((Number(num) - 1) % 13, 0, 'the row number is the row\'s place in the unfiltered table');
    }
    assert.deepEqual(await d.problems(), []);
  } finally {
    await d.close();
  }
});

test('outgoing messages are valid and carry the form and role choices; malformed host messages are dropped', async () => {
  const d = await openDashboard({ bundleDir });
  try {
    await d.send(fx.init());
    await d.send({ v: 1, type: 'profile' }); // malformed: dropped, logged
    await d.send({ type: 'runStarted', runId: 'x' }); // no version: dropped
    await d.send(fx.profile());
    const page = d.page;
    // Role dropdown of the Quantity card -> setRole.
    await page.evaluate(() => {
      const sel = document.querySelector('vscode-single-select[aria-label="Role of column Quantity"]') as PageElement;
      if (!sel) throw new Error('no role select for Quantity');
      sel.value = 'numeric';
      sel.dispatchEvent(new Event('change'));
    });
    await page.locator('vscode-tab-header[data-tab="training"]').click();
    await page.locator('vscode-button', { hasText: 'Synthesize' }).click();
    await d.send(fx.runStarted('r2'));
    const chart = page.locator('[data-testid="loss-chart"]');
    for (let s = 1; s <= 5; s++) await d.send(fx.progress('r2', s));
    await page.waitForFunction(() => document.querySelector('[data-testid="loss-chart"]')?.getAttribute('data-points') === '5');
    await d.send(fx.progress('other-run', 6)); // another run's event does not join this curve
    await d.send(fx.progress('r2', 7));
    await page.waitForFunction(() => document.querySelector('[data-testid="loss-chart"]')?.getAttribute('data-points') === '6');
    assert.equal(await chart.locator('canvas').count() > 0, true, 'uPlot drew a canvas');
    await page.locator('vscode-button', { hasText: 'Cancel run' }).click();
    await d.send({ v: 1, type: 'runCancelled', runId: 'r2' });
    await page.waitForFunction(() => (document.querySelector('.outcome')?.textContent ?? '').includes('cancelled'));

    await d.send(fx.labResult());
    await page.locator('vscode-tab-header[data-tab="recommendations"]').click();
    await page.locator('vscode-button', { hasText: 'Copy table' }).click();

    const posted = await d.posted();
    assert.deepEqual(
      posted.map((m) => m.type),
      ['ready', 'setRole', 'synthesize', 'cancel', 'copy'],
    );
    const copied = String(posted[4]?.['text']).split('\n');
    assert.equal(copied.length, 1 + 18, 'a header and one line per experiment');
    assert.match(copied[0]!, /^model\ttraining\tratio\tkeep\tgroup\tndcg@10\t/);
    assert.deepEqual(posted[1], { type: 'setRole', column: 'Quantity', role: 'numeric', v: 1 });
    assert.deepEqual(posted[2], { type: 'synthesize', model: 'auto', rows: 5000, seed: 42, v: 1 });
    // Every card rendered although malformed messages came first.
    assert.equal(await page.locator('.card').count(), 8);
    assert.deepEqual(await d.problems(), []);
  } finally {
    await d.close();
  }
});

test('UI state is saved with setState and restored after a reload; the dataset path is in it for the serializer', async () => {
  const first = await openDashboard({ bundleDir });
  let state: unknown;
  try {
    await first.send(fx.init());
    await first.page.locator('vscode-tab-header[data-tab="training"]').click();
    await first.page.locator('vscode-textfield[aria-label="Rows to generate"] input').fill('12345');
    await first.page.locator('vscode-tab-header[data-tab="quality"]').click();
    state = await first.page.evaluate(() => (globalThis as unknown as { __state: unknown }).__state);
    assert.deepEqual(state, { dataset: '/work/data/online-retail.csv', tab: 'quality', rows: '12345' });
  } finally {
    await first.close();
  }
  const second = await openDashboard({ bundleDir, state });
  try {
    await second.send(fx.init());
    const selected = await second.page.evaluate(() => document.querySelector('vscode-tabs')?.selectedIndex);
    assert.equal(selected, 3);
    const rows = await second.page.evaluate(() => document.querySelector('vscode-textfield[aria-label="Rows to generate"]')?.value);
    assert.equal(rows, '12345');
    assert.deepEqual(await second.problems(), []);
  } finally {
    await second.close();
  }
});
