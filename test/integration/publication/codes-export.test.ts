// `publibac codes export`, the real command against the embedded stack: the
// mail-merge CSV and the slips, and every code opens its candidate's entry
// in a rendered release, and only that one.
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decisionDigest } from '../../../shared/domain/decision-digest.js';
import type { Decision } from '../../../shared/domain/decision.schema.js';
import { generateFirstGroup, writeCsv } from '../../../shared/generate/decisions.generator.js';
import { fixedClock } from '../../../shared/ports/clock.port.js';
import { renderInMemory } from '../../../shared/publication/render.usecase.js';
import { lookupResult, readParams } from '../../../shared/render/lookup/lookup-client.js';
import { selectPublicResults } from '../../../shared/render/release-input.js';
import type { Release } from '../../../shared/render/release.js';
import { rowToDecision } from '../../fixtures/stats/synthetic.js';
import { startTestStack, type TestStack } from '../../support/local-stack.js';
import { publicationDepsFor } from '../../support/publication-deps.js';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../../shared/cli/publibac.js');
const SESSION = '2024-06';
let stack: TestStack;
let t: ReturnType<typeof publicationDepsFor>;
let dir: string;
let decisionsFile: string;
let decisions: Decision[];

async function publibac(...args: string[]) {
  const env = {
    ...process.env,
    ...stack.env,
    PUBLIBAC_ACTOR: 'diec',
    PUBLIBAC_ROLES: 'normandie:publication',
    PUBLIBAC_SITE_URL: 'https://resultats.example.fr',
  };
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  stack = await startTestStack();
  t = publicationDepsFor(stack.env, fixedClock(new Date('2024-07-04T08:00:00.000Z')));
  dir = await mkdtemp(join(tmpdir(), 'publibac-codes-'));
  const rows = [
    ...generateFirstGroup({ academie: 'normandie', session: SESSION, candidates: 40, seed: 5 }),
  ];
  decisionsFile = join(dir, 'normandie.csv');
  const file = createWriteStream(decisionsFile);
  await writeCsv(rows, file);
  await new Promise((done) => file.end(done));
  decisions = rows.map(rowToDecision);
  const source = {
    file: 'normandie.csv',
    sha256: '0'.repeat(64),
    line: 2,
    ingestedAt: '2024-07-04T07:00:00.000Z',
  };
  await t.deps.decisions.appendVersions(
    decisions.map((d) => ({ ...d, digest: decisionDigest(d), source })),
  );
  // Torn down only once set up (vitest runs what beforeAll returns after the file).
  return async () => {
    await stack.stop();
  };
});

/** One line of codes.csv, the mail-merge file. */
const CodeRecord = z.object({
  numero_candidat: z.string(),
  nom: z.string(),
  prenoms: z.string(),
  uai: z.string(),
  code: z.string(),
});
const readCodes = (csv: string) =>
  z.array(CodeRecord).parse(parse(csv, { delimiter: ';', bom: true, columns: true }));
const codesExport = (from: string, out: string, academie = 'normandie') =>
  publibac(
    'codes',
    'export',
    '--academie',
    academie,
    '--session',
    SESSION,
    '--from',
    from,
    '-o',
    out,
  );
const exportAudit = async () =>
  (await t.deps.audit.entries({ academie: 'normandie' })).filter(
    (e) => e.action === 'codes-export',
  );

