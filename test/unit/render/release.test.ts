import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Decision } from '../../../shared/domain/decision.schema.js';
import { lookupResult } from '../../../shared/render/lookup/lookup-client.js';
import { deriveMaterial, lookupSecret, openEntry, sealEntry, type LookupParams } from '../../../shared/render/lookup/lookup-crypto.js';
import { renderRelease, sealEntrySync, sha256Hex, type Release, type RenderInput } from '../../../shared/render/release.js';
import { decision as d, fakeMaterial, SALT } from './fixtures.js';

const params: LookupParams = { salt: SALT, iterations: 1_000, shardChars: 1 };
const decisions: Decision[] = [
  d({ numero: '01', nom: 'MARTIN', mention: 'B', moyenne: 15 }),
  d({ numero: '02', nom: 'DURAND', dateNaissance: '2005-11-30', decision: 'SECOND_GROUPE', moyenne: 9, uai: '0130002B' }),
  d({ numero: '02', nom: 'DURAND', dateNaissance: '2005-11-30', groupe: 2, decision: 'ADMIS', moyenne: 10.2, uai: '0130002B', deliberation: '2024-07-10T08:00:00.000Z' }),
  d({ numero: '03', nom: 'PETIT', decision: 'REMPLACEMENT', moyenne: null }),
  d({ numero: '04', nom: 'ROUX', dateNaissance: '2006-07-01' }),
];
const base = (over: Partial<RenderInput> = {}): RenderInput => ({
  academie: 'aix-marseille',
  session: '2024-06',
  phase: 1,
  decisions,
  lookup: { params, material: fakeMaterial },
  etablissements: new Map([['0130001A', 'Lycée Thiers']]),
  ...over,
});
const text = (r: Release, path: string) => new TextDecoder().decode(r.files.find((f) => f.path === path)?.body);

