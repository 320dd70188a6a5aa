// Parse + validate + whole-file rules of a national file (720,000 rows), on
// one thread and on the worker pool.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { child, figure, loadFigure, type BenchPart } from '../figures.js';
import { writeDecisionFile } from '../national-file.js';

export const parsePart: BenchPart = {
  name: 'parse',
  inDefaultRun: true,
  async run({ tmp }) {
    const figures = [loadFigure('parse')];
    const national = join(tmp, 'national.csv');
    const t = performance.now();
    await writeDecisionFile(national, 720_000);
    figures.push(
      figure('parse.file.generate_seconds', (performance.now() - t) / 1000, 's'),
      figure('parse.file.mb', (await stat(national)).size / 1e6, 'MB'),
    );
    for (const mode of ['inline', 'workers'] as const) {
      const r = await child<{ rows: number; seconds: number; maxRssMB: number }>(
        'parse-validate.child.ts',
        [national, mode],
      );
      figures.push(
        figure(`parse.${mode}.rows_per_s`, r.rows / r.seconds, 'rows/s', { ge: 250_000 }),
        figure(`parse.${mode}.seconds`, r.seconds, 's'),
        figure(`parse.${mode}.peak_rss_mb`, r.maxRssMB, 'MB'),
      );
    }
    return figures;
  },
};
