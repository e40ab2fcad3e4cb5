/**
 * Extension entry. Activation is cheap by design: it registers commands and creates the log,
 * status bar and dashboard manager; the worker process starts only when a job is submitted.
 */
import * as vscode from 'vscode';
import { performance } from 'node:perf_hooks';
import { WorkerClient } from './workerClient';
import { RunStatusBar } from './statusBar';
import { RunController } from './runs';
import { registerCommands } from './commands';
import { DashboardManager } from './dashboard/manager';
import { DashboardRunObserver } from './dashboardObserver';

export interface RecSynthApi {
  /** Milliseconds activate() took, for the integration suite's measurement. */
  readonly activationMs: number;
}

export function activate(context: vscode.ExtensionContext): RecSynthApi {
  const t0 = performance.now();
  const log = vscode.window.createOutputChannel('RecSynth', { log: true });
  context.subscriptions.push(log);
  const worker = new WorkerClient(context.asAbsolutePath('dist/worker.js'), log);
  context.subscriptions.push(worker);
  const statusBar = new RunStatusBar();
  context.subscriptions.push(statusBar);

  let observer: DashboardRunObserver | undefined;
  let runs: RunController | undefined;
  const dashboards = new DashboardManager(context, log, {
    synthesize: (dataset, options) => void vscode.commands.executeCommand('recsynth.synthesize', dataset, { ...options, openDashboard: true }),
    cancel: () => void runs?.cancel(),
    saveRole: (dataset, column, role) => commands.saveRole(dataset, column, role),
    loadProfile: (dataset) => commands.loadProfile(dataset),
    runLab: (dataset) => void vscode.commands.executeCommand('recsynth.recommendLab', dataset),
  });
  context.subscriptions.push(dashboards);
  observer = new DashboardRunObserver(dashboards);
  runs = new RunController(worker, log, statusBar, () => observer, (dataset) => {
    dashboards.show(dataset, { preserveFocus: true });
  });
  const commands = registerCommands(context, { log, runs, worker, dashboards, observer });

  const activationMs = performance.now() - t0;
  log.info(`RecSynth activated in ${activationMs.toFixed(1)} ms.`);
  return { activationMs };
}

export function deactivate(): void {
  // Disposables in context.subscriptions stop the worker.
}
