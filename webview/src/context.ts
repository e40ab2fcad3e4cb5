/** What every tab gets from the app: a way to talk to the host and the UI state kept across reloads. */
import type { HostMessageOf, PersistedState, WebviewMessage } from '../../src/protocol/webview';

export type Outgoing = WebviewMessage extends infer M ? (M extends { v: number } ? Omit<M, 'v'> : never) : never;

export interface AppContext {
  /** Validates and sends a message to the host. */
  post(msg: Outgoing): void;
  /** UI choices kept with vscode.setState (tab, filters, selected user). */
  readonly ui: PersistedState;
  saveUi(): void;
  /** The init message of this page load. */
  init(): HostMessageOf<'init'> | undefined;
}
