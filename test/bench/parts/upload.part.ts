// Upload throughput to the S3 emulator: a 30,000-candidate release written
// with the product's release writer.
import { startTestStack } from '../../support/local-stack.js';
import { child, figure, loadFigure, type BenchPart } from '../figures.js';

export const uploadPart: BenchPart = {
  name: 'upload',
  inDefaultRun: true,
  async run() {
    const figures = [loadFigure('upload')];
    const stack = await startTestStack();
    try {
      const r = await child<{ files: number; bytes: number; seconds: number }>(
        'upload.child.ts',
        ['aix-marseille', '30000'],
        { ...process.env, ...stack.env },
      );
      figures.push(
        figure('upload.seconds', r.seconds, 's'),
        figure('upload.objects_per_s', r.files / r.seconds, 'objects/s'),
        figure('upload.mb_per_s', r.bytes / 1e6 / r.seconds, 'MB/s'),
        figure('upload.objects', r.files, 'objects'),
      );
    } finally {
      await stack.stop();
    }
    return figures;
  },
};
