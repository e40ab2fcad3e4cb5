import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDashboardHtml, contentSecurityPolicy, escapeHtml } from '../../../src/extension/dashboard/html';
import { makeNonce } from '../../../src/extension/dashboard/nonce';

const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';
const base = 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview';
const input = {
  cspSource,
  nonce: 'AbCdEfGhIjKlMnOpQrStUv',
  scriptUri: `${base}/main.js`,
  styleUri: `${base}/main.css`,
  codiconUri: `${base}/codicon.css`,
  title: 'RecSynth: <sales>.csv',
  lang: 'zh-cn',
};

function cspOf(html: string): Map<string, string[]> {
  const m = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
  assert.ok(m, 'the page has a CSP meta tag');
  const policy = m[1]!.replace(/&#39;/g, "'");
  return new Map(
    policy.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

test('CSP: default none, scripts only by nonce, no unsafe-inline or unsafe-eval', () => {
  const html = buildDashboardHtml(input);
  const csp = cspOf(html);
  assert.deepEqual(csp.get('default-src'), ["'none'"]);
  assert.deepEqual(csp.get('script-src'), [`'nonce-${input.nonce}'`]);
  assert.deepEqual(csp.get('style-src'), [cspSource, `'nonce-${input.nonce}'`]);
  assert.deepEqual(csp.get('img-src'), [cspSource, 'data:']);
  assert.deepEqual(csp.get('font-src'), [cspSource]);
  assert.doesNotMatch(html, /unsafe-(inline|eval)/);
  assert.equal(contentSecurityPolicy('x', 'n').includes('connect-src'), false);
});

test('every script carries the nonce and loads from the webview root; nothing else is remote', () => {
  const html = buildDashboardHtml(input);
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  assert.equal(scripts.length, 1);
  for (const s of scripts) {
    assert.match(s, new RegExp(`nonce="${input.nonce}"`));
    assert.match(s, /src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\/main\.js"/);
  }
  // Every http(s) URL in the page is the webview resource origin (no CDN, no remote fonts).
  const urls = [...html.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0]);
  assert.ok(urls.length >= 4);
  for (const u of urls) assert.ok(u.startsWith(cspSource), u);
  assert.doesNotMatch(html, /<script(?![^>]*nonce=)/);
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
  assert.doesNotMatch(html, /<style/, 'no inline style blocks');
});

test('title and language are escaped', () => {
  const html = buildDashboardHtml(input);
  assert.match(html, /<title>RecSynth: &#60;sales&#62;\.csv<\/title>/);
  assert.match(html, /<html lang="zh-cn">/);
  assert.equal(escapeHtml(`<img src=x onerror="alert('1')">&`), '&#60;img src=x onerror=&#34;alert(&#39;1&#39;)&#34;&#62;&#38;');
});

test('nonces are fresh and long enough; a short nonce is refused', () => {
  const a = makeNonce();
  const b = makeNonce();
  assert.notEqual(a, b);
  assert.match(a, /^[A-Za-z0-9+/]{22}$/);
  assert.throws(() => buildDashboardHtml({ ...input, nonce: 'abc' }), /nonce/);
  assert.throws(() => buildDashboardHtml({ ...input, nonce: `${input.nonce}' 'unsafe-inline` }), /nonce/);
});
