// Takedown: a fraud flag on a live result of a 30,000-candidate académie on
// the embedded stack, until the live release's files are rewritten and their
// invalidation requested.
import { startTestStack } from '../../support/local-stack.js';
import { child, figure, loadFigure, type BenchPart } from '../figures.js';

export const takedownPart: BenchPart = {
  name: 'takedown',
  inDefaultRun: true,
  async run() {
    const figures = [loadFigure('takedown')];
    const stack = await startTestStack();
    try {
      const r = await child<{
        seconds: number;
        cpuSeconds: number;
        files: number;
        maxRssMB: number;
      }>('takedown.child.ts', ['aix-marseille', '30000'], { ...process.env, ...stack.env });
      figures.push(
        figure('takedown.seconds', r.seconds, 's', { lt: 2 }),
        figure('takedown.cpu_seconds', r.cpuSeconds, 's'),
        figure('takedown.files_rewritten', r.files, 'files'),
        figure('takedown.peak_rss_mb', r.maxRssMB, 'MB'),
      );
    } finally {
      await stack.stop();
    }
    return figures;
  },
};
