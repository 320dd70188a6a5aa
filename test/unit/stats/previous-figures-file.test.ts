import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  formatFileIssue,
  parsePreviousFiguresFile,
} from '../../../shared/stats/previous-figures-file.js';

const HEADER = 'academie;session;groupe;niveau;code;presents;admis;taux_reussite';
const parse = (...lines: string[]) =>
  parsePreviousFiguresFile(new TextEncoder().encode([HEADER, ...lines].join('\n')));

describe('previous figures file', () => {
  it(
    'reads counts and rates, canonicalises codes and groups rows by académie, session and ' +
      'groupe',
    () => {
      const r = parse(
        'amiens;2023-06;2;academie;amiens;20 099;17 900;89,1',
        'amiens;2023-06;2;specialite;BCP/boulangerie patisserie;;;75.5',
        'amiens;2023-06;1;voie;BTN;100;80;',
        'lille;2023-06;2;voie-departement;BCP/59;;;80',
      );
      expect(r).toEqual({
        ok: true,
        sets: [
          {
            academie: 'amiens',
            session: '2023-06',
            groupe: 2,
            source: 'import',
            rows: [
              {
                niveau: 'academie',
                code: 'amiens',
                presents: 20_099,
                admis: 17_900,
                tauxDixiemes: 891,
              },
              {
                niveau: 'specialite',
                code: 'BCP/Boulangerie-Pâtisserie',
                presents: null,
                admis: null,
                tauxDixiemes: 755,
              },
            ],
          },
          {
            academie: 'amiens',
            session: '2023-06',
            groupe: 1,
            source: 'import',
            rows: [{ niveau: 'voie', code: 'BTN', presents: 100, admis: 80, tauxDixiemes: 800 }],
          },
          {
            academie: 'lille',
            session: '2023-06',
            groupe: 2,
            source: 'import',
            rows: [
              {
                niveau: 'voie-departement',
                code: 'BCP/59',
                presents: null,
                admis: null,
                tauxDixiemes: 800,
              },
            ],
          },
        ],
      });
    },
  );

  it('accepts a BOM, CRLF, columns in any order, and Windows-1252', () => {
    const text =
      '\ufeffcode;niveau;academie;session;groupe;presents;admis;taux_reussite\r\n' +
      'BCG/S;serie;aix-marseille;2020-06;2;;;95,2\r\n';
    const r = parsePreviousFiguresFile(new TextEncoder().encode(text));
    expect(r.ok && r.sets[0]!.rows).toEqual([
      { niveau: 'serie', code: 'BCG/S', presents: null, admis: null, tauxDixiemes: 952 },
    ]);
    const cp1252 = iconv.encode(
      `${HEADER}\nnice;2023-06;2;specialite;BCP/Métiers de la sécurité;;;88,0\n`,
      'windows-1252',
    );
    const w = parsePreviousFiguresFile(cp1252);
    expect(w.ok && w.sets[0]!.rows[0]!.code).toBe('BCP/Métiers de la sécurité');
  });

  it('reports every error with line, column and rule', () => {
    const r = parse(
      'amiens;2023-6;2;voie;BCG;10;9;',
      'amiens;2023-06;2;serie;BCG/S;;;90',
      'amiens;2023-06;2;academie;amiens;10;;',
      'amiens;2023-06;2;voie;BTN;;;101',
      'amiens;2023-06;2;voie;BTN;;;88',
      'amiens;2023-06;2;voie;BTN;;;88',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => formatFileIssue('f.csv', i))).toEqual([
      'f.csv:2:2 column session "2023-6": session must be YYYY-MM [session-invalid]',
      'f.csv:3:5 column code "BCG/S": série must be BTN/<STMG|ST2S|STHR|STI2D|STD2A|STL|S2TMD> ' +
        '[code-invalid]',
      'f.csv:4:7 column admis "": give both presents and admis, or neither [admis-invalid]',
      'f.csv:5:8 column taux_reussite "101": a percentage from 0 to 100 with at most one ' +
        'decimal [taux_reussite-invalid]',
      'f.csv:7:5 column code "BTN": same académie, session, groupe, niveau and code as line 6 ' +
        '[duplicate]',
    ]);
  });

  it('rejects a wrong header and an empty file', () => {
    const r = parsePreviousFiguresFile(
      new TextEncoder().encode('academie;session;groupe;niveau;code;presents;admis;taux\n'),
    );
    expect(!r.ok && r.issues[0]!.rule).toMatch(/missing taux_reussite; unknown taux/);
    const e = parsePreviousFiguresFile(new Uint8Array());
    expect(!e.ok && e.issues[0]!.code).toBe('empty-file');
  });
});
