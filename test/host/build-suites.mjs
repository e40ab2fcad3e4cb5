// Bundles the TypeScript test suites with esbuild into out/ (ignored): the integration suite
// for the extension host (CommonJS, `vscode` and mocha left to the host's require) and the
// end-to-end tests for mocha in this Node process.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { e2eOutDir, integrationOutDir, projectRoot } from './paths.mjs';

function testEntries(dir) {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => join(dir, name));
}

async function bundle(entryPoints, outdir, external) {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external,
    logLevel: 'warning',
  });
}

export async function buildIntegrationSuite() {
  const dir = join(projectRoot, 'test', 'integration');
  await bundle([join(dir, 'index.ts'), ...testEntries(dir)], integrationOutDir, ['vscode', 'mocha']);
  return join(integrationOutDir, 'index.js');
}

export async function buildE2eSuite() {
  const dir = join(projectRoot, 'test', 'e2e');
  await bundle(testEntries(dir), e2eOutDir, ['playwright-core', 'mocha']);
  return readdirSync(e2eOutDir)
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => join(e2eOutDir, name));
}
