// Measures how late the extension host's event loop runs a timer: the lag a user would feel
// as a frozen UI. A timer set for every `intervalMs` that fires late by d ms means the loop was
// blocked for about d ms.
import { performance } from 'node:perf_hooks';

export interface LagSummary {
  maxMs: number;
  meanMs: number;
  samples: number;
  durationMs: number;
}

export interface LagSampler {
  stop(): LagSummary;
}

export function startLagSampler(intervalMs = 10): LagSampler {
  const startedAt = performance.now();
  let last = startedAt;
  let maxMs = 0;
  let totalMs = 0;
  let samples = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const lag = Math.max(0, now - last - intervalMs);
    last = now;
    maxMs = Math.max(maxMs, lag);
    totalMs += lag;
    samples += 1;
  }, intervalMs);
  return {
    stop(): LagSummary {
      clearInterval(timer);
      return { maxMs, meanMs: samples > 0 ? totalMs / samples : 0, samples, durationMs: performance.now() - startedAt };
    },
  };
}
