import { findAcademie } from '../domain/reference/academies.js';
import type { CsvV1Row } from '../ingest/format-v1.js';
import { isoDate, offsetOn } from './calendar.js';
import { moyenneText, pad2, parseHundredths } from './format.js';
import { Random, mixSeed } from './random.js';

const ADMITTED_RATE = 0.75;

/**
 * The second-group decisions of the candidates the first group invited to
 * it: same identity, groupe 2, about 75 % admitted, never a mention, a few
 * days after the first deliberation. Each candidate's draws come from the
 * seed and their number alone, so the outcome does not depend on the order
 * of the rows or on which other rows are given.
 */
export function* generateSecondGroup(
  firstGroup: Iterable<CsvV1Row>,
  options: { seed?: number } = {},
): Generator<CsvV1Row> {
  const seed = options.seed ?? 1;
  for (const row of firstGroup) {
    if (row.groupe !== '1' || row.decision !== 'SECOND_GROUPE') continue;
    const random = new Random(
      mixSeed(seed, row.session, row.academie, row.numero_candidat, 'groupe-2'),
    );
    const admitted = random.chance(ADMITTED_RATE);
    // The oral can only raise marks: the group-2 average starts from the group-1 one (8 to
    // under 10).
    const before = Math.min(Math.max(parseHundredths(row.moyenne) ?? 800, 800), 999);
    const hundredths = admitted
      ? 1000 + Math.floor(random.next() ** 2 * 250)
      : before + Math.floor(random.next() * (1000 - before));

    const m = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(.*)$/.exec(
      row.deliberation,
    );
    let deliberation = row.deliberation;
    if (m) {
      const date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]), random.int(3, 5));
      const timeZone = findAcademie(row.academie)?.timeZone;
      const offset = timeZone ? offsetOn(timeZone, date) : (m[4] ?? '');
      deliberation = `${date}T${pad2(random.int(9, 17))}:${pad2(random.int(0, 59))}:00${offset}`;
    }
    yield {
      ...row,
      groupe: '2',
      decision: admitted ? 'ADMIS' : 'AJOURNE',
      mention: '',
      moyenne: moyenneText(hundredths),
      deliberation,
    };
  }
}
