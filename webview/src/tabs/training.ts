/**
 * Training tab: the synthesize form, the live state of the current run (stage, epoch/step,
 * throughput, elapsed, time left, backend), loss curves, Cancel, and the runs list with their
 * configurations side by side (values that differ highlighted).
 */
import type { HostMessageOf, RunSummary } from '../../../src/protocol/webview';
import { LossChart } from '../charts/lossChart';
import type { AppContext } from '../context';
import { button, field, icon, select, textfield } from '../controls';
import { h, replace } from '../dom';
import { formatDuration, formatNumber, formatScore } from '../format';
import { t, tOr } from '../i18n';
import { differingKeys, parseRows, parseSeed } from './formValues';

type RunStatus = 'running' | 'finished' | 'failed' | 'cancelled';

export class TrainingTab {
  readonly element: HTMLElement;
  private readonly formError = h('p', { class: 'error', attrs: { role: 'alert' } });
  private readonly cancelButton: HTMLElementTagNameMap['vscode-button'];
  private readonly synthButton: HTMLElementTagNameMap['vscode-button'];
  private readonly status = h('div', { class: 'run-status', attrs: { 'aria-live': 'polite' } });
  private readonly bar = h('vscode-progress-bar', { attrs: { 'aria-label': t('train.stage') } });
  private readonly stats = h('dl', { class: 'stats wide' });
  private readonly chartBox = h('div', { class: 'loss-chart', attrs: { role: 'img', 'aria-label': t('train.lossesLabel'), 'data-testid': 'loss-chart', 'data-points': 0 } });
  private readonly noLosses = h('p', { class: 'muted' });
  private readonly outcome = h('div', { class: 'outcome', attrs: { role: 'status' } });
  private readonly runsBox = h('div', { class: 'runs' });
  private readonly chart: LossChart;
  private runId: string | undefined;
  private runStatus: RunStatus | undefined;
  private lastX = 0;
  private backend: string | undefined;
  private model = 'auto';
  private rowsText = '';
  private seedText = '';

  constructor(private readonly ctx: AppContext) {
    const init = ctx.init();
    this.backend = init?.backend;
    const models = init?.models ?? ['auto'];
    const ui = ctx.ui;
    const savedModel = ui.model !== undefined && models.includes(ui.model) ? ui.model : undefined;
    this.model = savedModel ?? init?.defaults?.model ?? models[0] ?? 'auto';
    this.rowsText = ui.rows ?? String(init?.defaults?.rows ?? 1000);
    this.seedText = ui.seed ?? (init?.defaults?.seed !== undefined ? String(init.defaults.seed) : '');
    this.chart = new LossChart(this.chartBox, t('train.step'));
    this.synthButton = button(t('train.synthesize'), () => this.submit(), { icon: 'play' });
    this.cancelButton = button(t('train.cancel'), () => ctx.post({ type: 'cancel' }), { icon: 'debug-stop', secondary: true });
    this.cancelButton.disabled = true;
    const form = h(
      'form',
      { class: 'run-form', attrs: { 'aria-label': t('train.form') }, on: { submit: (e: Event) => { e.preventDefault(); this.submit(); } } },
      field(t('train.model'), select(t('train.model'), models.map((m) => ({ value: m, label: m })), this.model, (m) => this.remember('model', (this.model = m)))),
      field(t('train.rows'), textfield(t('train.rows'), this.rowsText, { type: 'number', onInput: (v) => this.remember('rows', (this.rowsText = v)) })),
      field(t('train.seed'), textfield(t('train.seed'), this.seedText, { type: 'number', onInput: (v) => this.remember('seed', (this.seedText = v)) })),
      h('div', { class: 'actions' }, this.synthButton, this.cancelButton),
    );
    this.bar.indeterminate = false;
    this.bar.value = 0;
    this.element = h(
      'div',
      { class: 'tab-body' },
      h('h2', {}, t('train.form')),
      form,
      this.formError,
      this.status,
      this.bar,
      this.stats,
      h('h2', {}, t('train.losses')),
      this.chartBox,
      this.noLosses,
      this.outcome,
      h('h2', {}, t('train.runs')),
      this.runsBox,
    );
    this.status.textContent = t('train.idle');
    this.renderStats(undefined);
    replace(this.runsBox, h('p', { class: 'muted' }, t('train.noRuns')));
  }

  onRunStarted(m: HostMessageOf<'runStarted'>): void {
    this.runId = m.runId;
    this.setStatus('running');
    this.chart.reset();
    this.chartBox.setAttribute('data-points', '0');
    this.lastX = 0;
    this.noLosses.textContent = '';
    replace(this.outcome);
    this.status.textContent = `${t('train.run')} ${m.runId} · ${m.model}`;
    this.bar.indeterminate = true;
    this.renderStats(undefined);
  }

  onProgress(m: HostMessageOf<'progress'>): void {
    if (this.runId !== undefined && m.runId !== this.runId) return;
    if (m.losses && Object.keys(m.losses).length > 0) {
      const x = m.step !== undefined && m.step > this.lastX ? m.step : this.lastX + 1;
      this.lastX = x;
      this.chart.append(x, m.losses, m.model, m.model !== undefined);
      // Read by the end-to-end test that watches the curve grow.
      this.chartBox.setAttribute('data-points', String(this.chart.pointCount));
    }
    if (m.backend) this.backend = m.backend;
    const stage = tOr(`stage.${m.stage}`, m.stage);
    this.status.textContent = m.message ? `${stage}: ${m.message}` : stage;
    if (m.fraction === undefined) this.bar.indeterminate = true;
    else {
      this.bar.indeterminate = false;
      this.bar.value = Math.round(m.fraction * 100);
    }
    this.renderStats(m);
  }

