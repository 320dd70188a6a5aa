import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../shared/domain/decision.schema.js';
import { admis, tauxReussite } from '../../../shared/stats/counts.js';
import {
  academieStatistics,
  figuresFromDecisions,
  nationalStatistics,
} from '../../../shared/stats/statistics.js';
import type { PreviousFigures } from '../../../shared/stats/previous-figures.js';

let n = 0;
function d(over: Partial<Decision> = {}): Decision {
  return {
    session: '2024-06',
    academie: 'amiens',
    numero: `24${String(++n).padStart(7, '0')}`,
    nom: 'MARTIN',
    prenoms: 'Léa',
    dateNaissance: '2006-03-12',
    uai: '0020001J',
    departement: '02',
    examen: 'BTN',
    serie: 'STMG',
    groupe: 1,
    decision: 'ADMIS',
    mention: null,
    moyenne: 11,
    accordPublication: true,
    jury: 'J1',
    deliberation: '2024-07-05T08:00:00.000Z',
    ...over,
  };
}
const line = (s: { lines: { niveau: string; code: string }[] }, niveau: string, code: string) =>
  s.lines.find((l) => l.niveau === niveau && l.code === code) as ReturnType<
    typeof academieStatistics
  >['lines'][number];

describe('aggregation', () => {
  const sg = d({ decision: 'SECOND_GROUPE', moyenne: 9 });
  const sg2 = d({ decision: 'SECOND_GROUPE', moyenne: 8.5 });
  const decisions = [
    d({ mention: 'TB', moyenne: 16.5 }),
    d({
      examen: 'BCG',
      serie: null,
      mention: 'TBF',
      moyenne: 18.2,
      departement: '80',
      uai: '0800001B',
    }),
    d({ decision: 'AJOURNE', moyenne: 6 }),
    sg,
    d({
      ...sg,
      groupe: 2,
      decision: 'ADMIS',
      moyenne: 10.4,
      deliberation: '2024-07-10T08:00:00.000Z',
    }),
    sg2,
    d({
      ...sg2,
      groupe: 2,
      decision: 'AJOURNE',
      moyenne: 9.2,
      deliberation: '2024-07-10T08:00:00.000Z',
    }),
    d({ decision: 'SECOND_GROUPE', moyenne: 9.9 }), // awaiting the oral
    d({ decision: 'ELIMINE', moyenne: null }),
    d({ decision: 'REMPLACEMENT', moyenne: null }),
    d({ examen: 'BCP', serie: 'Commerce', departement: '60', uai: '0600001C' }),
  ];

  it('counts présents, admis per group, invited, failed, éliminés and mentions (groupe 2)', () => {
    const s = academieStatistics({ academie: 'amiens', session: '2024-06', groupe: 2, decisions });
    const c = line(s, 'academie', 'amiens').counts;
    expect(c).toEqual({
      presents: 7,
      admisPremierGroupe: 3,
      invitesSecondGroupe: 3,
      admisSecondGroupe: 1,
      ajournes: 2,
      enAttente: 1,
      elimines: 1,
      mentions: { AB: 0, B: 0, TB: 1, TBF: 1 },
    });
    expect([admis(c), tauxReussite(c)]).toEqual([4, 571]);
    expect(line(s, 'serie', 'BTN/STMG').counts.presents).toBe(5);
    expect(line(s, 'domaine', 'BCP/Services').counts.presents).toBe(1);
    expect(line(s, 'specialite', 'BCP/Commerce').counts.presents).toBe(1);
    expect(line(s, 'voie-departement', 'BCG/80').counts.mentions.TBF).toBe(1);
  });

  it('ignores group-2 decisions in groupe 1: provisional figures after the first group', () => {
    const c = line(
      academieStatistics({ academie: 'amiens', session: '2024-06', groupe: 1, decisions }),
      'academie',
      'amiens',
    ).counts;
    expect([
      c.presents,
      c.admisPremierGroupe,
      c.admisSecondGroupe,
      c.enAttente,
      c.ajournes,
    ]).toEqual([7, 3, 0, 3, 1]);
  });

  it('takes the latest deliberation of a slot, whatever the input order', () => {
    const first = d({ decision: 'AJOURNE', moyenne: 7, deliberation: '2024-07-04T08:00:00.000Z' });
    const fix = d({
      ...first,
      decision: 'ADMIS',
      moyenne: 10.5,
      deliberation: '2024-07-05T09:00:00.000Z',
    });
    for (const order of [
      [first, fix],
      [fix, first],
    ]) {
      const c = line(
        academieStatistics({ academie: 'amiens', session: '2024-06', groupe: 1, decisions: order }),
        'academie',
        'amiens',
      ).counts;
      expect([c.presents, c.admisPremierGroupe, c.ajournes]).toEqual([1, 1, 0]);
    }
  });

  it(
    'lists the académie’s départements and the three voies even when empty, in the release ' +
      'order',
    () => {
      const s = academieStatistics({
        academie: 'amiens',
        session: '2024-06',
        groupe: 1,
        decisions: [],
      });
      expect(s.lines.map((l) => `${l.niveau}|${l.code}`)).toEqual([
        'academie|amiens',
        'departement|02',
        'departement|60',
        'departement|80',
        'voie|BCG',
        'voie|BTN',
        'voie|BCP',
      ]);
      expect(tauxReussite(s.lines[0]!.counts)).toBeNull();
    },
  );

  it('refuses decisions of another académie or session', () => {
    expect(() =>
      academieStatistics({
        academie: 'amiens',
        session: '2024-06',
        groupe: 1,
        decisions: [d({ academie: 'lille' })],
      }),
    ).toThrow(/belongs to lille/);
  });
});

