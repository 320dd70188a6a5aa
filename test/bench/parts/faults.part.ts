// Faults at full size (issue 14, item 5): the fault tests of `npm test`
// (DynamoDB faults, S3 errors while writing a release, SIGKILL in ingest and
// render, the scheduler restarted after an instant) on an académie of 30,000
// candidates; each test passes or not, with its duration.
import { fnv1a32 } from '../../../shared/domain/hash.js';
import { child, figure, loadFigure, type BenchPart } from '../figures.js';

interface FaultsResult {
  tests: { file: string; name: string; passed: boolean; seconds: number; failure: string | null }[];
  seconds: number;
}

/**
 * A stable figure name from a test's file and title: "faults.<file>.<title words>_<hash>". The
 * hash of the whole title keeps apart tests whose titles share their first 60 characters.
 */
const slug = (file: string, name: string) =>
  `faults.${file}.${name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 60)}_${fnv1a32(name).toString(36)}`;

export const faultsPart: BenchPart = {
  name: 'faults',
  inDefaultRun: true,
  async run() {
    const figures = [loadFigure('faults')];
    const r = await child<FaultsResult>(
      'faults.child.ts',
      process.env.FAULTS_FILTER ? [process.env.FAULTS_FILTER] : [],
    );
    for (const t of r.tests) {
      if (t.failure) console.error(`faults: ${t.file} > ${t.name}: ${t.failure}`);
      figures.push(
        figure(`${slug(t.file, t.name)}.passed`, t.passed ? 1 : 0, 'bool', { ge: 1 }),
        figure(`${slug(t.file, t.name)}.seconds`, Math.round(t.seconds * 10) / 10, 's'),
      );
    }
    const passed = r.tests.filter((t) => t.passed).length;
    figures.push(
      figure('faults.tests', r.tests.length, 'tests'),
      figure('faults.failed', r.tests.length - passed, 'tests', { le: 0 }),
      figure('faults.total_seconds', Math.round(r.seconds), 's'),
    );
    return figures;
  },
};
