// Statistics of a national session: aggregation of every académie (both
// groups) and the national figures, and one académie's files.
import { child, figure, loadFigure, type BenchPart } from '../figures.js';

export const statsPart: BenchPart = {
  name: 'stats',
  inDefaultRun: true,
  async run() {
    const figures = [loadFigure('stats')];
    const r = await child<{
      rows: number;
      seconds: number;
      cpuSeconds: number;
      renderSeconds: number;
      maxRssMB: number;
    }>('stats.child.ts', ['720000']);
    figures.push(
      figure('stats.aggregate.seconds', r.seconds, 's', { lt: 2 }),
      figure('stats.aggregate.cpu_seconds', r.cpuSeconds, 's'),
      figure('stats.aggregate.decisions', r.rows, 'decisions'),
      figure('stats.aggregate.peak_rss_mb', r.maxRssMB, 'MB'),
      figure('stats.files.seconds', r.renderSeconds, 's'),
    );
    return figures;
  },
};
