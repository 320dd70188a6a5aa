import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Decision } from '../../../shared/domain/decision.schema.js';
import { accessCode, accessCodeData } from '../../../shared/publication/access-codes.js';
import { lookupResult, readParams } from '../../../shared/render/lookup/lookup-client.js';
import {
  deriveRoot,
  ENTRY_BYTES,
  type LookupParams,
} from '../../../shared/render/lookup/lookup-crypto.js';
import { renderRelease, type Release, type RenderInput } from '../../../shared/render/release.js';
import { sha256Hex } from '../../../shared/site/release-files.js';
import { decision as d, fakeRoot, releaseParams } from './fixtures.js';

const params: LookupParams = releaseParams(1);
const decisions: Decision[] = [
  d({ numero: '01', nom: 'MARTIN', mention: 'B', moyenne: 15 }),
  d({
    numero: '02',
    nom: 'DURAND',
    dateNaissance: '2005-11-30',
    decision: 'SECOND_GROUPE',
    moyenne: 9,
    uai: '0130002B',
  }),
  d({
    numero: '02',
    nom: 'DURAND',
    dateNaissance: '2005-11-30',
    groupe: 2,
    decision: 'ADMIS',
    moyenne: 10.2,
    uai: '0130002B',
    deliberation: '2024-07-10T08:00:00.000Z',
  }),
  d({ numero: '03', nom: 'PETIT', decision: 'REMPLACEMENT', moyenne: null }),
  d({ numero: '04', nom: 'ROUX', dateNaissance: '2006-07-01' }),
];
const base = (over: Partial<RenderInput> = {}): RenderInput => ({
  academie: 'aix-marseille',
  session: '2024-06',
  groupe: 1,
  decisions,
  lookup: { params, root: fakeRoot },
  etablissements: new Map([['0130001A', 'Lycée Thiers']]),
  ...over,
});
const text = (r: Release, path: string) =>
  new TextDecoder().decode(r.files.find((f) => f.path === path)?.body);

describe('renderRelease', () => {
  it(
    'renders the expected files, names the release after its manifest, and lists files in the ' +
      'manifest',
    async () => {
      const r = await renderRelease(base());
      const paths = r.files.map((f) => f.path);
      expect(paths).toContain('aix-marseille/index.html');
      expect(paths).toContain('aix-marseille/listes/0130001A.html');
      expect(paths).toContain('aix-marseille/listes/0130002B.html');
      expect(paths).toContain('aix-marseille/resultats/params.json');
      expect(
        paths.filter((p) => /^aix-marseille\/resultats\/[0-9a-f]\.json$/.test(p)),
      ).toHaveLength(16);
      expect(paths.some((p) => /^aix-marseille\/assets\/site\.[0-9a-f]{8}\.css$/.test(p))).toBe(
        true,
      );
      expect(paths.some((p) => /^aix-marseille\/assets\/lookup\.[0-9a-f]{8}\.js$/.test(p))).toBe(
        true,
      );
      expect(paths.at(-1)).toBe('manifest.json');
      expect(JSON.parse(text(r, 'aix-marseille/resultats/params.json'))).toEqual(params);

      const manifestFile = r.files.at(-1)!;
      expect(r.id).toBe(`2024-06-aix-marseille-g1-${sha256Hex(manifestFile.body).slice(0, 12)}`);
      expect(JSON.parse(text(r, 'manifest.json'))).toEqual(r.manifest);
      expect(r.manifest.files.map((f) => f.path)).toEqual([...paths.slice(0, -1)].sort());
      for (const f of r.files) expect(f.sha256).toBe(sha256Hex(f.body));
      // Fingerprints are content hashes.
      for (const f of r.files.filter((x) => x.path.includes('/assets/')))
        expect(f.path).toContain(`.${f.sha256.slice(0, 8)}.`);
    },
  );

  it(
    'asks the root of each shown candidate, and seals every entry to one size whatever its ' +
      'outcome',
    async () => {
      const asked: string[] = [];
      const r = await renderRelease(
        base({
          groupe: 2,
          lookup: { params: releaseParams(2), root: (n) => (asked.push(n), fakeRoot(n)) },
        }),
      );
      expect(asked.sort()).toEqual(['01', '02', '04']);
      const sealed = r.files
        .filter((f) => /resultats\/[0-9a-f]\.json$/.test(f.path))
        .flatMap((f) =>
          Object.values(
            (JSON.parse(new TextDecoder().decode(f.body)) as { entries: Record<string, string> })
              .entries,
          ),
        );
      expect(sealed).toHaveLength(3);
      expect(new Set(sealed.map((x) => Buffer.from(x, 'base64').length))).toEqual(
        new Set([12 + ENTRY_BYTES + 16]),
      );
    },
  );

  it(
    'gives the same candidate other entry ids in the group-1 release, the group-2 release and ' +
      'a rehearsal',
    async () => {
      const ids = async (p: LookupParams, groupe: 1 | 2) => {
        const r = await renderRelease(base({ groupe, lookup: { params: p, root: fakeRoot } }));
        return r.files
          .filter((f) => /resultats\/[0-9a-f]\.json$/.test(f.path))
          .flatMap((f) =>
            Object.keys(
              (JSON.parse(new TextDecoder().decode(f.body)) as { entries: object }).entries,
            ),
          );
      };
      const [g1, g2, rehearsal] = await Promise.all([
        ids(releaseParams(1), 1),
        ids(releaseParams(2), 2),
        ids(releaseParams(1, { scope: '2024-06|aix-marseille|g1|rehearsal' }), 1),
      ]);
      expect(g1).toHaveLength(3);
      expect(new Set([...g1, ...g2, ...rehearsal]).size).toBe(9);
    },
  );

  it(
    'is deterministic: same inputs → same bytes and id, in any input order; another salt → ' +
      'another id',
    async () => {
      const a = await renderRelease(base());
      const b = await renderRelease(base({ decisions: [...decisions].reverse() }));
      expect(b.id).toBe(a.id);
      expect(b.files).toEqual(a.files);
      const other = await renderRelease(
        base({
          lookup: { params: { ...params, salt: 'AAAAAAAAAAAAAAAAAAAAAA==' }, root: fakeRoot },
        }),
      );
      expect(other.id).not.toBe(a.id);
      const groupe2 = await renderRelease(
        base({ groupe: 2, lookup: { params: releaseParams(2), root: fakeRoot } }),
      );
      expect(groupe2.id).toMatch(/^2024-06-aix-marseille-g2-[0-9a-f]{12}$/);
    },
  );

  it(
    'gives byte-identical files whether withheld candidates are passed or absent ' + 'altogether',
    async () => {
      const candidate = fc.record({
        numero: fc.stringMatching(/^[0-9]{4}[A-Z]$/),
        nom: fc.constantFrom('MARTIN', 'ÉLOI', 'Dupont', 'O’Neil'),
        uai: fc.constantFrom('0130001A', '0130002B', '0840003C'),
        decision: fc.constantFrom('ADMIS', 'AJOURNE', 'SECOND_GROUPE', 'ELIMINE', 'REMPLACEMENT'),
        accordPublication: fc.boolean(),
        g2: fc.option(fc.constantFrom('ADMIS', 'AJOURNE')),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(candidate, { selector: (c) => c.numero, maxLength: 12 }),
          fc.integer({ min: 0, max: 12 }),
          fc.constantFrom(1 as const, 2 as const),
          async (cands, k, groupe) => {
            const rows = cands.flatMap((c): Decision[] => {
              const g1 = d({
                numero: c.numero,
                nom: c.nom,
                uai: c.uai,
                decision: c.decision,
                accordPublication: c.accordPublication,
                moyenne: null,
              });
              const g2 =
                c.decision === 'SECOND_GROUPE' && c.g2
                  ? [d({ ...g1, groupe: 2, decision: c.g2 })]
                  : [];
              return [g1, ...g2];
            });
            const withheld = new Set(cands.slice(0, k).map((c) => c.numero));
            const kept = rows.filter((r) => !withheld.has(r.numero));
            const lookup = { params: releaseParams(groupe), root: fakeRoot };
            const withThem = await renderRelease(
              base({ decisions: rows, withheld, groupe, lookup }),
            );
            const without = await renderRelease(base({ decisions: kept, groupe, lookup }));
            // sha256 stands for the bytes (checked against them in the first test); comparing
            // bodies
            // is much slower.
            const digest = (r: Release) =>
              r.files.map((f) => `${f.path} ${f.sha256} ${f.contentType}`);
            expect(digest(withThem)).toEqual(digest(without));
            expect(withThem.id).toBe(without.id);
          },
        ),
        { numRuns: 40 },
      );
    },
  );

  it('refuses decisions of another académie or session', async () => {
    await expect(
      renderRelease(base({ decisions: [d({ numero: '9', academie: 'nice' })] })),
    ).rejects.toThrow(/nice/);
    await expect(renderRelease(base({ academie: 'atlantis' }))).rejects.toThrow(/atlantis/);
  });
});

