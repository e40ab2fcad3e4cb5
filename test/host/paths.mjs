// Where the test host (code-server) and every run's scratch files live. All of it is under
// .test-host/, which git ignores, so nothing a test run writes lands in the project.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
// code-server 4.100.x refuses any other Node major in its postinstall (newer code-server needs 22/24).
export const REQUIRED_NODE_MAJOR = 20;

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const testHostDir = join(projectRoot, '.test-host');
export const codeServerPrefix = join(testHostDir, 'code-server');
export const codeServerPackage = join(codeServerPrefix, 'node_modules', 'code-server');
export const codeServerBin = join(codeServerPrefix, 'node_modules', '.bin', 'code-server');
export const installedMarker = join(codeServerPrefix, `.installed-${CODE_SERVER_VERSION}`);
export const setupTmpDir = join(testHostDir, 'tmp');

export const fixturesDir = join(projectRoot, 'test', 'fixtures');
export const outDir = join(projectRoot, 'out');
export const integrationOutDir = join(outDir, 'integration');
export const e2eOutDir = join(outDir, 'e2e');
export const testResultsDir = join(projectRoot, 'test-results');
export const vsixPath = join(projectRoot, 'dist-pkg', 'recsynth.vsix');

export const chromiumPath = '/usr/bin/chromium';
