// Entry point the extension host loads as extensionTestsPath: runs every compiled *.test.js
// beside it with mocha, inside the real VS Code extension host, and resolves or rejects so the
// host exits with 0 or 1. The same module works under @vscode/test-electron's runTests.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { measuredMetrics } from './support/metrics';

interface SuiteReport {
  passed: number;
  failed: number;
  failures: Array<{ title: string; message: string }>;
  metrics: Record<string, number | string>;
}

function writeReport(report: SuiteReport): void {
  // The harness passes this path through the server's environment, which the extension host inherits.
  const target = process.env['RECSYNTH_IT_REPORT'];
  if (target) writeFileSync(target, JSON.stringify(report, null, 2) + '\n');
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 180_000, reporter: 'spec' });
  const grep = process.env['RECSYNTH_IT_GREP'];
  if (grep) mocha.grep(grep);
  for (const name of readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, name));
  }
  const report: SuiteReport = { passed: 0, failed: 0, failures: [], metrics: {} };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      report.metrics = measuredMetrics();
      writeReport(report);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on('pass', () => {
      report.passed += 1;
    });
    runner.on('fail', (test, error: unknown) => {
      report.failed += 1;
      report.failures.push({ title: test.fullTitle(), message: error instanceof Error ? error.message : String(error) });
    });
  });
}
