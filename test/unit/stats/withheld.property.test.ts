// Property: candidates under a fraud procedure count nowhere. Adding any
// number of withheld candidates, with any decisions in either group, to any
// département, voie, série or établissement, leaves every statistics file
// (page, CSV, XLSX, JSON; académie and national) byte-identical.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../shared/domain/decision.schema.js';
import { SERIES_BTN, SPECIALITES_BCP } from '../../../shared/domain/reference/exams.js';
import { academieStatistics, figuresFromDecisions } from '../../../shared/stats/statistics.js';
import {
  nationalStatisticsFiles,
  statisticsFilesFor,
  type StatFile,
} from '../../../shared/stats/stats-files.js';
import { syntheticDecisions } from '../../fixtures/stats/synthetic.js';

const BASE = syntheticDecisions('amiens', '2024-06', 400, 3);
const OTHER = syntheticDecisions('lille', '2024-06', 200, 4);
const PREVIOUS = figuresFromDecisions({
  academie: 'amiens',
  session: '2023-06',
  groupe: 2,
  decisions: syntheticDecisions('amiens', '2023-06', 380, 9),
});
const NAMES = new Map([['0020001J', 'Lycée témoin']]);

const decisionArb = (numero: string) =>
  fc
    .record({
      groupe: fc.constantFrom<1 | 2>(1, 2),
      decision: fc.constantFrom<Decision['decision']>(
        'ADMIS',
        'AJOURNE',
        'SECOND_GROUPE',
        'ELIMINE',
        'REMPLACEMENT',
      ),
      mention: fc.constantFrom<Decision['mention']>(null, 'AB', 'B', 'TB', 'TBF'),
      departement: fc.constantFrom('02', '60', '80'),
      // Existing and new établissements alike: a new UAI must not add a line either.
      uai: fc.constantFrom('0020001J', BASE[0]!.uai, BASE[5]!.uai, '0809999X'),
      voie: fc.oneof(
        fc.constant<[Decision['examen'], string | null]>(['BCG', null]),
        fc.constantFrom(...SERIES_BTN).map((s): [Decision['examen'], string | null] => ['BTN', s]),
        fc
          .constantFrom(...SPECIALITES_BCP.slice(0, 8))
          .map((s): [Decision['examen'], string | null] => ['BCP', s.name]),
      ),
      moyenne: fc.option(fc.integer({ min: 0, max: 2000 }).map((h) => h / 100)),
      deliberation: fc.constantFrom(
        '2024-07-04T10:00:00.000Z',
        '2024-07-05T08:00:00.000Z',
        '2024-07-11T09:30:00.000Z',
      ),
    })
    .map((r): Decision => ({
      ...BASE[0]!,
      numero,
      groupe: r.groupe,
      decision: r.decision,
      mention: r.mention,
      departement: r.departement,
      uai: r.uai,
      examen: r.voie[0],
      serie: r.voie[1],
      moyenne: r.moyenne,
      deliberation: r.deliberation,
    }));

/** One to three decision versions for each of up to 12 withheld candidates. */
const withheldArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 99_999 }), { minLength: 1, maxLength: 12 })
  .chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        fc.array(decisionArb(`W${String(id).padStart(8, '0')}`), { minLength: 1, maxLength: 3 }),
      ),
    ),
  );

async function render(
  extra: readonly Decision[],
  withheld: ReadonlySet<string>,
  groupe: 1 | 2,
): Promise<StatFile[]> {
  const amiens = academieStatistics({
    academie: 'amiens',
    session: '2024-06',
    groupe,
    decisions: [...BASE, ...extra],
    withheld,
    previous: { ...PREVIOUS, groupe },
    etablissements: NAMES,
  });
  const lille = academieStatistics({
    academie: 'lille',
    session: '2024-06',
    groupe,
    decisions: OTHER,
  });
  return [
    ...(await statisticsFilesFor(amiens, 'amiens/assets/site.css')),
    ...(await nationalStatisticsFiles({ host: 'amiens', academies: [amiens, lille] })),
  ];
}

const bytes = (files: StatFile[]) =>
  files.map((f) => ({ path: f.path, body: Buffer.from(f.body).toString('base64') }));

describe('withheld candidates', () => {
  for (const groupe of [1, 2] as const) {
    it(`leave every statistics file byte-identical (groupe ${groupe})`, async () => {
      const reference = bytes(await render([], new Set(), groupe));
      await fc.assert(
        fc.asyncProperty(withheldArb, async (candidates) => {
          const extra = candidates.flat();
          const withheld = new Set(extra.map((d) => d.numero));
          expect(bytes(await render(extra, withheld, groupe))).toEqual(reference);
        }),
        { numRuns: 12 },
      );
    });
  }

  it(
    'would change the figures if they were not withheld (the property is not ' + 'vacuous)',
    async () => {
      const extra = [{ ...BASE[0]!, numero: 'W00000001', decision: 'ADMIS' as const }];
      const before = bytes(await render([], new Set(), 2));
      expect(bytes(await render(extra, new Set(), 2))).not.toEqual(before);
    },
  );
});
