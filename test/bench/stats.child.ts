// Child process of the benchmark: aggregates a national session's decisions
// (every académie, both groups) into académie and national statistics, and
// reports the time of the aggregation alone (generating the decisions is
// not timed) and the process's peak memory.
import { ACADEMIES } from '../../shared/domain/reference/academies.js';
import type { Decision } from '../../shared/domain/decision.schema.js';
import { academieStatistics, nationalStatistics } from '../../shared/stats/statistics.js';
import { statisticsFilesFor } from '../../shared/stats/stats-files.js';
import { syntheticDecisions } from '../fixtures/stats/synthetic.js';

const total = Number(process.argv[2] ?? 720_000);
// First-group candidates so that, with the second-group rows, there are `total` decisions in all
// (~8.5 % are invited).
const candidates = Math.round(total / 1.085);
const byAcademie = new Map<string, Decision[]>();
let left = candidates;
for (const [i, a] of ACADEMIES.entries()) {
  const n = i === ACADEMIES.length - 1 ? left : Math.floor(candidates / ACADEMIES.length);
  left -= n;
  byAcademie.set(a.slug, syntheticDecisions(a.slug, '2024-06', n, i + 1));
}
const rows = [...byAcademie.values()].reduce((s, d) => s + d.length, 0);

const started = performance.now();
const cpu = process.cpuUsage();
const stats = [...byAcademie].map(([academie, decisions]) =>
  academieStatistics({ academie, session: '2024-06', groupe: 2, decisions }),
);
const national = nationalStatistics(stats);
const seconds = (performance.now() - started) / 1000;
// CPU time as well: on a shared machine wall time also counts other processes' turns.
const used = process.cpuUsage(cpu);
const cpuSeconds = (used.user + used.system) / 1e6;
if (national.lines[0]!.counts.presents <= 0) throw new Error('no présents counted');
// Rendering one académie's page and downloads (the XLSX dominates), for scale.
const biggest = stats.reduce((a, b) =>
  b.lines[0]!.counts.presents > a.lines[0]!.counts.presents ? b : a,
);
const t = performance.now();
await statisticsFilesFor(biggest);
const renderSeconds = (performance.now() - t) / 1000;
process.stdout.write(
  `${JSON.stringify({
    rows,
    seconds,
    cpuSeconds,
    renderSeconds,
    etablissements: biggest.etablissements.length,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
