// Acceptance: présents by département and by série/spécialité, from a
// fixture matching the Aix-Marseille 2020 press kit, equal its tables.
import { describe, expect, it } from 'vitest';
import { EFFECTIFS_AIX_MARSEILLE_2020 as E } from '../../../shared/domain/reference/exams.js';
import { academieStatistics } from '../../../shared/stats/statistics.js';
import { aixMarseille2020Decisions } from '../../fixtures/stats/aix-marseille-2020.fixture.js';

describe('Aix-Marseille 2020 effectifs (press kit)', () => {
  const stats = academieStatistics({
    academie: 'aix-marseille',
    session: '2020-06',
    groupe: 1,
    decisions: aixMarseille2020Decisions(),
  });
  const presents = (niveau: string, code: string) =>
    stats.lines.find((l) => l.niveau === niveau && l.code === code)?.counts.presents ?? 0;

  it('présents by département and voie', () => {
    for (const [dep, v] of Object.entries(E.parDepartement)) {
      expect({
        dep,
        BCG: presents('voie-departement', `BCG/${dep}`),
        BTN: presents('voie-departement', `BTN/${dep}`),
        BCP: presents('voie-departement', `BCP/${dep}`),
      }).toEqual({ dep, ...v });
      expect(presents('departement', dep)).toBe(v.BCG + v.BTN + v.BCP);
    }
    expect(presents('academie', 'aix-marseille')).toBe(32_199);
    expect([presents('voie', 'BCG') + presents('voie', 'BTN'), presents('voie', 'BCP')]).toEqual([
      24_402, 7_797,
    ]);
  });

  it('présents by série of the général and technological bacs, before the 2021 reform', () => {
    for (const [serie, n] of Object.entries(E.bcgParSerie))
      expect([serie, presents('serie', `BCG/${serie}`)]).toEqual([serie, n]);
    for (const [serie, n] of Object.entries(E.btnParSerie))
      expect([serie, presents('serie', `BTN/${serie}`)]).toEqual([serie, n]);
  });

  it('présents by spécialité of the professional bac, and by domain', () => {
    for (const [name, n] of Object.entries(E.bcpParSpecialite))
      expect([name, presents('specialite', `BCP/${name}`)]).toEqual([name, n]);
    expect(presents('domaine', 'BCP/Production') + presents('domaine', 'BCP/Services')).toBe(7_797);
  });

  it('the établissement table uses the pre-2021 filières of the open dataset', () => {
    const e = stats.etablissements.find((x) => x.filieres.s);
    expect(e).toBeDefined();
    expect(
      Object.keys(e!.filieres).every((k) =>
        [
          'l',
          'es',
          's',
          'stmg',
          'st2s',
          'sthr',
          'sti2d',
          'std2a',
          'stl',
          's2tmd',
          'production',
          'services',
        ].includes(k),
      ),
    ).toBe(true);
    expect(stats.etablissements.reduce((s, x) => s + x.total.presents, 0)).toBe(32_199);
  });
});
