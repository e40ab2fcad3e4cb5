import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_STRINGS } from '../../../src/protocol/webview-strings';

const placeholders = (s: string): string[] => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

test('every dashboard string has a Simplified Chinese translation with the same placeholders', () => {
  const zh = JSON.parse(readFileSync('l10n/bundle.l10n.zh-cn.json', 'utf8')) as Record<string, string>;
  const missing = Object.values(DEFAULT_STRINGS).filter((en) => typeof zh[en] !== 'string' || zh[en] === '');
  assert.deepEqual(missing, []);
  for (const en of Object.values(DEFAULT_STRINGS)) assert.deepEqual(placeholders(zh[en]!), placeholders(en), en);
});
