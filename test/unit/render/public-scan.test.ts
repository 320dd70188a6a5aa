// Acceptance of the withholding issue: no public file of a release names,
// numbers or dates a withheld or non-consenting candidate. Every file is
// scanned as text; spreadsheets are opened and every cell read.
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../shared/domain/decision.schema.js';
import { renderRelease, type Release } from '../../../shared/render/release.js';
import { decision as d, fakeRoot, releaseParams } from './fixtures.js';

const UAIS = ['0130001A', '0130002B', '0840003C'];

/** Everything a reader of the file could see: its text, or every cell of a workbook. */
async function visibleText(file: Release['files'][number]): Promise<string> {
  if (!file.path.endsWith('.xlsx')) return new TextDecoder().decode(file.body);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.body) as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(cell.text);
      });
    });
  });
  return cells.join('\n');
}

/**
 * What would identify a candidate: name, first names, number, birth date as the files could write
 * it.
 */
function traces(c: Decision): string[] {
  const [y, m, day] = c.dateNaissance.split('-');
  return [c.nom, c.prenoms, c.numero, c.dateNaissance, `${day}/${m}/${y}`];
}

describe('public files of a release', () => {
  it(
    'never show a withheld or non-consenting candidate (shards hold only sealed ' + 'entries)',
    async () => {
      const hidden = fc.record({
        kind: fc.constantFrom('withheld', 'no-consent', 'remplacement'),
        decision: fc.constantFrom('ADMIS', 'AJOURNE', 'SECOND_GROUPE', 'ELIMINE'),
        mention: fc.constantFrom(null, 'AB', 'B', 'TB'),
        uai: fc.constantFrom(...UAIS),
        day: fc.integer({ min: 10, max: 28 }),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.array(hidden, { minLength: 1, maxLength: 8 }),
          fc.constantFrom(1 as const, 2 as const),
          async (hiddenOnes, groupe) => {
            // Distinctive strings: a match can only be a leak, never a coincidence with another
            // candidate.
            const secret = hiddenOnes.map((h, i) =>
              d({
                numero: `W${String(i).padStart(6, '0')}Q`,
                nom: `ZQXNOM${'ABCDEFGH'[i]}`,
                prenoms: `Wyxprenom${'abcdefgh'[i]}`,
                dateNaissance: `1999-11-${h.day}`,
                uai: h.uai,
                decision: h.kind === 'remplacement' ? 'REMPLACEMENT' : h.decision,
                mention: h.decision === 'ADMIS' ? h.mention : null,
                moyenne: null,
                accordPublication: h.kind !== 'no-consent',
              }),
            );
            const visible = UAIS.map((uai, i) =>
              d({ numero: `V${i}0000001`, nom: 'MARTIN', uai, decision: 'ADMIS' }),
            );
            const withheld = new Set(
              secret.filter((_, i) => hiddenOnes[i]!.kind === 'withheld').map((s) => s.numero),
            );
            const release = await renderRelease({
              academie: 'aix-marseille',
              session: '2024-06',
              groupe,
              decisions: [...visible, ...secret],
              withheld,
              lookup: { params: releaseParams(groupe), root: fakeRoot },
            });
            // Non-consenting candidates keep their private lookup (a sealed entry), and nothing
            // else.
            for (const file of release.files) {
              const content = await visibleText(file);
              for (const s of secret)
                for (const trace of traces(s))
                  expect(content.includes(trace), `${trace} in ${file.path}`).toBe(false);
            }
            expect(
              release.files.some(
                (f) =>
                  f.path.endsWith('.html') && new TextDecoder().decode(f.body).includes('MARTIN'),
              ),
            ).toBe(true);
          },
        ),
        { numRuns: 25 },
      );
    },
  );
});
