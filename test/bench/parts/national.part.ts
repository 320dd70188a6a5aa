// A national session: 720,000 candidates over every académie at realistic
// sizes, rendered on the render pool (one worker thread per core), upload
// excluded.
import { child, figure, loadFigure, type BenchPart } from '../figures.js';

export const nationalPart: BenchPart = {
  name: 'national',
  inDefaultRun: true,
  async run() {
    const figures = [loadFigure('national')];
    const r = await child<{
      candidates: number;
      releases: number;
      threads: number;
      seconds: number;
      cpuSeconds: number;
      startSeconds: number;
      files: number;
      bytes: number;
      maxRssMB: number;
    }>('national.child.ts', ['720000']);
    figures.push(
      figure('national.render.seconds', r.seconds, 's', { lt: 20 }),
      figure('national.render.candidates_per_s', r.candidates / r.seconds, 'candidates/s', {
        ge: 36_000,
      }),
      figure('national.render.peak_rss_mb', r.maxRssMB, 'MB', { lt: 1536 }),
      figure('national.render.cpu_seconds', r.cpuSeconds, 's'),
      figure('national.render.threads', r.threads, 'threads'),
      figure('national.pool.start_seconds', r.startSeconds, 's'),
      figure('national.candidates', r.candidates, 'candidates'),
      figure('national.releases', r.releases, 'releases'),
      figure('national.objects', r.files, 'objects'),
      figure('national.mb', r.bytes / 1e6, 'MB'),
      figure('national.objects_per_release', r.files / r.releases, 'objects'),
      figure('national.mb_per_release', r.bytes / 1e6 / r.releases, 'MB'),
    );
    return figures;
  },
};
