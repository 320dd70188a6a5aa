import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  readEtablissements,
  readEtablissementsReference,
} from '../../../shared/publication/etablissements-file.js';

async function file(content: string | Buffer): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'etab-')), 'etablissements.csv');
  await writeFile(path, content);
  return path;
}

describe('readEtablissements', () => {
  it('reads uai;libelle with a BOM, upper-casing the UAI', async () => {
    const names = await readEtablissements(
      await file('\uFEFFuai;libelle\n0130001f;Lycée Thiers\n0060001U;"Lycée Masséna; Nice"\n'),
    );
    expect([...names]).toEqual([
      ['0130001F', 'Lycée Thiers'],
      ['0060001U', 'Lycée Masséna; Nice'],
    ]);
  });

  it('refuses the file whole, naming every bad line and column', async () => {
    const path = await file(
      'uai;libelle\n0130001B;Mauvaise ' +
        'lettre\n0130001F;\n0130001F;Thiers\n0130001F;Encore\n0130002;x;y\n',
    );
    await expect(readEtablissements(path)).rejects.toThrow(
      [
        'etablissements.csv refused, nothing used:',
        'etablissements.csv:2:1: "0130001B" is not a valid UAI (7 digits and the check letter)',
        'etablissements.csv:3:2: the name is empty',
        'etablissements.csv:5:1: UAI 0130001F appears twice',
        'etablissements.csv:6:1: expected 2 columns, found 3',
      ].join('\n'),
    );
  });

  it('reads uai;libelle;commune, the reference the lists show', async () => {
    const ref = await readEtablissementsReference(
      await file(
        'uai;libelle;commune\n9720007a;Lycée Aimé Césaire;Fort-de-France\n' +
          '9710001Z;"Lycée Aimé Césaire";Les Abymes\n',
      ),
    );
    expect([...ref.values()]).toEqual([
      { uai: '9720007A', libelle: 'Lycée Aimé Césaire', commune: 'Fort-de-France' },
      { uai: '9710001Z', libelle: 'Lycée Aimé Césaire', commune: 'Les Abymes' },
    ]);
  });

  it('refuses an empty commune or a missing column, naming line and column', async () => {
    const path = await file(
      'uai;libelle;commune\n0130001F;Lycée Thiers; \n0060001U;Lycée Masséna\n' +
        '0130001B;;Marseille\n',
    );
    await expect(readEtablissementsReference(path)).rejects.toThrow(
      [
        'etablissements.csv refused, nothing used:',
        'etablissements.csv:2:3: the commune is empty',
        'etablissements.csv:3:1: expected 3 columns, found 2',
        'etablissements.csv:4:1: "0130001B" is not a valid UAI (7 digits and the check letter)',
        'etablissements.csv:4:2: the name is empty',
      ].join('\n'),
    );
  });

  it('refuses a wrong header and text that is not UTF-8', async () => {
    await expect(readEtablissements(await file('code;nom\n0130001A;Thiers\n'))).rejects.toThrow(
      'etablissements.csv:1:1: the header must be "uai;libelle;commune"',
    );
    await expect(
      readEtablissements(await file(Buffer.from([0x75, 0x61, 0x69, 0x3b, 0xe9, 0x0a]))),
    ).rejects.toThrow('etablissements.csv: not UTF-8 text');
  });
});