describe('renderRelease', () => {
  it('renders the expected files, names the release after its manifest, and lists files in the manifest', async () => {
    const r = await renderRelease(base());
    const paths = r.files.map((f) => f.path);
    expect(paths).toContain('aix-marseille/index.html');
    expect(paths).toContain('aix-marseille/listes/0130001A.html');
    expect(paths).toContain('aix-marseille/listes/0130002B.html');
    expect(paths).toContain('aix-marseille/resultats/params.json');
    expect(paths.filter((p) => /^aix-marseille\/resultats\/[0-9a-f]\.json$/.test(p))).toHaveLength(16);
    expect(paths.some((p) => /^aix-marseille\/assets\/site\.[0-9a-f]{8}\.css$/.test(p))).toBe(true);
    expect(paths.some((p) => /^aix-marseille\/assets\/lookup\.[0-9a-f]{8}\.js$/.test(p))).toBe(true);
    expect(paths.at(-1)).toBe('manifest.json');
    expect(JSON.parse(text(r, 'aix-marseille/resultats/params.json'))).toEqual({ salt: SALT, iterations: 1000, shardChars: 1 });

    const manifestFile = r.files.at(-1)!;
    expect(r.id).toBe(`2024-06-aix-marseille-g1-${sha256Hex(manifestFile.body).slice(0, 12)}`);
    expect(JSON.parse(text(r, 'manifest.json'))).toEqual(r.manifest);
    expect(r.manifest.files.map((f) => f.path)).toEqual([...paths.slice(0, -1)].sort());
    for (const f of r.files) expect(f.sha256).toBe(sha256Hex(f.body));
    // Fingerprints are content hashes.
    for (const f of r.files.filter((x) => x.path.includes('/assets/'))) expect(f.path).toContain(`.${f.sha256.slice(0, 8)}.`);
  });

  it('calls the slow derivation once per shown candidate, with bounded concurrency', async () => {
    const calls: string[] = [];
    let inFlight = 0;
    let peak = 0;
    const many = Array.from({ length: 40 }, (_, i) => d({ numero: `N${i}`, dateNaissance: '2006-01-02' }));
    await renderRelease(
      base({
        decisions: many,
        lookup: {
          params,
          concurrency: 4,
          material: async (n, date) => {
            calls.push(`${n}|${date}`);
            peak = Math.max(peak, ++inFlight);
            await new Promise((r) => setTimeout(r, 1));
            inFlight--;
            return fakeMaterial(n, date);
          },
        },
      }),
    );
    expect(calls.sort()).toEqual(many.map((x) => `${x.numero}|2006-01-02`).sort());
    expect(peak).toBe(4);
  });

  it('is deterministic: same inputs → same bytes and id, in any input order; another salt → another id', async () => {
    const a = await renderRelease(base());
    const b = await renderRelease(base({ decisions: [...decisions].reverse() }));
    expect(b.id).toBe(a.id);
    expect(b.files).toEqual(a.files);
    const other = await renderRelease(base({ lookup: { params: { ...params, salt: 'AAAAAAAAAAAAAAAAAAAAAA==' }, material: fakeMaterial } }));
    expect(other.id).not.toBe(a.id);
    const phase2 = await renderRelease(base({ phase: 2 }));
    expect(phase2.id).toMatch(/^2024-06-aix-marseille-g2-[0-9a-f]{12}$/);
  });

  it('gives byte-identical files whether withheld candidates are passed or absent altogether', async () => {
    const candidate = fc.record({
      numero: fc.stringMatching(/^[0-9]{4}[A-Z]$/),
      nom: fc.constantFrom('MARTIN', 'ÉLOI', 'Dupont', 'O’Neil'),
      uai: fc.constantFrom('0130001A', '0130002B', '0840003C'),
      decision: fc.constantFrom('ADMIS', 'AJOURNE', 'SECOND_GROUPE', 'ELIMINE', 'REMPLACEMENT'),
      accordPublication: fc.boolean(),
      g2: fc.option(fc.constantFrom('ADMIS', 'AJOURNE')),
    });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(candidate, { selector: (c) => c.numero, maxLength: 12 }), fc.integer({ min: 0, max: 12 }), fc.constantFrom(1 as const, 2 as const), async (cands, k, phase) => {
        const rows = cands.flatMap((c): Decision[] => {
          const g1 = d({ numero: c.numero, nom: c.nom, uai: c.uai, decision: c.decision, accordPublication: c.accordPublication, moyenne: null });
          const g2 = c.decision === 'SECOND_GROUPE' && c.g2 ? [d({ ...g1, groupe: 2, decision: c.g2 })] : [];
          return [g1, ...g2];
        });
        const withheld = new Set(cands.slice(0, k).map((c) => c.numero));
        const kept = rows.filter((r) => !withheld.has(r.numero));
        const withThem = await renderRelease(base({ decisions: rows, withheld, phase }));
        const without = await renderRelease(base({ decisions: kept, phase }));
        // sha256 stands for the bytes (checked against them in the first test); comparing bodies is much slower.
        const digest = (r: Release) => r.files.map((f) => `${f.path} ${f.sha256} ${f.contentType}`);
        expect(digest(withThem)).toEqual(digest(without));
        expect(withThem.id).toBe(without.id);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses decisions of another académie or session', async () => {
    await expect(renderRelease(base({ decisions: [d({ numero: '9', academie: 'nice' })] }))).rejects.toThrow(/nice/);
    await expect(renderRelease(base({ academie: 'atlantis' }))).rejects.toThrow(/atlantis/);
  });
});

describe('sealEntrySync', () => {
  it('gives the same bytes as the WebCrypto sealEntry of the page, which opens them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.string({ unit: 'binary', maxLength: 400 }), async (bytes, plaintext) => {
        const material = Buffer.from(bytes).toString('base64');
        const sealed = sealEntrySync(material, plaintext);
        expect(sealed).toBe(await sealEntry(material, plaintext));
        expect(await openEntry(material, sealed)).toBe(plaintext);
      }),
      { numRuns: 200 },
    );
  });
});

describe('lookup round trip on the rendered files', () => {
  let release: Release;
  const material = (numero: string, date: string) => deriveMaterial(lookupSecret(numero, date)!, params);
  beforeAll(async () => {
    release = await renderRelease(base({ phase: 2, withheld: new Set(['04']), lookup: { params, material } }));
  });
  const serve: typeof fetch = async (input) => {
    const path = String(input).replace('https://resultats.example/', '');
    const file = release.files.find((f) => f.path === path);
    return file ? new Response(Buffer.from(file.body)) : new Response('Not Found', { status: 404 });
  };
  const look = async (numero: string, date: string) => {
    const p = JSON.parse(text(release, 'aix-marseille/resultats/params.json')) as LookupParams;
    return lookupResult(numero, date, p, { baseUrl: 'https://resultats.example/aix-marseille/resultats', fetch: serve });
  };

  it('opens a candidate’s entry with the right French outcome', async () => {
    expect(await look('01', '12/03/2006')).toMatchObject({ found: true, entry: { nom: 'MARTIN', resultat: 'Admis(e) avec mention Bien', groupe: 1, academie: 'aix-marseille' } });
    expect(await look('02', '30/11/2005')).toMatchObject({ found: true, entry: { nom: 'DURAND', resultat: 'Admis(e) à l’issue du second groupe', groupe: 2 } });
  });

  it('is neutral for a wrong birth date, a REMPLACEMENT and a withheld candidate', async () => {
    expect(await look('01', '13/03/2006')).toStrictEqual({ found: false });
    expect(await look('03', '12/03/2006')).toStrictEqual({ found: false });
    expect(await look('04', '01/07/2006')).toStrictEqual({ found: false });
  });
});
