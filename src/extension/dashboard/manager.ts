/**
 * Owns the dashboard panels: one per dataset, opened beside the file, restored after a reload by
 * a WebviewPanelSerializer that reads the dataset path from the webview's saved state.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  DASHBOARD_VIEW_TYPE,
  WEBVIEW_PROTOCOL_VERSION,
  type HostMessageOf,
  parsePersistedState,
} from '../../protocol/webview';
import { modelChoice } from '../../protocol/worker';
import { Dashboard, type DashboardHandlers } from './dashboard';
import { localizedStrings } from './strings';

export { Dashboard, type DashboardHandlers } from './dashboard';

export class DashboardManager implements vscode.Disposable {
  private readonly dashboards = new Map<string, Dashboard>();
  private backend: string | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    private readonly handlers: DashboardHandlers,
  ) {
    context.subscriptions.push(
      vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => this.restore(panel, state),
      }),
      this,
    );
  }

  show(dataset: vscode.Uri, opts: { preserveFocus?: boolean } = {}): Dashboard {
    const existing = this.get(dataset);
    if (existing) {
      existing.reveal(opts.preserveFocus ?? false);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      DASHBOARD_VIEW_TYPE,
      path.basename(dataset.fsPath),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: opts.preserveFocus ?? false },
      { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [this.webviewRoot()] },
    );
    return this.adopt(panel, dataset);
  }

  get(dataset: vscode.Uri): Dashboard | undefined {
    return this.dashboards.get(dataset.toString());
  }

  /** The tfjs backend the worker reported; sent with every page load from now on. */
  setBackend(name: string): void {
    this.backend = name;
  }

  dispose(): void {
    for (const d of [...this.dashboards.values()]) d.dispose();
    this.dashboards.clear();
  }

  private async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const parsed = parsePersistedState(state);
    if (!parsed.ok) {
      this.log.warn(`Not restoring a RecSynth dashboard: its saved state has no dataset (${parsed.reason}).`);
      panel.dispose();
      return;
    }
    const dataset = vscode.Uri.file(parsed.value.dataset);
    if (this.get(dataset)) {
      panel.dispose();
      return;
    }
    this.adopt(panel, dataset);
  }

  private adopt(panel: vscode.WebviewPanel, dataset: vscode.Uri): Dashboard {
    const dashboard = new Dashboard(panel, dataset, {
      extensionUri: this.context.extensionUri,
      log: this.log,
      handlers: this.handlers,
      makeInit: (d) => this.makeInit(d),
    });
    const key = dataset.toString();
    this.dashboards.set(key, dashboard);
    dashboard.onDidDispose(() => {
      if (this.dashboards.get(key) === dashboard) this.dashboards.delete(key);
    });
    return dashboard;
  }

  private makeInit(dataset: vscode.Uri): HostMessageOf<'init'> {
    const config = vscode.workspace.getConfiguration('recsynth');
    const rows = config.get<number>('rows');
    const seed = config.get<number>('seed');
    const model = config.get<string>('model');
    const init: HostMessageOf<'init'> = {
      v: WEBVIEW_PROTOCOL_VERSION,
      type: 'init',
      dataset: { path: dataset.fsPath, name: path.basename(dataset.fsPath) },
      strings: localizedStrings(),
      models: [...modelChoice.options],
      defaults: {
        model: model && (modelChoice.options as readonly string[]).includes(model) ? model : 'auto',
        rows: Number.isInteger(rows) && rows !== undefined && rows > 0 ? rows : 1000,
      },
    };
    if (Number.isInteger(seed) && seed !== undefined && seed >= 0 && init.defaults) init.defaults.seed = seed;
    if (this.backend) init.backend = this.backend;
    return init;
  }

  private webviewRoot(): vscode.Uri {
    return vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview');
  }
}
