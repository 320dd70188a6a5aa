// One académie of 30,000 candidates rendered in memory (lookup roots
// cached), and the lookup root derivation paid once per candidate and session.
import { DEFAULT_ITERATIONS } from '../../../shared/publication/lookup-material.js';
import { child, figure, loadFigure, type BenchPart } from '../figures.js';

export const renderPart: BenchPart = {
  name: 'render',
  inDefaultRun: true,
  async run() {
    const figures = [loadFigure('render')];
    const r = await child<{
      candidates: number;
      coldSeconds: number;
      warmSeconds: number;
      warmCpuSeconds: number;
      files: number;
      bytes: number;
      shardMean: number;
      shardMax: number;
      pageBytes: number;
      maxRssMB: number;
    }>('render.child.ts', ['aix-marseille', '30000']);
    figures.push(
      figure('render.academie.seconds', r.warmSeconds, 's', { lt: 2 }),
      figure('render.academie.candidates_per_s', r.candidates / r.warmSeconds, 'candidates/s'),
      figure('render.academie.cpu_seconds', r.warmCpuSeconds, 's'),
      figure('render.academie.first_render_seconds', r.coldSeconds, 's'),
      figure('render.academie.objects', r.files, 'objects'),
      figure('render.academie.mb', r.bytes / 1e6, 'MB'),
      figure('render.academie.peak_rss_mb', r.maxRssMB, 'MB'),
      figure('render.lookup.shard_mean_bytes', r.shardMean, 'B'),
      figure('render.lookup.shard_max_bytes', r.shardMax, 'B'),
      figure('render.lookup.once_per_visit_kb', r.pageBytes / 1024, 'KB'),
    );
    const d = await child<{ count: number; seconds: number }>('derive.child.ts', [
      String(DEFAULT_ITERATIONS),
      '4000',
    ]);
    figures.push(figure('render.derive.ms_per_candidate', (d.seconds / d.count) * 1000, 'ms'));
    return figures;
  },
};
