// Figures the suite measures (activation time, event-loop lag). They are printed and handed to
// the harness through the suite report; tests never assert on wall-clock values.
export const measured: Record<string, number | string> = {};

export function recordMetric(name: string, value: number | string): void {
  measured[name] = value;
  console.log(`[recsynth metric] ${name} = ${typeof value === 'number' ? value.toFixed(1) : value}`);
}
