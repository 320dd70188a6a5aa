import { describe, expect, it } from 'vitest';
import { departementName } from '../../../shared/domain/reference/departements.js';
import {
  canonicalSerie,
  EFFECTIFS_AIX_MARSEILLE_2020 as E,
  findSpecialite,
  LIBELLE_EXAMEN,
  SERIES_BCG_PRE2021,
  SERIES_BTN,
  SPECIALITES_BCP,
} from '../../../shared/domain/reference/exams.js';
import { findAcademie } from '../../../shared/domain/reference/academies.js';

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

describe('exams and séries', () => {
  it('names the three bacs in French', () => {
    expect(LIBELLE_EXAMEN).toEqual({
      BCG: 'Baccalauréat général',
      BTN: 'Baccalauréat technologique',
      BCP: 'Baccalauréat professionnel',
    });
  });

  it('lists the seven technological séries and the three pre-2021 général séries', () => {
    expect([...SERIES_BTN].sort()).toEqual([
      'S2TMD',
      'ST2S',
      'STD2A',
      'STHR',
      'STI2D',
      'STL',
      'STMG',
    ]);
    expect(SERIES_BCG_PRE2021).toEqual(['ES', 'L', 'S']);
  });
});

describe('spécialités of the professional bac', () => {
  it('keeps all 61 spécialités of the press kit table, each name once', () => {
    expect(SPECIALITES_BCP).toHaveLength(61);
    expect(new Set(SPECIALITES_BCP.map((s) => s.name)).size).toBe(61);
  });

  it('splits them between the Production and Services domains', () => {
    const count = (d: string) => SPECIALITES_BCP.filter((s) => s.domaine === d).length;
    expect(count('Production') + count('Services')).toBe(61);
    expect(count('Production')).toBe(41);
    expect(findSpecialite('Cuisine')?.domaine).toBe('Production');
    expect(findSpecialite('Gestion administration')?.domaine).toBe('Services');
    expect(findSpecialite('Maintenance des équipements industriels')?.domaine).toBe('Production');
    expect(findSpecialite('Vente (prospection, négociation, suivi de clientèle)')?.domaine).toBe(
      'Services',
    );
  });

  it('finds every spécialité by its own name and by a folded spelling of it', () => {
    for (const s of SPECIALITES_BCP) {
      expect(findSpecialite(s.name)).toBe(s);
      const typed = s.name
        .toUpperCase()
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .replace(/[’']/g, ' ');
      expect(findSpecialite(typed), typed).toBe(s);
    }
  });

  it.each([
    ['BOULANGERIE PATISSERIE', 'Boulangerie-Pâtisserie'],
    ['boulangerie-patisserie', 'Boulangerie-Pâtisserie'],
    ['metiers de la securite', 'Métiers de la sécurité'],
    ['  Gestion   administration ', 'Gestion administration'],
    ['ESTHETIQUE COSMETIQUE ET PARFUMERIE', 'Esthétique, cosmétique et parfumerie'],
    [
      'Technicien du froid et du conditionnement de l’air',
      "Technicien du froid et du conditionnement de l'air",
    ],
    [
      'Maintenance automobile Option : voitures particulières',
      'Maintenance automobile option : voitures particulières',
    ],
    [
      'Technicien  bâtiment option A études et économie',
      'Technicien bâtiment option A études et économie',
    ],
    [
      'technicien du batiment organisation realisation du gros oeuvre',
      'Technicien du bâtiment : organisation réalisation du gros œuvre',
    ],
  ])('finds "%s" as "%s"', (input, name) => {
    expect(findSpecialite(input)?.name).toBe(name);
  });

  it('accepts the press kit misspellings and answers the corrected name', () => {
    expect(findSpecialite('Méiers de l’électricité et environnement connecté')?.name).toBe(
      'Métiers de l’électricité et environnement connecté',
    );
    expect(findSpecialite('Aménagement option systèmes')).toEqual({
      name: 'Aéronautique option systèmes',
      domaine: 'Production',
    });
  });

  it.each(['Boulangerie spatiale', 'Commerc', '', 'Cuisine Cuisine'])(
    'knows no spécialité "%s"',
    (input) => {
      expect(findSpecialite(input)).toBeUndefined();
    },
  );
});

describe('canonicalSerie', () => {
  it.each([
    ['BCG', '', '2021-06', null],
    ['BCG', '  ', '2024-06', null],
    ['BCG', 'S', '2020-06', 'S'],
    ['BCG', 'es', '2019-06', 'ES'],
    ['BCG', ' l ', '2020-09', 'L'],
    ['BTN', 'stmg', '2024-06', 'STMG'],
    ['BTN', 'St2s', '2020-06', 'ST2S'],
    ['BTN', 'S2TMD', '2024-06', 'S2TMD'],
    ['BTN', 'TMD', '2019-06', 'S2TMD'],
    ['BCP', 'cuisine', '2024-06', 'Cuisine'],
    ['BCP', 'ACCUEIL RELATION CLIENTS USAGERS', '2020-06', 'Accueil relation clients usagers'],
    [
      'BCP',
      'Méiers de l’électricité et environnement connecté',
      '2020-06',
      'Métiers de l’électricité et environnement connecté',
    ],
  ] as const)('%s "%s" in %s is %s', (examen, serie, session, expected) => {
    expect(canonicalSerie(examen, serie, session)).toEqual({ ok: true, serie: expected });
  });

  it.each([
    ['BCG', 'S', '2021-06', 'série must be empty for the général bac since 2021 (got "S")'],
    ['BCG', 'STMG', '2024-06', 'série must be empty for the général bac since 2021 (got "STMG")'],
    ['BCG', '', '2020-06', 'série of the général bac before 2021 must be ES, L or S (got "")'],
    [
      'BCG',
      'SES',
      '2019-06',
      'série of the général bac before 2021 must be ES, L or S (got "SES")',
    ],
    ['BTN', '', '2024-06', 'série is required for the technological bac'],
    [
      'BTN',
      'STX',
      '2024-06',
      'unknown série of the technological bac: "STX" (STMG, ST2S, STHR, STI2D, STD2A, STL, S2TMD)',
    ],
    [
      'BTN',
      'S',
      '2020-06',
      'unknown série of the technological bac: "S" (STMG, ST2S, STHR, STI2D, STD2A, STL, S2TMD)',
    ],
    ['BCP', '', '2024-06', 'spécialité is required for the professional bac (série column)'],
    [
      'BCP',
      'Boulangerie spatiale',
      '2024-06',
      'unknown spécialité of the professional bac: "Boulangerie spatiale"',
    ],
    ['BCP', 'STMG', '2024-06', 'unknown spécialité of the professional bac: "STMG"'],
  ] as const)('%s "%s" in %s is refused', (examen, serie, session, rule) => {
    expect(canonicalSerie(examen, serie, session)).toEqual({ ok: false, rule });
  });
});

describe('Aix-Marseille 2020 effectifs', () => {
  it('gives the four départements of the académie with the press kit totals per voie', () => {
    expect(Object.keys(E.parDepartement).sort()).toEqual(
      [...findAcademie('aix-marseille')!.departements].sort(),
    );
    const voie = (v: 'BCG' | 'BTN' | 'BCP') =>
      Object.values(E.parDepartement).reduce((a, d) => a + d[v], 0);
    expect([voie('BCG'), voie('BTN'), voie('BCP')]).toEqual([17_508, 6_894, 7_797]);
    // "32 199 candidats inscrits aux épreuves terminales"
    expect(voie('BCG') + voie('BTN') + voie('BCP')).toBe(32_199);
    expect(E.parDepartement['13']).toEqual({ BCG: 12_392, BTN: 4_831, BCP: 5_482 });
    expect(departementName('13')).toBe('Bouches-du-Rhône');
  });

  it('agrees with the totals of the série tables', () => {
    expect(sum(E.bcgParSerie)).toBe(17_508);
    expect(sum(E.btnParSerie)).toBe(6_894);
    expect(sum(E.bcpParSpecialite)).toBe(7_797); // "TOTAL Baccalauréat professionnel"
  });

  it('keys every count by a canonical série or spécialité, so generated rows validate', () => {
    expect(Object.keys(E.bcgParSerie).sort()).toEqual([...SERIES_BCG_PRE2021].sort());
    expect(Object.keys(E.btnParSerie).sort()).toEqual([...SERIES_BTN].sort());
    expect(Object.keys(E.bcpParSpecialite).sort()).toEqual(
      SPECIALITES_BCP.map((s) => s.name).sort(),
    );
    for (const name of Object.keys(E.bcpParSpecialite))
      expect(canonicalSerie('BCP', name, '2020-06')).toEqual({ ok: true, serie: name });
  });

  it.each([
    ['Gestion administration', 1_367],
    ['Commerce', 814],
    ['Métiers de l’électricité et environnement connecté', 535],
    ['Aéronautique option systèmes', 48],
    ['Pilote de ligne de production', 10],
    ['Etude et réalisation d’agencement', 5],
  ])('counts %s: %d inscrits', (name, n) => {
    expect(E.bcpParSpecialite[name]).toBe(n);
  });

  it('counts the BTN séries, with no S2TMD candidate in 2020', () => {
    expect(E.btnParSerie).toMatchObject({ STMG: 3_555, STI2D: 1_548, STHR: 86, S2TMD: 0 });
  });
});
