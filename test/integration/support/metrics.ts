// Figures the suite measures (activation time, event-loop lag). They are printed and handed to
// the harness through the suite report; tests never assert on wall-clock values.
// Each test file is bundled on its own, so a module-level object would exist once per file:
// the figures live on globalThis under a registered symbol, shared by all of them.
const KEY = Symbol.for('recsynth.integration.metrics');

type MetricsHolder = { [KEY]?: Record<string, number | string> };

export function measuredMetrics(): Record<string, number | string> {
  const holder = globalThis as MetricsHolder;
  holder[KEY] ??= {};
  return holder[KEY];
}

export function recordMetric(name: string, value: number | string): void {
  measuredMetrics()[name] = value;
  console.log(`[recsynth metric] ${name} = ${typeof value === 'number' ? value.toFixed(1) : value}`);
}
