// Ingest end to end into the embedded stack (100,000 rows of one académie),
// and in the same run, on the same stack, the emulator's own BatchWriteItem
// rate: their ratio says how close ingest comes to the store's ceiling.
import { join } from 'node:path';
import { startTestStack } from '../../support/local-stack.js';
import { child, figure, loadFigure, type BenchPart } from '../figures.js';
import { writeDecisionFile } from '../national-file.js';

interface IngestRun {
  rows: number;
  seconds: number;
  maxRssMB: number;
  written?: number;
  steps?: Record<string, number>;
}

export const ingestPart: BenchPart = {
  name: 'ingest',
  inDefaultRun: true,
  async run({ tmp }) {
    const figures = [loadFigure('ingest')];
    const file = join(tmp, 'academie-100k.csv');
    await writeDecisionFile(file, 100_000, 'aix-marseille');
    const stack = await startTestStack();
    try {
      const env = { ...process.env, ...stack.env };
      const emulator = await child<{ items: number; seconds: number }>(
        'emulator-write.child.ts',
        ['30000', '16'],
        env,
      );
      const r = await child<IngestRun>('ingest.child.ts', [file], env);
      const again = await child<IngestRun>('ingest.child.ts', [file], env);
      const emulatorRate = emulator.items / emulator.seconds;
      const ingestRate = r.rows / r.seconds;
      figures.push(
        figure('ingest.rows_per_s', ingestRate, 'rows/s'),
        figure('ingest.seconds', r.seconds, 's'),
        figure('ingest.write_pass_seconds', r.steps?.write ?? 0, 's'),
        figure('ingest.emulator.items_per_s', emulatorRate, 'items/s'),
        figure('ingest.ratio_to_emulator', ingestRate / emulatorRate, 'ratio', { ge: 0.8 }),
        figure('ingest.peak_rss_mb', r.maxRssMB, 'MB'),
        figure('ingest.reingest.seconds', again.seconds, 's'),
        figure('ingest.reingest.written', again.written ?? 0, 'versions'),
      );
    } finally {
      await stack.stop();
    }
    return figures;
  },
};
