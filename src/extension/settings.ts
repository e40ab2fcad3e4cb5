import * as vscode from 'vscode';
import * as path from 'node:path';
import type { ModelChoice } from '../protocol/worker';

export interface RunSettings {
  readonly rows: number;
  readonly seed: number;
  readonly model: ModelChoice;
  readonly epochs: number | undefined;
  readonly timeBudgetSec: number;
  readonly backend: 'auto' | 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';
  readonly outputRoot: string | undefined;
  readonly privacyGate: boolean;
  readonly behaviourModel: 'transformer' | 'baseline';
  readonly behaviourUsers: number | undefined;
}

/** Settings resolved for one input file (its workspace folder decides relative output paths). */
export function readSettings(input: vscode.Uri): RunSettings {
  const c = vscode.workspace.getConfiguration('recsynth', input);
  const folder = vscode.workspace.getWorkspaceFolder(input);
  const out = c.get<string>('outputFolder', '').trim();
  let outputRoot: string | undefined;
  if (out) outputRoot = path.isAbsolute(out) ? out : path.join(folder?.uri.fsPath ?? path.dirname(input.fsPath), out);
  const epochs = c.get<number | null>('epochs', null);
  const users = c.get<number | null>('behaviour.users', null);
  return {
    rows: c.get<number>('rows', 1000),
    seed: c.get<number>('seed', 42),
    model: c.get<ModelChoice>('model', 'auto'),
    epochs: epochs ?? undefined,
    timeBudgetSec: c.get<number>('timeBudget', 120),
    backend: c.get('backend', 'auto'),
    outputRoot,
    privacyGate: c.get<boolean>('privacyGate', true),
    behaviourModel: c.get('behaviour.model', 'transformer'),
    behaviourUsers: users ?? undefined,
  };
}
