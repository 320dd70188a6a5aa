// One académie of 30,000 candidates from CSV to armed release, on the
// embedded stack.
import { join } from 'node:path';
import { startTestStack } from '../../support/local-stack.js';
import { child, figure, loadFigure, type BenchPart } from '../figures.js';
import { writeDecisionFile } from '../national-file.js';

export const pipelinePart: BenchPart = {
  name: 'pipeline',
  inDefaultRun: true,
  async run({ tmp }) {
    const figures = [loadFigure('pipeline')];
    const file = join(tmp, 'pipeline-30k.csv');
    await writeDecisionFile(file, 30_000, 'aix-marseille');
    const stack = await startTestStack();
    try {
      const r = await child<{ seconds: number; steps: Record<string, number>; maxRssMB: number }>(
        'pipeline.child.ts',
        [file, 'aix-marseille'],
        { ...process.env, ...stack.env },
      );
      figures.push(figure('pipeline.seconds', r.seconds, 's', { lt: 15 }));
      for (const [name, seconds] of Object.entries(r.steps))
        figures.push(figure(`pipeline.${name}.seconds`, seconds, 's'));
      figures.push(figure('pipeline.peak_rss_mb', r.maxRssMB, 'MB'));
    } finally {
      await stack.stop();
    }
    return figures;
  },
};
