/** Versions recorded in run.json so a run can be reproduced. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function versionOf(pkg: string): string | null {
  try {
    const p = require.resolve(`${pkg}/package.json`, { paths: [process.cwd(), __dirname] });
    return (JSON.parse(readFileSync(p, 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

export function engineVersions(): Record<string, string | null> {
  let recsynth: string | null = null;
  for (const dir of [join(__dirname, '..'), join(__dirname, '..', '..', '..'), process.cwd()]) {
    try {
      const p = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (p.name === 'recsynth') {
        recsynth = p.version ?? null;
        break;
      }
    } catch {
      // not here; try the next candidate
    }
  }
  return {
    recsynth,
    node: process.versions.node,
    'nodejs-polars': versionOf('nodejs-polars'),
    '@tensorflow/tfjs': versionOf('@tensorflow/tfjs'),
    '@tensorflow/tfjs-backend-wasm': versionOf('@tensorflow/tfjs-backend-wasm'),
  };
}
