/** Entry of the dashboard bundle (esbuild -> dist/webview/main.js, CSS -> dist/webview/main.css). */
import 'uplot/dist/uPlot.min.css';
import './styles/main.css';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import { App } from './app';
import { vscodeApi } from './vscode';

const root = document.getElementById('app');
if (root) new App(root, vscodeApi()).start();
