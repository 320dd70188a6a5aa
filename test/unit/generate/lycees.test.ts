import { describe, expect, it } from 'vitest';
import { ACADEMIES } from '../../../shared/domain/reference/academies.js';
import { isValidUai } from '../../../shared/domain/reference/uai.js';
import { generateFirstGroup } from '../../../shared/generate/decisions.generator.js';
import { lyceesOf, uaiPrefix } from '../../../shared/generate/lycees.js';

describe('lyceesOf', () => {
  it('gives every académie valid, unique UAIs in its départements, each voie in each', () => {
    for (const a of ACADEMIES) {
      const lycees = lyceesOf(a.slug);
      expect(new Set(lycees.map((l) => l.uai)).size, a.slug).toBe(lycees.length);
      for (const l of lycees) {
        expect(isValidUai(l.uai), l.uai).toBe(true);
        expect(l.uai.startsWith(uaiPrefix(l.departement)), l.uai).toBe(true);
        expect(l.nom).toMatch(/^Lycée( polyvalent| professionnel)? \S/);
        expect(l.jury).toMatch(new RegExp(`^J${uaiPrefix(l.departement)}-\\d{2,}$`));
      }
      for (const d of a.departements) {
        for (const voie of ['BCG', 'BTN', 'BCP'] as const) {
          expect(
            lycees.some((l) => l.departement === d && l.voies.includes(voie)),
            `${a.slug} ${d} ${voie}`,
          ).toBe(true);
        }
      }
    }
  });

  it('maps Corse to 620/720 and overseas to their 3-digit codes', () => {
    expect(uaiPrefix('2A')).toBe('620');
    expect(uaiPrefix('2B')).toBe('720');
    expect(uaiPrefix('4')).toBe('004');
    expect(lyceesOf('guadeloupe').every((l) => l.uai.startsWith('971'))).toBe(true);
  });

  it('has a realistic number of lycées: about one per 170 candidates', () => {
    const aix = lyceesOf('aix-marseille');
    expect(aix.length).toBeGreaterThan(150);
    expect(aix.length).toBeLessThan(220);
    expect(aix.filter((l) => l.departement === '13').length).toBeGreaterThan(
      aix.filter((l) => l.departement === '84').length * 2,
    );
    const national = ACADEMIES.reduce((n, a) => n + lyceesOf(a.slug).length, 0);
    expect(national).toBeGreaterThan(3_500);
    expect(national).toBeLessThan(5_000);
  });

  it('is stable for a seed, whatever the number of candidates, and is what the rows use', () => {
    expect(lyceesOf('nantes', 4)).toEqual(lyceesOf('nantes', 4));
    expect(lyceesOf('nantes', 4)).not.toEqual(lyceesOf('nantes', 5));
    const byUai = new Map(lyceesOf('nantes', 4).map((l) => [l.uai, l]));
    for (const candidates of [50, 5_000]) {
      for (const r of generateFirstGroup({
        academie: 'nantes',
        session: '2024-06',
        candidates,
        seed: 4,
      })) {
        const l = byUai.get(r.uai);
        expect(
          l &&
            l.departement === r.departement &&
            l.jury === r.jury &&
            l.voies.includes(r.examen as 'BCG'),
        ).toBe(true);
      }
    }
  });
});
