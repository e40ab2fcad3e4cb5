/** UI strings: the host's localised ones from `init`, English for anything missing. */
import { DEFAULT_STRINGS, type StringKey, type UiStrings, formatString, resolveStrings } from '../../src/protocol/webview-strings';

let strings: UiStrings = { ...DEFAULT_STRINGS };

export function setStrings(received: Readonly<Record<string, string>>): void {
  strings = resolveStrings(received);
}

export function t(key: StringKey, ...args: (string | number)[]): string {
  return formatString(strings[key], ...args);
}

/** A role or stage label when the strings have one ("role.user_id"), the raw id otherwise. */
export function tOr(key: string, fallback: string): string {
  return key in strings ? strings[key as StringKey] : fallback;
}
