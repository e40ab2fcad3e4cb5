// Bundles the extension host, the worker, the CLI and the webview with esbuild.
// `--production` minifies and drops source maps (used by `npm run package`).
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};
// Native packages cannot be bundled: they are loaded from node_modules at run time (the .vsix
// carries nodejs-polars in dist/node_modules, see scripts/package.mjs). tfjs and its wasm backend are
// bundled so that both share one tfjs-core; the .wasm binaries are copied beside the bundles.
const nodeExternals = [
  'vscode',
  'nodejs-polars',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
];

mkdirSync('dist/webview', { recursive: true });
await Promise.all([
  esbuild.build({
    ...common,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: nodeExternals,
    entryPoints: {
      extension: 'src/extension/extension.ts',
      worker: 'src/worker/main.ts',
      cli: 'src/cli/main.ts',
    },
    outdir: 'dist',
  }),
  existsSync('webview/src/main.ts')
    ? esbuild.build({
        ...common,
        platform: 'browser',
        format: 'iife',
        target: 'es2022',
        entryPoints: { main: 'webview/src/main.ts' },
        outdir: 'dist/webview',
        loader: { '.ttf': 'file', '.css': 'css' },
      })
    : Promise.resolve(),
]);
for (const [from, to] of [
  ['node_modules/@vscode/codicons/dist/codicon.css', 'dist/webview/codicon.css'],
  ['node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/webview/codicon.ttf'],
  ['node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm', 'dist/tfjs-backend-wasm.wasm'],
  ['node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm', 'dist/tfjs-backend-wasm-simd.wasm'],
  ['node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm', 'dist/tfjs-backend-wasm-threaded-simd.wasm'],
]) {
  cpSync(from, to);
}
console.log(`built dist/ (${production ? 'production' : 'development'})`);
