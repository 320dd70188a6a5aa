// A rehearsal is what leaked in Lille 2019: its files must name no real
// person, and no real candidate's code may open anything in it. Scanned like
// the withholding scan (every file of the rehearsal as stored, spreadsheet
// cells included), with distinctive real identities so that any match is a
// leak and never a coincidence.
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decisionDigest } from '../../../shared/domain/decision-digest.js';
import type { Decision } from '../../../shared/domain/decision.schema.js';
import { startLocalCdn } from '../../../shared/local/local-cdn.js';
import { fixedClock } from '../../../shared/ports/clock.port.js';
import { rehearse, type RehearsalOutcome } from '../../../shared/publication/rehearse.usecase.js';
import { lookupResult, readParams } from '../../../shared/render/lookup/lookup-client.js';
import { syntheticDecisions } from '../../fixtures/stats/synthetic.js';
import { startTestStack, type TestStack } from '../../support/local-stack.js';
import { codeOf, publicationDepsFor } from '../../support/publication-deps.js';

const SESSION = '2024-06';
const clock = fixedClock(new Date('2024-07-01T09:00:00.000Z'));
let stack: TestStack;
let t: ReturnType<typeof publicationDepsFor>;
let cdn: { url: string; stop(): Promise<void> };
let real: Decision[];
let outcome: RehearsalOutcome;

/**
 * The synthetic académie with distinctive identities ("ZQXNOMA…", "Wyxprenoma…"): long enough that
 * no base64 of a shard holds one by chance.
 */
function distinctive(decisions: readonly Decision[]): Decision[] {
  const index = new Map<string, number>();
  for (const d of decisions) if (!index.has(d.numero)) index.set(d.numero, index.size);
  const tag = (n: number) =>
    n
      .toString(26)
      .split('')
      .map((c) => String.fromCharCode(65 + parseInt(c, 26)))
      .join('');
  return decisions.map((d) => ({
    ...d,
    nom: `ZQXNOM${tag(index.get(d.numero)!)}`,
    prenoms: `Wyxprenom${tag(index.get(d.numero)!).toLowerCase()}`,
  }));
}

async function rehearsalFiles(id: string): Promise<{ key: string; text: string }[]> {
  const bucket = stack.env.PUBLIBAC_SITE_BUCKET!;
  const listed = await t.s3.send(
    new ListObjectsV2Command({ Bucket: bucket, Prefix: `rehearsals/${id}/` }),
  );
  return Promise.all(
    (listed.Contents ?? []).map(async ({ Key }) => {
      const body = Buffer.from(
        await (
          await t.s3.send(new GetObjectCommand({ Bucket: bucket, Key }))
        ).Body!.transformToByteArray(),
      );
      if (!Key!.endsWith('.xlsx')) return { key: Key!, text: body.toString('utf8') };
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(body as unknown as ArrayBuffer);
      const cells: string[] = [];
      workbook.eachSheet((sheet) => {
        sheet.eachRow((row) => {
          row.eachCell((cell) => cells.push(cell.text));
        });
      });
      return { key: Key!, text: cells.join('\n') };
    }),
  );
}

beforeAll(async () => {
  stack = await startTestStack();
  t = publicationDepsFor(stack.env, clock);
  cdn = await startLocalCdn({
    port: 0,
    s3: t.s3,
    bucket: stack.env.PUBLIBAC_SITE_BUCKET!,
    kvs: t.kvs,
    clock,
  });
  real = distinctive(syntheticDecisions('lille', SESSION, 120, 3));
  const source = {
    file: 'lille.csv',
    sha256: '0'.repeat(64),
    line: 2,
    ingestedAt: '2024-07-01T00:00:00.000Z',
  };
  await t.deps.decisions.appendVersions(
    real.map((d) => ({ ...d, digest: decisionDigest(d), source })),
  );
  outcome = await rehearse(t.deps, {
    academie: 'lille',
    session: SESSION,
    groupe: 2,
    actor: 'dora',
    iterations: 10,
  });
  // Torn down only once set up (vitest runs what beforeAll returns after the file).
  return async () => {
    await cdn.stop();
    await stack.stop();
  };
});

describe('a rehearsal', () => {
  it('names, numbers and dates no real candidate in any of its files', async () => {
    const files = await rehearsalFiles(outcome.id);
    expect(files.some((f) => f.key.endsWith('/lille/index.html'))).toBe(true);
    expect(files.some((f) => f.key.includes('/listes/'))).toBe(true);
    const traces = new Set(
      real.flatMap((d) => {
        const [y, m, day] = d.dateNaissance.split('-');
        return [d.nom, d.prenoms, d.numero, d.dateNaissance, `${day}/${m}/${y}`];
      }),
    );
    for (const f of files)
      for (const trace of traces)
        expect(f.text.includes(trace), `${trace} in ${f.key}`).toBe(false);
  });

  it(
    'keeps the real structure: ' + 'the same counts in its statistics as the release would have',
    async () => {
      const files = await rehearsalFiles(outcome.id);
      const stats = z
        .object({ lignes: z.array(z.object({ presents: z.number() })) })
        .parse(
          JSON.parse(
            files.find(
              (f) =>
                f.key.endsWith('.json') &&
                f.key.includes('/statistiques/') &&
                !f.key.includes('schema') &&
                !f.key.includes('national'),
            )!.text,
          ),
        );
      const shown = new Set(
        real
          .filter(
            (d) => d.groupe === 1 && d.decision !== 'REMPLACEMENT' && d.decision !== 'ELIMINE',
          )
          .map((d) => d.numero),
      );
      expect(stats.lignes[0]?.presents).toBe(shown.size);
      expect(outcome.candidates).toBe(
        new Set(real.filter((d) => d.decision !== 'REMPLACEMENT').map((d) => d.numero)).size,
      );
    },
  );

  it(
    'opens for the pseudonymous candidates it offers to try, ' + 'and for no real candidate’s code',
    async () => {
      const base = `${cdn.url}${outcome.path}resultats`;
      const params = readParams(await (await fetch(`${base}/params.json`)).json())!;
      expect(params.scope).toMatch(/\|rehearsal$/);
      expect((await t.deps.lookupKeys.params(SESSION, 'lille'))?.salt).not.toBe(params.salt);
      expect(outcome.tryWith.length).toBeGreaterThan(0);
      for (const s of outcome.tryWith)
        expect(
          await lookupResult(s.numero, s.code, params, { baseUrl: base, fetch }),
        ).toMatchObject({
          found: true,
        });
      for (const numero of [...new Set(real.map((d) => d.numero))].slice(0, 15)) {
        const code = await codeOf(t.deps, SESSION, 'lille', numero);
        expect(await lookupResult(numero, code, params, { baseUrl: base, fetch })).toEqual({
          found: false,
        });
      }
    },
  );
});
