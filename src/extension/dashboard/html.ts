/**
 * The dashboard page. Pure (no `vscode` import) so unit tests can check the CSP: nothing loads
 * from the network, scripts run only with the per-load nonce, styles only from the extension's
 * files (lit adopts constructable stylesheets, which style-src does not restrict).
 */
export interface DashboardHtmlInput {
  /** webview.cspSource */
  readonly cspSource: string;
  /** Fresh for every page load. */
  readonly nonce: string;
  /** webview.asWebviewUri(...) of dist/webview/main.js, main.css and codicon.css, as strings. */
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly codiconUri: string;
  readonly title: string;
  /** BCP 47 language of the UI strings (vscode.env.language). */
  readonly lang: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function buildDashboardHtml(input: DashboardHtmlInput): string {
  const e = escapeHtml;
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(input.nonce)) throw new Error('The CSP nonce must be at least 16 base64 characters.');
  return `<!DOCTYPE html>
<html lang="${e(input.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${e(contentSecurityPolicy(input.cspSource, input.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${e(input.title)}</title>
<link rel="stylesheet" href="${e(input.codiconUri)}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${e(input.styleUri)}">
</head>
<body>
<main id="app" aria-busy="true"></main>
<script nonce="${e(input.nonce)}" src="${e(input.scriptUri)}"></script>
</body>
</html>`;
}
