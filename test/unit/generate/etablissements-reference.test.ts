import { describe, expect, it } from 'vitest';
import { COMMUNES } from '../../../shared/generate/communes.js';
import { generateFirstGroup } from '../../../shared/generate/decisions.generator.js';
import {
  etablissementsCsv,
  etablissementsReferenceOf,
  lyceesOf,
} from '../../../shared/generate/lycees.js';
import { ACADEMIES } from '../../../shared/domain/reference/academies.js';
import {
  departementOfUai,
  parseEtablissements,
} from '../../../shared/domain/reference/etablissements.js';

describe('the synthetic établissements reference', () => {
  it('names every UAI of the generated decisions, with a commune of its département', () => {
    const rows = [
      ...generateFirstGroup({ academie: 'martinique', session: '2024-06', candidates: 400 }),
    ];
    const reference = new Map(etablissementsReferenceOf('martinique').map((e) => [e.uai, e]));
    for (const r of rows) {
      const e = reference.get(r.uai);
      expect(e, r.uai).toBeDefined();
      expect(COMMUNES[r.departement]).toContain(e!.commune);
    }
    expect(reference.size).toBe(lyceesOf('martinique').length);
  });

  it('places every lycée in a commune of its département, never beside a namesake', () => {
    for (const a of ACADEMIES) {
      const reference = etablissementsReferenceOf(a.slug);
      for (const e of reference)
        expect(COMMUNES[departementOfUai(e.uai)], `${a.slug} ${e.uai}`).toContain(e.commune);
      // "Lycée Aimé Césaire" may appear three times, each time in another town.
      const places = new Set(reference.map((e) => `${e.libelle}|${e.commune}`));
      expect(places.size, a.slug).toBe(reference.length);
    }
  });

  it('is written as a uai;libelle;commune file the reader takes back unchanged', () => {
    const rows = etablissementsReferenceOf('rennes');
    const parsed = parseEtablissements(etablissementsCsv(rows), 'rennes.csv');
    expect(parsed.ok && [...parsed.reference.values()]).toEqual(rows);
  });

  it('is the same for the same seed, and does not move the generated lycées', () => {
    expect(etablissementsReferenceOf('lille', 7)).toEqual(etablissementsReferenceOf('lille', 7));
    expect(etablissementsReferenceOf('lille', 7).map((e) => e.uai)).toEqual(
      lyceesOf('lille', 7).map((l) => l.uai),
    );
  });
});
