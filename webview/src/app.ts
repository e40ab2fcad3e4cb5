/**
 * The dashboard: validates every message from the host, keeps the UI state (vscode.setState),
 * and routes each message to the tab that shows it.
 */
import {
  WEBVIEW_PROTOCOL_VERSION,
  type HostMessage,
  type HostMessageOf,
  type PersistedState,
  parseHostMessage,
  parsePersistedState,
  parseWebviewMessage,
} from '../../src/protocol/webview';
import type { AppContext, Outgoing } from './context';
import { icon } from './controls';
import { h, replace } from './dom';
import { setStrings, t } from './i18n';
import { DataTab } from './tabs/data';
import { QualityTab } from './tabs/quality';
import { RecommendationsTab } from './tabs/recommendations';
import { SyntheticTab } from './tabs/synthetic';
import { TrainingTab } from './tabs/training';
import type { VsCodeApi } from './vscode';

const TAB_IDS = ['data', 'training', 'synthetic', 'quality', 'recommendations'] as const;

interface Tabs {
  data: DataTab;
  training: TrainingTab;
  synthetic: SyntheticTab;
  quality: QualityTab;
  recommendations: RecommendationsTab;
}

export class App implements AppContext {
  readonly ui: PersistedState;
  private initMessage: HostMessageOf<'init'> | undefined;
  private tabs: Tabs | undefined;
  private readonly notices = h('div', { class: 'notices', attrs: { role: 'status', 'aria-live': 'polite' } });
  /** Messages that arrived before init (the host sends init first; this is a safety net). */
  private early: Exclude<HostMessage, HostMessageOf<'init'>>[] = [];
  /** True once a finished run supplied the real table it learned (the Synthetic tab then keeps it). */
  private runReal = false;

  constructor(private readonly root: HTMLElement, private readonly api: VsCodeApi) {
    const saved = parsePersistedState(api.getState());
    this.ui = saved.ok ? saved.value : { dataset: '' };
    replace(root, h('p', { class: 'muted loading' }, t('app.loading')));
  }

  init(): HostMessageOf<'init'> | undefined {
    return this.initMessage;
  }

  start(): void {
    window.addEventListener('message', (e: MessageEvent) => this.receive(e.data));
    this.post({ type: 'ready' });
  }

  post(msg: Outgoing): void {
    const full = { ...msg, v: WEBVIEW_PROTOCOL_VERSION };
    const checked = parseWebviewMessage(full);
    if (!checked.ok) {
      console.error(`RecSynth dashboard: not sending an invalid message (${checked.reason}).`);
      return;
    }
    this.api.postMessage(checked.value);
  }

  saveUi(): void {
    if (this.ui.dataset) this.api.setState(this.ui);
  }

  receive(raw: unknown): void {
    const parsed = parseHostMessage(raw);
    if (!parsed.ok) {
      console.warn(`RecSynth dashboard: dropped a malformed message (${parsed.reason}).`);
      return;
    }
    const m = parsed.value;
    if (m.type === 'init') {
      this.onInit(m);
      return;
    }
    if (!this.tabs) {
      this.early.push(m);
      return;
    }
    this.route(m, this.tabs);
  }

  private onInit(m: HostMessageOf<'init'>): void {
    if (this.tabs) return; // one init per page load
    this.initMessage = m;
    setStrings(m.strings);
    if (this.ui.dataset !== m.dataset.path) {
      // A different dataset than the saved state: its filters do not apply.
      for (const k of Object.keys(this.ui) as (keyof PersistedState)[]) delete this.ui[k];
    }
    this.ui.dataset = m.dataset.path;
    this.saveUi();
    document.title = t('app.title', m.dataset.name);
    const tabs: Tabs = {
      data: new DataTab(this),
      training: new TrainingTab(this),
      synthetic: new SyntheticTab(this),
      quality: new QualityTab(),
      recommendations: new RecommendationsTab(this),
    };
    this.tabs = tabs;
    const selected = Math.max(0, TAB_IDS.indexOf((this.ui.tab ?? 'data') as (typeof TAB_IDS)[number]));
    const tabsEl = h(
      'vscode-tabs',
      { attrs: { 'selected-index': selected, 'aria-label': t('app.title', m.dataset.name) } },
      ...TAB_IDS.map((id) => h('vscode-tab-header', { attrs: { slot: 'header', id: `tab-${id}`, 'data-tab': id } }, t(`tab.${id}`))),
      ...TAB_IDS.map((id) => h('vscode-tab-panel', { attrs: { 'aria-labelledby': `tab-${id}`, 'data-panel': id } }, tabs[id].element)),
    );
    tabsEl.addEventListener('vsc-tabs-select', (e) => {
      this.ui.tab = TAB_IDS[e.detail.selectedIndex] ?? 'data';
      this.saveUi();
    });
    replace(
      this.root,
      h('header', { class: 'app-header' }, icon('graph', ''), h('h1', {}, m.dataset.name), h('span', { class: 'muted path', attrs: { title: m.dataset.path } }, m.dataset.path)),
      this.notices,
      tabsEl,
    );
    this.root.setAttribute('aria-busy', 'false');
    for (const e of this.early.splice(0)) this.route(e, tabs);
  }

  private route(m: Exclude<HostMessage, HostMessageOf<'init'>>, tabs: Tabs): void {
    switch (m.type) {
      case 'profile':
        tabs.data.setProfile(m);
        // A run that learned a derived table (items, customers) brought its own real side.
        if (!this.runReal) tabs.synthetic.setReal(m.realPreview, m.columns);
        return;
      case 'runStarted':
        tabs.training.onRunStarted(m);
        return;
      case 'progress':
        tabs.training.onProgress(m);
        return;
      case 'runFinished':
        tabs.training.onOutcome(m);
        if (m.realPreview) {
          this.runReal = true;
          tabs.synthetic.setReal(m.realPreview);
        }
        tabs.synthetic.setSynthetic(m.syntheticPreview);
        tabs.quality.setReport(m.quality, m.behaviour?.figures);
        return;
      case 'runFailed':
      case 'runCancelled':
        tabs.training.onOutcome(m);
        return;
      case 'runs':
        tabs.training.setRuns(m.runs);
        return;
      case 'labStarted':
      case 'labResult':
      case 'labFailed':
        tabs.recommendations.setState(m);
        return;
      case 'notice':
        this.notice(m.level, m.message);
        return;
    }
  }

  private notice(level: 'info' | 'warning' | 'error', message: string): void {
    const close = h('button', { class: 'icon-button', attrs: { type: 'button', 'aria-label': t('common.close') } }, icon('close', ''));
    const el = h('div', { class: `notice notice-${level}` }, icon(level === 'info' ? 'info' : level, ''), h('span', {}, message), close);
    close.addEventListener('click', () => el.remove());
    this.notices.appendChild(el);
    if (level === 'info') setTimeout(() => el.remove(), 8000);
  }
}
