// Child process of the benchmark: how long a fraud flag takes to remove a
// candidate from a live release of a real-sized académie (in-memory
// re-render, files rewritten in place, invalidation), over the embedded
// stack whose env comes from the parent.
import { decisionDigest } from '../../shared/domain/decision-digest.js';
import { systemClock } from '../../shared/ports/clock.port.js';
import { publishNow } from '../../shared/publication/publication.usecase.js';
import { renderAcademie } from '../../shared/publication/render.usecase.js';
import { flagCandidate } from '../../shared/publication/withholding.usecase.js';
import { publicationDepsFor } from '../support/publication-deps.js';
import { generatedDecisions } from './decisions-from-rows.js';

const [academie, count] = [process.argv[2]!, Number(process.argv[3])];
const t = publicationDepsFor(process.env as Record<string, string>, systemClock);
const decisions = generatedDecisions(academie, count);
await t.deps.decisions.appendVersions(
  decisions.map((d) => ({
    ...d,
    digest: decisionDigest(d),
    source: {
      file: 'bench.csv',
      sha256: '0'.repeat(64),
      line: 2,
      ingestedAt: new Date().toISOString(),
    },
  })),
);
await renderAcademie(t.deps, {
  academie,
  session: '2024-06',
  groupe: 1,
  actor: 'bench',
  iterations: 1_000,
});
await publishNow(t.deps, { academie, session: '2024-06', groupe: 1, actor: 'bench' });
const target = decisions.find((d) => d.decision === 'ADMIS' && d.accordPublication)!;
const started = performance.now();
const cpu = process.cpuUsage();
const effect = await flagCandidate(t.deps, {
  academie,
  session: '2024-06',
  numero: target.numero,
  actor: 'bench',
});
const seconds = (performance.now() - started) / 1000;
// CPU time as well: on a shared machine wall time also counts other processes' turns.
const used = process.cpuUsage(cpu);
const cpuSeconds = (used.user + used.system) / 1e6;
const files = effect.takedown?.paths.filter((p) => !p.startsWith('/releases/')).length ?? 0;
const maxRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `${JSON.stringify({ candidates: count, seconds, cpuSeconds, files, maxRssMB })}\n`,
);
