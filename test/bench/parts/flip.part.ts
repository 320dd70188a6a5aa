// Flip latency: from the scheduled instant to the first 200 through the
// local CDN (5 flips, pointer armed ahead).
import { startTestStack } from '../../support/local-stack.js';
import { child, figure, loadFigure, type BenchPart } from '../figures.js';

export const flipPart: BenchPart = {
  name: 'flip',
  inDefaultRun: true,
  async run() {
    const figures = [loadFigure('flip')];
    const stack = await startTestStack();
    try {
      const r = await child<{ latencies: number[] }>('flip.child.ts', [], {
        ...process.env,
        ...stack.env,
      });
      const sorted = [...r.latencies].sort((a, b) => a - b);
      figures.push(
        figure('flip.median_ms', sorted[Math.floor(sorted.length / 2)]!, 'ms', { lt: 1000 }),
        figure('flip.max_ms', sorted.at(-1)!, 'ms', { lt: 1000 }),
      );
    } finally {
      await stack.stop();
    }
    return figures;
  },
};
