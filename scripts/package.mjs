// Builds a per-platform .vsix: the bundles from esbuild, plus the one native package the engine
// loads at run time (nodejs-polars and its binary for this platform) copied into dist/node_modules,
// where Node's resolution from dist/*.js finds it. Sources, tests and dev dependencies stay out.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
const target = `${process.platform}-${process.arch}`;

// A clean dist/: no development source maps or stale files travel in the package.
rmSync('dist', { recursive: true, force: true });
run(process.execPath, ['scripts/build.mjs', '--production']);
const natives = readdirSync('node_modules').filter((n) => n === 'nodejs-polars' || n.startsWith('nodejs-polars-'));
for (const name of natives) {
  cpSync(join('node_modules', name), join('dist/node_modules', name), { recursive: true, dereference: true });
}
mkdirSync('dist-pkg', { recursive: true });
const out = 'dist-pkg/recsynth.vsix';
run(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--target', target, '--allow-missing-repository', '--skip-license', '-o', out]);
console.log(`${out}: ${(statSync(out).size / 1e6).toFixed(1)} MB for ${target} (native: ${natives.join(', ')})`);
