/**
 * One dashboard panel for one dataset: builds the page, validates what the webview sends, hands
 * requests to the integrator's handlers, and keeps the latest state so a re-created webview
 * (hidden and shown again, or restored after a reload) is filled again.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  WEBVIEW_PROTOCOL_VERSION,
  type HostMessage,
  type HostMessageOf,
  type WebviewMessage,
  parseHostMessage,
  parseWebviewMessage,
} from '../../protocol/webview';
import { buildDashboardHtml } from './html';
import { makeNonce } from './nonce';
import { ReplayState } from './replayState';

export interface DashboardHandlers {
  synthesize(dataset: vscode.Uri, options: { model?: string; rows?: number; seed?: number }): void;
  cancel(): void;
  saveRole(dataset: vscode.Uri, column: string, role: string): Promise<void>;
  loadProfile(dataset: vscode.Uri): void;
  runLab(dataset: vscode.Uri): void;
}

export interface DashboardDeps {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  readonly handlers: DashboardHandlers;
  /** Built fresh for every page load (strings, backend, form defaults). */
  readonly makeInit: (dataset: vscode.Uri) => HostMessageOf<'init'>;
}

export class Dashboard implements vscode.Disposable {
  private readonly state = new ReplayState();
  /** True between the webview's `ready` and its teardown (hidden or disposed). */
  private ready = false;
  /** Transient messages (notices) posted while the webview was not listening. */
  private pending: HostMessage[] = [];
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    readonly dataset: vscode.Uri,
    private readonly deps: DashboardDeps,
  ) {
    const webviewRoot = vscode.Uri.joinPath(deps.extensionUri, 'dist', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [webviewRoot] };
    panel.title = vscode.l10n.t('RecSynth: {0}', path.basename(dataset.fsPath));
    const asUri = (file: string): string => panel.webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, file)).toString();
    panel.webview.html = buildDashboardHtml({
      cspSource: panel.webview.cspSource,
      nonce: makeNonce(),
      scriptUri: asUri('main.js'),
      styleUri: asUri('main.css'),
      codiconUri: asUri('codicon.css'),
      title: panel.title,
      lang: vscode.env.language,
    });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
      // Without retainContextWhenHidden the webview is torn down when hidden; it says `ready` again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Sends a message now if the webview listens, and remembers it for the next load either way. */
  post(msg: HostMessage): void {
    if (this.disposed) return;
    const checked = parseHostMessage(msg);
    if (!checked.ok) {
      this.deps.log.error(`Dashboard ${this.dataset.fsPath}: not sending a malformed ${msg.type} message (${checked.reason}).`);
      return;
    }
    this.state.record(msg);
    if (this.ready) void this.panel.webview.postMessage(msg);
    else if (msg.type === 'notice') this.pending.push(msg);
  }

  reveal(preserveFocus = false): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.ready = false;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
  }

  private onMessage(raw: unknown): void {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.deps.log.warn(`Dashboard ${this.dataset.fsPath}: dropped a malformed message from the webview (${parsed.reason}).`);
      return;
    }
    try {
      this.dispatch(parsed.value);
    } catch (e) {
      this.fail(parsed.value.type, e);
    }
  }

  private dispatch(m: WebviewMessage): void {
    const { handlers, log } = this.deps;
    switch (m.type) {
      case 'ready':
        this.onReady();
        return;
      case 'synthesize': {
        const options: { model: string; rows: number; seed?: number } = { model: m.model, rows: m.rows };
        if (m.seed !== undefined) options.seed = m.seed;
        handlers.synthesize(this.dataset, options);
        return;
      }
      case 'cancel':
        handlers.cancel();
        return;
      case 'setRole':
        void this.saveRole(m.column, m.role);
        return;
      case 'refreshProfile':
        handlers.loadProfile(this.dataset);
        return;
      case 'runLab':
        handlers.runLab(this.dataset);
        return;
      case 'openOutput':
        void this.openOutput(m.path);
        return;
      case 'copy':
        void vscode.env.clipboard.writeText(m.text);
        log.debug(`Dashboard ${this.dataset.fsPath}: copied ${m.text.length} characters.`);
        return;
    }
  }

  private onReady(): void {
    this.ready = true;
    const send = (msg: HostMessage): void => void this.panel.webview.postMessage(msg);
    send(this.deps.makeInit(this.dataset));
    for (const msg of this.state.replay()) send(msg);
    for (const msg of this.pending.splice(0)) send(msg);
    if (!this.state.hasProfile) this.deps.handlers.loadProfile(this.dataset);
  }

  private async saveRole(column: string, role: string): Promise<void> {
    try {
      await this.deps.handlers.saveRole(this.dataset, column, role);
      this.deps.log.info(`Role of column "${column}" in ${this.dataset.fsPath} set to ${role}.`);
      this.deps.handlers.loadProfile(this.dataset);
    } catch (e) {
      this.fail('setRole', e);
    }
  }

  /** Opens a run's output file or folder; only paths under the dataset's own folder (where outputs go). */
  private async openOutput(target: string): Promise<void> {
    const resolved = path.resolve(target);
    const root = path.dirname(this.dataset.fsPath);
    if (resolved !== root && !resolved.startsWith(root + path.sep)) {
      this.deps.log.warn(`Dashboard ${this.dataset.fsPath}: refused to open ${resolved}, which is outside ${root}.`);
      return;
    }
    const uri = vscode.Uri.file(resolved);
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.Directory) await vscode.commands.executeCommand('revealInExplorer', uri);
      else await vscode.commands.executeCommand('vscode.open', uri, { viewColumn: vscode.ViewColumn.Active });
    } catch (e) {
      this.fail('openOutput', e);
    }
  }

  private fail(what: string, e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    this.deps.log.error(`Dashboard ${this.dataset.fsPath}: ${what} failed: ${message}`);
    this.post({ v: WEBVIEW_PROTOCOL_VERSION, type: 'notice', level: 'error', message });
  }
}