describe('evolution', () => {
  const now = [...Array(9)]
    .map(() => d({ serie: 'STL' }))
    .concat([d({ serie: 'STL', decision: 'AJOURNE', moyenne: 5 }), d({ serie: 'S2TMD' })]);
  const base: PreviousFigures = {
    academie: 'amiens',
    session: '2023-06',
    groupe: 1,
    source: 'import',
    rows: [{ niveau: 'serie', code: 'BTN/STL', presents: null, admis: null, tauxDixiemes: 875 }],
  };

  it('is the difference of the published rates, in tenths of a point', () => {
    const s = academieStatistics({
      academie: 'amiens',
      session: '2024-06',
      groupe: 1,
      decisions: now,
      previous: base,
    });
    expect(line(s, 'serie', 'BTN/STL').evolution).toEqual({ kind: 'points', dixiemes: 900 - 875 });
    expect(s.previousSession).toBe('2023-06');
  });

  it('is "new" for a line the previous session did not have: never +100 points', () => {
    const s = academieStatistics({
      academie: 'amiens',
      session: '2024-06',
      groupe: 1,
      decisions: now,
      previous: base,
    });
    expect(line(s, 'serie', 'BTN/S2TMD').evolution).toEqual({ kind: 'new' });
    expect(line(s, 'serie', 'BTN/S2TMD').previous).toEqual({ kind: 'absent' });
  });

  it('is unavailable without any previous source', () => {
    const s = academieStatistics({
      academie: 'amiens',
      session: '2024-06',
      groupe: 1,
      decisions: now,
    });
    expect(s.lines.every((l) => l.evolution.kind === 'unavailable')).toBe(true);
    expect(s.previousSession).toBeNull();
  });

  it('can come from the previous session’s decisions', () => {
    const old = [
      d({ session: '2023-06', serie: 'STL' }),
      d({ session: '2023-06', serie: 'STL', decision: 'AJOURNE', moyenne: 4 }),
    ];
    const previous = figuresFromDecisions({
      academie: 'amiens',
      session: '2023-06',
      groupe: 1,
      decisions: old,
    });
    expect(previous.rows.find((r) => r.code === 'BTN/STL')).toEqual({
      niveau: 'serie',
      code: 'BTN/STL',
      presents: 2,
      admis: 1,
      tauxDixiemes: 500,
    });
    const s = academieStatistics({
      academie: 'amiens',
      session: '2024-06',
      groupe: 1,
      decisions: now,
      previous,
    });
    expect(line(s, 'serie', 'BTN/STL').evolution).toEqual({ kind: 'points', dixiemes: 400 });
  });

  it('refuses figures of another groupe', () => {
    expect(() =>
      academieStatistics({
        academie: 'amiens',
        session: '2024-06',
        groupe: 2,
        decisions: now,
        previous: base,
      }),
    ).toThrow(/groupe 1/);
  });
});

describe('national statistics', () => {
  const amiens = (previous?: PreviousFigures) =>
    academieStatistics({
      academie: 'amiens',
      session: '2024-06',
      groupe: 1,
      decisions: [d(), d({ decision: 'AJOURNE', moyenne: 6 })],
      ...(previous ? { previous } : {}),
    });
  const lille = (previous?: PreviousFigures) =>
    academieStatistics({
      academie: 'lille',
      session: '2024-06',
      groupe: 1,
      decisions: [d({ academie: 'lille', departement: '59', uai: '0590001A' })],
      ...(previous ? { previous } : {}),
    });
  const prev = (academie: string, presents: number, admitted: number): PreviousFigures => ({
    academie,
    session: '2023-06',
    groupe: 1,
    source: 'decisions',
    rows: [
      {
        niveau: 'academie',
        code: academie,
        presents,
        admis: admitted,
        tauxDixiemes: Math.round((admitted * 1000) / presents),
      },
    ],
  });

  it('sums the académies, in reference order, with a line per académie', () => {
    const s = nationalStatistics([lille(), amiens()]);
    expect(s.academies).toEqual(['amiens', 'lille']);
    const france = line(s, 'academie', 'france');
    expect([france.label, france.counts.presents, admis(france.counts)]).toEqual(['France', 3, 2]);
    expect(s.lines.filter((l) => l.niveau === 'academie').map((l) => l.label)).toEqual([
      'France',
      'Amiens',
      'Lille',
    ]);
    expect(line(s, 'voie', 'BTN').counts.presents).toBe(3);
  });

  it(
    'compares with the sum of the académies’ previous counts, only when every académie has ' +
      'one',
    () => {
      const both = nationalStatistics([amiens(prev('amiens', 4, 1)), lille(prev('lille', 4, 3))]);
      expect(line(both, 'academie', 'france').evolution).toEqual({
        kind: 'points',
        dixiemes: 667 - 500,
      });
      const one = nationalStatistics([amiens(prev('amiens', 4, 1)), lille()]);
      expect(line(one, 'academie', 'france').evolution).toEqual({ kind: 'unavailable' });
    },
  );
});