// Each test runs three or four real CLI processes (a tsx start-up each): room for a loaded machine.
describe('publibac codes export', { timeout: 120_000 }, () => {
  it(
    'writes the mail-merge CSV and one page of slips per établissement, owner-only, and audits ' +
      'the export',
    async () => {
      const out = join(dir, 'codes');
      const auditedBefore = (await exportAudit()).length;
      const done = await codesExport(decisionsFile, out);
      expect(done).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(/^40 access codes for \d+ établissements/),
      });
      const csv = await readFile(join(out, 'codes.csv'), 'utf8');
      expect(csv.startsWith('\ufeffnumero_candidat;nom;prenoms;uai;code\r\n')).toBe(true);
      const records = readCodes(csv);
      expect(records).toHaveLength(40);
      const uais = new Set(decisions.map((d) => d.uai));
      expect((await readdir(out)).sort()).toEqual(
        ['codes.csv', ...[...uais].map((u) => `${u}.html`)].sort(),
      );
      for (const uai of uais) {
        const page = await readFile(join(out, `${uai}.html`), 'utf8');
        const mine = records.filter((r) => r.uai === uai);
        expect(page.match(/<section class="coupon">/g)).toHaveLength(mine.length);
        for (const r of mine) expect(page).toContain(`<dd class="code">${r.code}</dd>`);
        expect(page).toContain('https://resultats.example.fr/normandie/');
      }
      expect((await stat(out)).mode & 0o777).toBe(0o700);
      expect((await stat(join(out, 'codes.csv'))).mode & 0o777).toBe(0o600);
      const audit = (await exportAudit()).slice(auditedBefore);
      expect(audit.map((e) => [e.actor, e.detail])).toEqual([
        ['diec', `40 access codes exported for ${uais.size} établissements`],
      ]);
      expect(JSON.stringify(audit)).not.toMatch(/[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/);

      // Asked again (a lost slip, an inscriptions file): the same codes.
      const inscriptions = join(dir, 'inscriptions.csv');
      await writeFile(
        inscriptions,
        [
          'numero;nom;prenoms;uai',
          ...records.map((r) => [r.numero_candidat, r.nom, r.prenoms, r.uai].join(';')),
        ]
          .map((line) => `${line}\n`)
          .join(''),
      );
      const again = join(dir, 'again');
      expect((await codesExport(inscriptions, again)).code).toBe(0);
      expect(await readFile(join(again, 'codes.csv'), 'utf8')).toBe(csv);
      const one = records[7]!;
      expect(
        await publibac(
          'codes',
          'show',
          one.numero_candidat,
          '--academie',
          'normandie',
          '--session',
          SESSION,
        ),
      ).toMatchObject({ code: 0, stdout: `${one.numero_candidat}: ${one.code}\n` });
    },
  );

  it('each code opens its own candidate’s entry in a rendered release, and no other', async () => {
    // Its own export: the codes exactly as the mail-merge file gives them.
    const out = join(dir, 'codes-for-lookup');
    expect((await codesExport(decisionsFile, out)).code).toBe(0);
    const records = readCodes(await readFile(join(out, 'codes.csv'), 'utf8'));
    const { rendered } = await renderInMemory(t.deps, {
      academie: 'normandie',
      session: SESSION,
      groupe: 1,
      iterations: 10,
    });
    const fetchFile = serve(rendered);
    const params = readParams(
      JSON.parse(
        new TextDecoder().decode(
          rendered.files.find((f) => f.path === 'normandie/resultats/params.json')!.body,
        ),
      ),
    )!;
    const look = (numero: string, code: string) =>
      lookupResult(numero, code, params, {
        baseUrl: 'https://x/normandie/resultats',
        fetch: fetchFile,
      });
    const expected = new Map(selectPublicResults(decisions, 1).map((r) => [r.numero, r.resultat]));
    for (const r of records) {
      const own = await look(r.numero_candidat, r.code);
      if (expected.has(r.numero_candidat))
        expect(own).toMatchObject({
          found: true,
          entry: { resultat: expected.get(r.numero_candidat) },
        });
      else expect(own).toEqual({ found: false }); // deferred (REMPLACEMENT): nothing online
    }
    // Every code with every other number: nothing (40 × 39 lookups).
    let opened = 0;
    for (const a of records)
      for (const b of records)
        if (a !== b && (await look(a.numero_candidat, b.code)).found) opened++;
    expect(opened).toBe(0);
  });

  it(
    'refuses a bad file whole, naming file, ' + 'line, column and rule, and writes nothing',
    async () => {
      const bad = join(dir, 'bad.csv');
      await writeFile(
        bad,
        [
          'numero;nom;prenoms;uai',
          '14000000001;=SUM(A1);Léa;0140001A',
          '14000000002;DUPONT;Léa;0140001A',
          '12;MARTIN;Léa;0140001B',
          '',
        ].join('\n'),
      );
      const out = join(dir, 'nothing');
      const refused = await codesExport(bad, out);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('bad.csv:2:2: nom: starts like a spreadsheet formula');
      expect(refused.stderr).toContain(
        'bad.csv:4:1: numero: 6 to 15 digits or capital letters (got "12")',
      );
      expect(refused.stderr).toMatch(/bad\.csv:4:4: uai: 7 digits and the right check letter/);
      await writeFile(bad, 'numero;nom;prenoms;uai\n14000000001;"MARTIN;Léa;0140001A\n');
      expect(await codesExport(bad, out)).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/^publibac: bad\.csv:\d+: not a ";" CSV file/),
      });
      await expect(stat(out)).rejects.toThrow(/ENOENT/);
      const wrong = await codesExport(decisionsFile, out, 'rennes');
      expect(wrong).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(
          /normandie\.csv:2:\d+: academie: the row is for normandie, not rennes/,
        ),
      });
    },
  );
});

function serve(release: Release): typeof fetch {
  return async (input) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = url.replace('https://x/', '');
    const file = release.files.find((f) => f.path === path);
    return file ? new Response(Buffer.from(file.body)) : new Response('Not Found', { status: 404 });
  };
}