  onOutcome(m: HostMessageOf<'runFinished'> | HostMessageOf<'runFailed'> | HostMessageOf<'runCancelled'>): void {
    if (this.runId !== undefined && m.runId !== this.runId && this.runStatus === 'running') return;
    this.bar.indeterminate = false;
    // The stage line described the run while it went on; the outcome line below now says how it ended.
    this.status.textContent = '';
    if (m.type === 'runFinished') {
      this.setStatus('finished');
      this.backend = m.backend;
      this.bar.value = 100;
      // totalMs, when present, already sums the stages.
      const total = m.timings['totalMs'] ?? Object.values(m.timings).reduce((a, b) => a + b, 0);
      replace(
        this.outcome,
        icon('pass', ''),
        ` ${t('train.finished', m.runId, formatDuration(total), m.outputDir)} `,
        button(t('train.openOutput'), () => this.ctx.post({ type: 'openOutput', path: m.outputDir }), { icon: 'folder-opened', secondary: true }),
      );
      if (this.chart.pointCount === 0) this.noLosses.textContent = t('train.noLosses');
    } else if (m.type === 'runFailed') {
      this.setStatus('failed');
      replace(this.outcome, icon('error', ''), ` ${t('train.failed', m.runId, m.message)}`);
      this.outcome.className = 'outcome error';
      return;
    } else {
      this.setStatus('cancelled');
      this.bar.value = 0;
      replace(this.outcome, icon('circle-slash', ''), ` ${t('train.cancelled', m.runId)}`);
    }
    this.outcome.className = 'outcome';
  }

  setRuns(runs: readonly RunSummary[]): void {
    if (runs.length === 0) {
      replace(this.runsBox, h('p', { class: 'muted' }, t('train.noRuns')));
      return;
    }
    const diff = differingKeys(runs.map((r) => r.config));
    const keys = [...new Set(runs.flatMap((r) => Object.keys(r.config)))];
    const scoreKeys = [...new Set(runs.flatMap((r) => Object.keys(r.scores ?? {})))];
    const headers = [t('train.run'), t('train.model'), t('train.status'), t('train.started'), t('train.duration'), ...scoreKeys, ...keys, ''];
    const valueText = (x: unknown): string => (x === undefined ? '' : typeof x === 'string' ? x : JSON.stringify(x));
    replace(
      this.runsBox,
      h('p', { class: 'muted' }, t('train.runsCompare')),
      h(
        'div',
        { class: 'scroll-x' },
        h(
          'table',
          { class: 'grid', attrs: { 'aria-label': t('train.runs') } },
          h('thead', {}, h('tr', {}, ...headers.map((x) => h('th', { attrs: { scope: 'col' } }, x)))),
          h(
            'tbody',
            {},
            ...runs.map((r) =>
              h(
                'tr',
                {},
                h('th', { attrs: { scope: 'row' } }, r.runId),
                h('td', {}, r.model),
                h('td', { class: `status-${r.status}` }, r.status),
                h('td', {}, r.startedAt.replace('T', ' ').slice(0, 19)),
                h('td', { class: 'num' }, r.durationMs !== undefined ? formatDuration(r.durationMs) : ''),
                ...scoreKeys.map((k) => h('td', { class: 'num' }, formatScore(r.scores?.[k], t('quality.notApplicable')))),
                ...keys.map((k) => h('td', { class: diff.has(k) ? 'diff' : '' }, valueText(r.config[k]))),
                h('td', {}, r.outputDir ? button(t('train.openOutput'), () => this.ctx.post({ type: 'openOutput', path: r.outputDir! }), { icon: 'folder-opened', secondary: true, ariaLabel: `${t('train.openOutput')} ${r.runId}` }) : null),
              ),
            ),
          ),
        ),
      ),
    );
  }

  private submit(): void {
    const rows = parseRows(this.rowsText);
    const seed = parseSeed(this.seedText);
    if (rows === null) {
      this.formError.textContent = t('train.rowsInvalid');
      return;
    }
    if (seed === null) {
      this.formError.textContent = t('train.seedInvalid');
      return;
    }
    this.formError.textContent = '';
    this.ctx.post(seed === undefined ? { type: 'synthesize', model: this.model, rows } : { type: 'synthesize', model: this.model, rows, seed });
  }

  private remember(key: 'model' | 'rows' | 'seed', value: string): void {
    this.ctx.ui[key] = value;
    this.ctx.saveUi();
  }

  private setStatus(s: RunStatus): void {
    this.runStatus = s;
    this.cancelButton.disabled = s !== 'running';
    this.synthButton.disabled = s === 'running';
  }

  private renderStats(m: HostMessageOf<'progress'> | undefined): void {
    const none = t('common.none');
    const step = m?.step !== undefined ? (m.totalSteps ? `${formatNumber(m.step)} / ${formatNumber(m.totalSteps)}` : formatNumber(m.step)) : none;
    const pairs: [string, string][] = [
      [t('train.stage'), m ? tOr(`stage.${m.stage}`, m.stage) : none],
      [t('train.epoch'), m?.epoch !== undefined ? formatNumber(m.epoch) : none],
      [t('train.step'), step],
      [t('train.throughput'), m?.throughput !== undefined ? `${formatNumber(m.throughput)} ${m.throughputUnit ?? '/s'}` : none],
      [t('train.elapsed'), m ? formatDuration(m.elapsedMs) : none],
      [t('train.eta'), m?.etaMs !== undefined ? formatDuration(m.etaMs) : none],
      [t('train.backend'), this.backend ?? none],
    ];
    replace(this.stats, ...pairs.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v))));
  }
}
