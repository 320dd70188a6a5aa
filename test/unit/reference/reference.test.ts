import { describe, expect, it } from 'vitest';
import { ACADEMIES, findAcademie } from '../../../shared/domain/reference/academies.js';
import { departementName } from '../../../shared/domain/reference/departements.js';
import { canonicalSerie, EFFECTIFS_AIX_MARSEILLE_2020, findSpecialite, SPECIALITES_BCP } from '../../../shared/domain/reference/exams.js';
import { isValidUai, uaiCheckLetter } from '../../../shared/domain/reference/uai.js';

describe('académies', () => {
  it('counts 30 académies and 4 overseas vice-rectorats or services', () => {
    expect(ACADEMIES).toHaveLength(34);
    expect(findAcademie('aix-marseille')?.departements).toEqual(['04', '05', '13', '84']);
    expect(findAcademie('amiens')?.departements).toEqual(['02', '60', '80']);
    expect(findAcademie('caen')).toBeUndefined(); // merged into Normandie in 2020
  });

  it('puts each of the 96 metropolitan départements, and each overseas one, in exactly one académie', () => {
    const all = ACADEMIES.flatMap((a) => a.departements);
    expect(new Set(all).size).toBe(all.length);
    const metropolitan = all.filter((d) => d.length === 2);
    expect(metropolitan).toHaveLength(96);
    for (const d of all) expect(departementName(d), d).toBeTruthy();
  });

  it('uses valid IANA time zones, Europe/Paris for the metropole', () => {
    for (const a of ACADEMIES) {
      expect(() => new Intl.DateTimeFormat('fr', { timeZone: a.timeZone })).not.toThrow();
      expect(a.overseas || a.timeZone === 'Europe/Paris').toBe(true);
    }
    expect(findAcademie('guyane')?.timeZone).toBe('America/Cayenne');
    expect(findAcademie('nouvelle-caledonie')?.timeZone).toBe('Pacific/Noumea');
  });
});

describe('séries and spécialités', () => {
  it('matches spécialités ignoring case, accents and punctuation', () => {
    expect(findSpecialite('BOULANGERIE PATISSERIE')?.name).toBe('Boulangerie-Patisserie');
    expect(findSpecialite('metiers de la securite')).toEqual({ name: 'Métiers de la sécurité', domaine: 'Services' });
    expect(findSpecialite('Méiers de l’électricité et environnement connecté')?.name).toBe('Métiers de l’électricité et environnement connecté');
    expect(findSpecialite('Boulangerie spatiale')).toBeUndefined();
  });

  it('covers every spécialité of the press kit table with its count, in two domains', () => {
    expect(Object.keys(EFFECTIFS_AIX_MARSEILLE_2020.bcpParSpecialite).sort()).toEqual(SPECIALITES_BCP.map((s) => s.name).sort());
    const total = Object.values(EFFECTIFS_AIX_MARSEILLE_2020.bcpParSpecialite).reduce((a, b) => a + b, 0);
    expect(total).toBe(7_797); // "TOTAL Baccalauréat professionnel"
    expect(new Set(SPECIALITES_BCP.map((s) => s.domaine))).toEqual(new Set(['Production', 'Services']));
  });

  it('agrees with the press kit totals by voie', () => {
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    expect(sum(EFFECTIFS_AIX_MARSEILLE_2020.bcgParSerie)).toBe(17_508);
    expect(sum(EFFECTIFS_AIX_MARSEILLE_2020.btnParSerie)).toBe(6_894);
  });

  it.each([
    ['BCG', '', '2024-06', { ok: true, serie: null }],
    ['BCG', 's', '2020-06', { ok: true, serie: 'S' }],
    ['BTN', 'stmg', '2024-06', { ok: true, serie: 'STMG' }],
    ['BTN', 'TMD', '2019-06', { ok: true, serie: 'S2TMD' }],
    ['BCP', 'cuisine', '2024-06', { ok: true, serie: 'Cuisine' }],
  ] as const)('%s "%s" in %s is canonical', (examen, serie, session, expected) => {
    expect(canonicalSerie(examen, serie, session)).toEqual(expected);
  });

  it.each([
    ['BCG', 'S', '2024-06', /empty for the général bac since 2021/],
    ['BCG', '', '2020-06', /ES, L or S/],
    ['BTN', 'STX', '2024-06', /unknown série/],
    ['BTN', '', '2024-06', /required/],
    ['BCP', 'Boulangerie spatiale', '2024-06', /unknown spécialité/],
  ] as const)('%s "%s" in %s is refused', (examen, serie, session, rule) => {
    const r = canonicalSerie(examen, serie, session);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.rule).toMatch(rule);
  });
});

describe('UAI', () => {
  it.each(['0130040Y', '0840004Y', '0040010P', '0750001U', '9740001H'])('accepts %s', (uai) => expect(isValidUai(uai)).toBe(true));
  it.each(['0130040Z', '0130040y', '013004Y', '01300400Y', 'A130040Y', ''])('refuses %s', (uai) => expect(isValidUai(uai)).toBe(false));
  it('skips I, O and Q in the check letters', () => {
    const letters = new Set(Array.from({ length: 23 }, (_, i) => uaiCheckLetter(String(i).padStart(7, '0'))));
    expect(letters.size).toBe(23);
    for (const l of ['I', 'O', 'Q']) expect(letters.has(l)).toBe(false);
  });
});
