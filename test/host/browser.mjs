// Debian's Chromium driven by playwright-core, with the flags that keep it off the network
// (this machine refuses outside connections; without them Chromium retries many at a time).
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumPath } from './paths.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A headless Chromium with a fresh profile in `profileDir` (Playwright takes the profile as
 * launchPersistentContext's first argument; it rejects --user-data-dir among the args).
 */
export async function launchBrowser(profileDir, { viewport = { width: 1600, height: 1000 } } = {}) {
  mkdirSync(profileDir, { recursive: true });
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
}
