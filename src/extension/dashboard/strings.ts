import * as vscode from 'vscode';
import { DEFAULT_STRINGS, type StringKey, type UiStrings } from '../../protocol/webview-strings';

/**
 * The dashboard's strings in the UI language. The English text is the l10n key
 * (l10n/bundle.l10n.<lang>.json); no arguments are passed, so {0}-style placeholders come back
 * untouched for the webview to fill.
 */
export function localizedStrings(): UiStrings {
  const out = {} as Record<StringKey, string>;
  for (const key of Object.keys(DEFAULT_STRINGS) as StringKey[]) out[key] = vscode.l10n.t(DEFAULT_STRINGS[key]);
  return out;
}