describe('lookup round trip on the rendered files', () => {
  let release: Release;
  const codeSecret = Buffer.alloc(32, 9).toString('base64');
  const p2 = releaseParams(2);
  beforeAll(async () => {
    const root = new Map(
      await Promise.all(
        ['01', '02', '03', '04'].map(
          async (n) => [n, await deriveRoot(`${n}|${accessCodeData(codeSecret, n)}`, p2)] as const,
        ),
      ),
    );
    release = await renderRelease(
      base({
        groupe: 2,
        withheld: new Set(['04']),
        lookup: { params: p2, root: (n) => root.get(n)! },
      }),
    );
  });
  const serve: typeof fetch = async (input) => {
    const url = input instanceof Request ? input.url : input.toString();
    const path = url.replace('https://resultats.example/', '');
    const file = release.files.find((f) => f.path === path);
    return file ? new Response(Buffer.from(file.body)) : new Response('Not Found', { status: 404 });
  };
  const look = async (numero: string, code: string) => {
    const p = readParams(JSON.parse(text(release, 'aix-marseille/resultats/params.json')))!;
    return lookupResult(numero, code, p, {
      baseUrl: 'https://resultats.example/aix-marseille/resultats',
      fetch: serve,
    });
  };

  it(
    'opens a candidate’s entry with the right French outcome, and nothing that names ' + 'them',
    async () => {
      const alice = await look('01', accessCode(codeSecret, '01'));
      expect(alice).toEqual({
        found: true,
        entry: {
          v: 2,
          examen: 'BCG',
          libelleExamen: 'Baccalauréat général',
          serie: null,
          groupe: 1,
          decision: 'ADMIS',
          mention: 'B',
          resultat: 'Admis(e) avec mention Bien',
        },
      });
      expect(await look('02', accessCode(codeSecret, '02'))).toMatchObject({
        found: true,
        entry: { resultat: 'Admis(e) à l’issue du second groupe', groupe: 2 },
      });
    },
  );

  it(
    'is neutral for another candidate’s code, a REMPLACEMENT and a withheld ' + 'candidate',
    async () => {
      expect(await look('01', accessCode(codeSecret, '02'))).toStrictEqual({ found: false });
      expect(await look('03', accessCode(codeSecret, '03'))).toStrictEqual({ found: false });
      expect(await look('04', accessCode(codeSecret, '04'))).toStrictEqual({ found: false });
    },
  );
});
