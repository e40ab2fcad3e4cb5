import * as vscode from 'vscode';

/** A status-bar item shown while a run is active; clicking it opens that run's dashboard. */
export class RunStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem('recsynth.run', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'RecSynth run';
  }

  show(dataset: vscode.Uri, text: string, tooltip?: string): void {
    this.item.text = `$(sync~spin) ${text}`;
    this.item.tooltip = tooltip ?? vscode.l10n.t('RecSynth is running. Click to open the dashboard.');
    this.item.command = { title: vscode.l10n.t('Open Dashboard'), command: 'recsynth.openDashboard', arguments: [dataset] };
    this.item.accessibilityInformation = { label: text };
    this.item.show();
  }

  hide(): void {
    this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
  }
}
