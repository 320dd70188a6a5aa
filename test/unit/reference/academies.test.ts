import { describe, expect, it } from 'vitest';
import { ACADEMIES, findAcademie } from '../../../shared/domain/reference/academies.js';
import { departementName } from '../../../shared/domain/reference/departements.js';

/** 01-95 without 20, plus Corse's 2A and 2B: the 96 metropolitan départements. */
const METROPOLITAN = [
  ...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((d) => d !== '20'),
  '2A',
  '2B',
];
const OVERSEAS = ['971', '972', '973', '974', '975', '976', '986', '987', '988'];

describe('académies', () => {
  it('lists the 30 académies and the 4 overseas vice-rectorats or services', () => {
    expect(ACADEMIES).toHaveLength(34);
    expect(ACADEMIES.filter((a) => !a.overseas)).toHaveLength(25);
    expect(new Set(ACADEMIES.map((a) => a.slug)).size).toBe(34);
  });

  it('has no Caen or Rouen since their 2020 merger into Normandie', () => {
    expect(findAcademie('caen')).toBeUndefined();
    expect(findAcademie('rouen')).toBeUndefined();
    expect(findAcademie('normandie')?.departements).toEqual(['14', '27', '50', '61', '76']);
  });

  it.each([
    ['aix-marseille', 'Aix-Marseille', ['04', '05', '13', '84']],
    ['amiens', 'Amiens', ['02', '60', '80']],
    ['paris', 'Paris', ['75']],
    ['creteil', 'Créteil', ['77', '93', '94']],
    ['versailles', 'Versailles', ['78', '91', '92', '95']],
    ['corse', 'Corse', ['2A', '2B']],
    ['la-reunion', 'La Réunion', ['974']],
    ['mayotte', 'Mayotte', ['976']],
    ['nouvelle-caledonie', 'Nouvelle-Calédonie', ['988']],
  ])('%s is "%s" with départements %j', (slug, name, departements) => {
    expect(findAcademie(slug)).toMatchObject({ name, departements });
  });

  it('uses lower-case ASCII kebab slugs', () => {
    for (const a of ACADEMIES) expect(a.slug).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(findAcademie('Aix-Marseille')).toBeUndefined();
  });

  it('puts each metropolitan (96) and overseas département in exactly one académie', () => {
    const all = ACADEMIES.flatMap((a) => a.departements);
    expect([...all].sort()).toEqual([...METROPOLITAN, ...OVERSEAS].sort());
  });

  it('marks overseas exactly the académies outside the metropole', () => {
    for (const a of ACADEMIES)
      expect(a.overseas, a.slug).toBe(a.departements.every((d) => OVERSEAS.includes(d)));
  });

  it('names every département it uses', () => {
    for (const d of ACADEMIES.flatMap((a) => a.departements))
      expect(departementName(d), d).toBeTruthy();
  });

  it('uses valid IANA time zones, Europe/Paris for the metropole and Corse', () => {
    for (const a of ACADEMIES) {
      expect(() => new Intl.DateTimeFormat('fr', { timeZone: a.timeZone }), a.slug).not.toThrow();
      expect(a.timeZone === 'Europe/Paris', a.slug).toBe(!a.overseas);
    }
  });

  it.each([
    ['guadeloupe', 'America/Guadeloupe'],
    ['martinique', 'America/Martinique'],
    ['guyane', 'America/Cayenne'],
    ['la-reunion', 'Indian/Reunion'],
    ['mayotte', 'Indian/Mayotte'],
    ['nouvelle-caledonie', 'Pacific/Noumea'],
    ['polynesie-francaise', 'Pacific/Tahiti'],
    ['wallis-et-futuna', 'Pacific/Wallis'],
    ['saint-pierre-et-miquelon', 'America/Miquelon'],
  ])('%s publishes on %s time', (slug, timeZone) => {
    expect(findAcademie(slug)?.timeZone).toBe(timeZone);
  });

  it('gives each overseas zone its own UTC offset on results day, not Paris time', () => {
    const resultsDay = Date.UTC(2024, 6, 4, 8, 0); // 10:00 in Paris
    const hour = (timeZone: string) =>
      new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(
        resultsDay,
      );
    expect(hour(findAcademie('aix-marseille')!.timeZone)).toBe('10');
    expect(hour(findAcademie('la-reunion')!.timeZone)).toBe('12');
    expect(hour(findAcademie('guadeloupe')!.timeZone)).toBe('04');
    expect(hour(findAcademie('nouvelle-caledonie')!.timeZone)).toBe('19');
  });
});
