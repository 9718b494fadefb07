import { performance } from 'node:perf_hooks';
import { collectGarbage } from '../store/workload';

/** The value at fraction `p` of sorted samples (nearest rank). */
export const percentile = (sorted: number[], p: number): number => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];

export const fmtMs = (ms: number): string => ms.toFixed(ms < 10 ? 3 : 1);

/** Milliseconds of each of `calls` calls, sorted, after 20 untimed ones and a collection, so the first calls' compiling and earlier garbage stay out. */
export const timedCalls = (calls: number, call: () => unknown): number[] => {
  for (let i = 0; i < 20; i++) call();
  collectGarbage();
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t = performance.now();
    call();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b);
};
