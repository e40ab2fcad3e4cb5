// What the harness (test/host/e2e.mjs) hands the end-to-end tests through the environment.
import { join } from 'node:path';

export interface E2eEnvironment {
  /** code-server's base URL, e.g. http://127.0.0.1:PORT */
  serverUrl: string;
  /** the folder opened in the workbench; holds copies of test/fixtures */
  workspace: string;
  /** where screenshots go (under test-results/, ignored by git) */
  artifactsDir: string;
  /** parent of the fresh Chromium profiles each session makes */
  profileRoot: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests through \`npm run test:host\``);
  return value;
}

export function e2eEnvironment(): E2eEnvironment {
  return {
    serverUrl: required('RECSYNTH_E2E_URL'),
    workspace: required('RECSYNTH_E2E_WORKSPACE'),
    artifactsDir: required('RECSYNTH_E2E_ARTIFACTS'),
    profileRoot: required('RECSYNTH_E2E_PROFILES'),
  };
}

export function artifactPath(name: string): string {
  return join(e2eEnvironment().artifactsDir, name);
}
