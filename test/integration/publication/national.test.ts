import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decisionDigest } from '../../../shared/domain/decision-digest.js';
import { fixedClock } from '../../../shared/ports/clock.port.js';
import {
  publishNow,
  schedulePublication,
} from '../../../shared/publication/publication.usecase.js';
import { renderAcademie } from '../../../shared/publication/render.usecase.js';
import { startTestStack, type TestStack } from '../../support/local-stack.js';
import { publicationDepsFor } from '../../support/publication-deps.js';
import { decision } from '../../unit/render/fixtures.js';

const SESSION = '2024-06';
let stack: TestStack;
const clock = fixedClock(new Date('2024-07-04T07:00:00.000Z'));
let t: ReturnType<typeof publicationDepsFor>;

beforeAll(async () => {
  stack = await startTestStack();
  t = publicationDepsFor(stack.env, clock);
  for (const [academie, departement] of [
    ['lyon', '69'],
    ['nice', '06'],
    ['dijon', '21'],
  ] as const) {
    const rows = [1, 2, 3].map((i) =>
      decision({
        academie,
        departement,
        numero: `${departement}00000${i}`,
        uai: `0${departement}0001A`,
        decision: i === 3 ? 'AJOURNE' : 'ADMIS',
        moyenne: i === 3 ? 7 : 12,
      }),
    );
    await t.deps.decisions.appendVersions(
      rows.map((d) => ({
        ...d,
        digest: decisionDigest(d),
        source: {
          file: 'n.csv',
          sha256: '0'.repeat(64),
          line: 2,
          ingestedAt: '2024-07-03T00:00:00.000Z',
        },
      })),
    );
  }
  // Torn down only once set up (vitest runs what beforeAll returns after the file).
  return async () => {
    await stack.stop();
  };
});

describe('statistics in a release', () => {
  it(
    'carries the académie page and downloads, and a national page of the académies already ' +
      'public only',
    async () => {
      await renderAcademie(t.deps, {
        academie: 'lyon',
        session: SESSION,
        groupe: 1,
        actor: 'a',
        iterations: 1_000,
      });
      await publishNow(t.deps, { academie: 'lyon', session: SESSION, groupe: 1, actor: 'a' });
      // Nice is rendered and scheduled, not public: its figures must not reach anyone's national
      // page.
      await renderAcademie(t.deps, {
        academie: 'nice',
        session: SESSION,
        groupe: 1,
        actor: 'a',
        iterations: 1_000,
      });
      await schedulePublication(t.deps, {
        academie: 'nice',
        session: SESSION,
        groupe: 1,
        at: '2024-07-04 10:00',
        actor: 'a',
      });

      const { rendered } = await renderAcademie(t.deps, {
        academie: 'dijon',
        session: SESSION,
        groupe: 1,
        actor: 'a',
        iterations: 1_000,
      });
      const paths = rendered.files.map((f) => f.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'dijon/statistiques/index.html',
          'dijon/statistiques/dijon-2024-06-1er-groupe-synthese.csv',
          'dijon/statistiques/dijon-2024-06-1er-groupe.xlsx',
          'dijon/statistiques/dijon-2024-06-1er-groupe.json',
          'dijon/statistiques/national/index.html',
        ]),
      );
      // The académies each statistics file sums.
      const academiesOf = (path: string) =>
        z
          .object({ academies: z.array(z.string()) })
          .parse(
            JSON.parse(new TextDecoder().decode(rendered.files.find((f) => f.path === path)!.body)),
          ).academies;
      expect(academiesOf('dijon/statistiques/national/national-2024-06-1er-groupe.json')).toEqual([
        'dijon',
        'lyon',
      ]);
      expect(academiesOf('dijon/statistiques/dijon-2024-06-1er-groupe.json')).toEqual(['dijon']);
      const landing = new TextDecoder().decode(
        rendered.files.find((f) => f.path === 'dijon/index.html')!.body,
      );
      expect(landing).toContain('href="statistiques/index.html"');
      expect(landing).toContain('href="statistiques/national/index.html"');
      // The figures stored beside the live release are the ones the national page summed.
      expect(
        (
          await t.deps.storage.statistics(
            (await t.deps.publications.plan(SESSION, 'lyon', 1))!.releaseId!,
          )
        )?.academie,
      ).toBe('lyon');
    },
  );
});
