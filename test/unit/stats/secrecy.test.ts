// Statistical secrecy, by example: the cases the review and the design
// name, the threshold, and what no établissement-level secrecy can hide.
import { describe, expect, it } from 'vitest';
import { recomputableCells } from '../../../shared/stats/secrecy-audit.js';
import { secrecyModel } from '../../../shared/stats/secrecy-model.js';
import { withSecrecy } from '../../../shared/stats/secrecy.js';
import { etablissement, secretState } from '../../fixtures/stats/secrecy-academies.js';

const S = '2024-06';
const lycee = (uai: string, presents: Record<string, number>, departement = '02') =>
  etablissement(uai, departement, S, presents);

describe('statistical secrecy', () => {
  it(
    'hides a small STD2A cell and, since the série line would give it back, the next STD2A ' +
      'cell too',
    () => {
      const [a, b, c] = withSecrecy(
        [
          lycee('A', { gnle: 200, stmg: 60, std2a: 2 }),
          lycee('B', { gnle: 150, stmg: 45, std2a: 24, sti2d: 30 }),
          lycee('C', { gnle: 300 }),
        ],
        S,
        10,
      );
      // A's technological voie would give its STD2A back: its other série is hidden too.
      expect(a!.secret.filieres).toEqual({ std2a: 'primaire', stmg: 'secondaire' });
      // B's STD2A and STMG partner A's along the série lines (STI2D, though smaller, would leave
      // its
      // own line a lone secret).
      expect(b!.secret.filieres).toEqual({ std2a: 'secondaire', stmg: 'secondaire' });
      expect([a!.secret.total, b!.secret.total, c!.secret]).toEqual([
        null,
        null,
        { total: null, voies: {}, filieres: {} },
      ]);
    },
  );

  it('hides a small établissement total, and the smallest other total of its département', () => {
    const lines = withSecrecy(
      [
        lycee('A', { gnle: 6 }),
        lycee('B', { gnle: 40 }),
        lycee('C', { gnle: 200 }),
        lycee('D', { gnle: 15 }, '60'),
        lycee('E', { gnle: 12 }, '60'),
      ],
      S,
      10,
    );
    expect(lines.map((e) => e.secret.total)).toEqual(['primaire', 'secondaire', null, null, null]);
    // A voie or filière equal to a secret total is secret with it.
    expect([lines[1]!.secret.voies.BCG, lines[1]!.secret.filieres.gnle]).toEqual([
      'secondaire',
      'secondaire',
    ]);
  });

  it('publishes empty cells as they are and hides nothing at or above the threshold', () => {
    const lines = withSecrecy([lycee('A', { gnle: 10, stmg: 0 }), lycee('B', { gnle: 11 })], S, 10);
    expect(lines.map((e) => e.secret)).toEqual([
      { total: null, voies: {}, filieres: {} },
      { total: null, voies: {}, filieres: {} },
    ]);
  });

  it('takes its threshold from the statistics input, and refuses a meaningless one', () => {
    const etabs = [lycee('A', { gnle: 7 }), lycee('B', { gnle: 40 })];
    expect(withSecrecy(etabs, S, 5).map((e) => e.secret.total)).toEqual([null, null]);
    expect(withSecrecy(etabs, S, 8).map((e) => e.secret.total)).toEqual(['primaire', 'secondaire']);
    expect(() => withSecrecy(etabs, S, 0)).toThrow();
    expect(() => withSecrecy(etabs, S, 2.5)).toThrow();
  });

  it(
    'cannot hide what a synthèse line gives away (one lycée teaches S2TMD), and protects the ' +
      'rest around it',
    () => {
      const etabs = [
        lycee('A', { gnle: 120, s2tmd: 4, stmg: 30 }),
        lycee('B', { gnle: 90, stmg: 25 }),
        lycee('C', { gnle: 80 }),
      ];
      const lines = withSecrecy(etabs, S, 10);
      // B's only technological série equals its voie and weighs in its total: all three go, as A's
      // do.
      const pattern = { total: 'secondaire', voies: { BTN: 'secondaire' } };
      expect(lines.map((e) => e.secret)).toEqual([
        { ...pattern, filieres: { s2tmd: 'primaire', stmg: 'secondaire' } },
        { ...pattern, filieres: { stmg: 'secondaire' } },
        { total: null, voies: {}, filieres: {} },
      ]);
      const model = secrecyModel(etabs, S);
      const state = secretState(model, lines);
      // The académie's S2TMD line is A's cell: the only recomputable secret, published by the
      // rectorat's own line.
      expect(recomputableCells(model, state).map((i) => model.cells[i]!.key)).toEqual(['s2tmd']);
    },
  );

  it('is deterministic: the same input gives the same secrets', () => {
    const etabs = () => [
      lycee('A', { gnle: 60, stmg: 3, st2s: 5, sthr: 12 }),
      lycee('B', { gnle: 30, stmg: 8, st2s: 20 }),
      lycee('C', { stmg: 2, st2s: 1, production: 40 }, '60'),
    ];
    expect(withSecrecy(etabs(), S, 10)).toEqual(withSecrecy(etabs(), S, 10));
  });
});
