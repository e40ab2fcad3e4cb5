/**
 * Every string the dashboard shows, in English. The host localises each value with
 * vscode.l10n.t(value) (the English text is the key of l10n/bundle.l10n.*.json) and sends the
 * result in the init message; the webview falls back to these for any key it did not receive.
 * Placeholders are {0}, {1}, ...: the webview fills them, so the host calls l10n.t without arguments.
 */
export const DEFAULT_STRINGS = {
  'app.title': 'RecSynth: {0}',
  'app.loading': 'Loading the dataset profile…',
  'tab.data': 'Data',
  'tab.training': 'Training',
  'tab.synthetic': 'Synthetic data',
  'tab.quality': 'Quality & privacy',
  'tab.recommendations': 'Recommendations',

  'data.columns': 'Columns',
  'data.rowsShown': '{0} of {1} rows shown',
  'data.realTable': 'Real data (first rows)',
  'data.roleFor': 'Role of column {0}',
  'data.missing': 'Missing',
  'data.distinct': 'Distinct',
  'data.reason': 'Why this role',
  'data.other': 'other',
  'data.histogramLabel': 'Histogram of {0}: {1} bins from {2} to {3}',
  'data.topValuesLabel': 'Most frequent values of {0}',
  'data.refresh': 'Reload profile',
  'data.preprocess': 'Preprocessing report',
  'data.preprocessSummary': '{0} rows in, {1} rows out ({2} removed)',
  'data.rule': 'Rule',
  'data.rowsRemoved': 'Rows removed',
  'data.valuesChanged': 'Values changed',
  'data.ruleColumns': 'Columns',
  'data.examples': 'Examples',

  'train.form': 'New run',
  'train.model': 'Model',
  'train.rows': 'Rows to generate',
  'train.seed': 'Seed',
  'train.synthesize': 'Synthesize',
  'train.cancel': 'Cancel run',
  'train.idle': 'No run yet. Choose a model and press Synthesize.',
  'train.stage': 'Stage',
  'train.epoch': 'Epoch',
  'train.step': 'Step',
  'train.throughput': 'Throughput',
  'train.elapsed': 'Elapsed',
  'train.eta': 'Time left',
  'train.backend': 'Backend',
  'train.losses': 'Loss curves',
  'train.lossesLabel': 'Training losses by step',
  'train.noLosses': 'This model reports no losses (it fits in one pass).',
  'train.finished': 'Run {0} finished in {1}. Outputs: {2}',
  'train.failed': 'Run {0} failed: {1}',
  'train.cancelled': 'Run {0} was cancelled.',
  'train.openOutput': 'Open output folder',
  'train.runs': 'Runs',
  'train.runsCompare': 'Configuration values that differ between runs are highlighted.',
  'train.run': 'Run',
  'train.status': 'Status',
  'train.started': 'Started',
  'train.duration': 'Duration',
  'train.noRuns': 'No runs yet.',
  'train.rowsInvalid': 'Rows must be a whole number from 1 to 10,000,000.',
  'train.seedInvalid': 'The seed must be a whole number of at least 0, or empty.',
  'type.numerical': 'number',
  'type.datetime': 'date/time',
  'type.categorical': 'category',
  'type.text': 'text',
  'type.id': 'id',
  'role.user_id': 'User ID',
  'role.item_id': 'Item ID',
  'role.timestamp': 'Timestamp',
  'role.event_type': 'Event type',
  'role.quantity': 'Quantity',
  'role.price': 'Price',
  'role.categorical': 'Categorical',
  'role.numeric': 'Numeric',
  'role.text': 'Free text',
  'role.identifier': 'Identifier',
  'role.basket': 'Basket (order id)',
  'stage.reading': 'Reading',
  'stage.preprocessing': 'Preprocessing',
  'stage.fitting': 'Fitting',
  'stage.sampling': 'Sampling',
  'stage.evaluating': 'Evaluating',
  'stage.writing': 'Writing',
  'stage.recommending': 'Recommending',

  'synth.none': 'No synthetic data yet: run Synthesize on the Training tab.',
  'synth.real': 'Real',
  'synth.synthetic': 'Synthetic',
  'synth.filterColumn': 'Filter column',
  'synth.filterText': 'Value contains',
  'synth.filterAll': '(all columns)',
  'synth.matches': '{0} of {1} rows match',
  'synth.overlay': 'Distribution: real vs synthetic',
  'synth.overlayColumn': 'Column',
  'synth.overlayLabel': 'Distribution of {0}, real and synthetic',

  'quality.none': 'No quality report yet: it comes with a finished run.',
  'quality.overall': 'Overall quality',
  'quality.columnShapes': 'Column shapes',
  'quality.pairTrends': 'Column pair trends',
  'quality.perColumn': 'Per-column scores, worst first',
  'quality.notApplicable': 'n/a',
  'quality.pairs': 'Column pair trends: real vs synthetic',
  'quality.pairScores': 'Pair trend score (1 = same as real)',
  'quality.heatmapLabel': '{0} pair matrix of {1} columns',
  'quality.privacy': 'Privacy',
  'quality.newRowSynthesis': 'New rows (not copies of real rows)',
  'quality.dcrBaseline': 'Distance to closest record vs baseline',
  'quality.dcrOverfitting': 'Distance to closest record: training vs holdout',
  'quality.copiesRemoved': 'Copies of real rows removed before writing',
  'quality.behaviour': 'Behaviour',

  'lab.run': 'Run recommender lab',
  'lab.running': 'The recommender lab is running…',
  'lab.none': 'Run the lab to compare recommenders trained on real data, synthetic data and both, on held-out real data.',
  'lab.failed': 'The lab failed: {0}',
  'lab.model': 'Model',
  'lab.training': 'Training data',
  'lab.keep': 'Kept',
  'lab.group': 'Users',
  'lab.significance': '* p < 0.05, ** p < 0.01 (paired test vs real only, same model and sparsity)',
  'lab.chart': '{0} per experiment, with 95% intervals',
  'lab.chartMetric': 'Metric to chart',
  'lab.copy': 'Copy table',
  'lab.preview': 'Recommendation preview',
  'lab.user': 'User',
  'lab.history': 'History',
  'lab.realOnly': 'Top 10, real data only',
  'lab.augmented': 'Top 10, real + synthetic',
  'lab.training.real': 'real',
  'lab.training.synthetic': 'synthetic only',
  'lab.training.augmented': 'real + synthetic',

  'common.none': '—',
  'common.close': 'Close',
} as const;

export type StringKey = keyof typeof DEFAULT_STRINGS;
export type UiStrings = Record<StringKey, string>;

/** Fills {0}, {1}, ... with args; a placeholder without an argument is left as written. */
export function formatString(template: string, ...args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (match, i: string) => {
    const a = args[Number(i)];
    return a === undefined ? match : String(a);
  });
}

/** The strings to use: the host's where given and non-empty, English otherwise. */
export function resolveStrings(received: Readonly<Record<string, string>>): UiStrings {
  const out = { ...DEFAULT_STRINGS } as Record<StringKey, string>;
  for (const key of Object.keys(DEFAULT_STRINGS) as StringKey[]) {
    const s = received[key];
    if (typeof s === 'string' && s.length > 0) out[key] = s;
  }
  return out;
}
