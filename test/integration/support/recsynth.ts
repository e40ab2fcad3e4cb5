// The RecSynth contract the tests exercise: extension id, command ids, options, results.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'recsynth.recsynth';

export const COMMANDS = {
  synthesize: 'recsynth.synthesize',
  openDashboard: 'recsynth.openDashboard',
  cancelRun: 'recsynth.cancelRun',
  showLog: 'recsynth.showLog',
} as const;

export interface SynthesizeOptions {
  rows?: number;
  seed?: number;
  openDashboard?: boolean;
  model?: string;
  epochs?: number;
}

export interface SynthesizeResult {
  outputDir: string;
}

export interface RecSynthApi {
  activationMs: number;
}

export function recsynthExtension(): vscode.Extension<RecSynthApi | undefined> {
  const ext = vscode.extensions.getExtension<RecSynthApi | undefined>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded: is extensionDevelopmentPath the project root?`);
  return ext;
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration suite needs a workspace folder (the harness opens one)');
  return folder.uri.fsPath;
}

export function synthesize(file: string, options: SynthesizeOptions): Thenable<SynthesizeResult | undefined> {
  return vscode.commands.executeCommand<SynthesizeResult | undefined>(COMMANDS.synthesize, vscode.Uri.file(file), options);
}

export function isCancellation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /^(CancelledError|Canceled|CancellationError)$/.test(error.name) || /cancel/i.test(error.message);
}
