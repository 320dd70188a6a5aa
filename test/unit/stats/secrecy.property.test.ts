// Property tests of statistical secrecy (issue 10, point 2): for random
// académies full of tiny cells, nothing secret can be recomputed from what
// is published. Checked three ways: the simple margins a reader would try
// (a total minus its published parts never leaves a single secret cell),
// the exact rank test of a dense reference written apart from the code
// (test/fixtures/stats/dense-rank.ts), and the auditor against that
// reference on arbitrary secret sets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filieres, voieOfFiliere } from '../../../shared/stats/filieres.js';
import { VOIES } from '../../../shared/stats/labels.js';
import { recomputableCells } from '../../../shared/stats/secrecy-audit.js';
import { secrecyModel } from '../../../shared/stats/secrecy-model.js';
import { withSecrecy } from '../../../shared/stats/secrecy.js';
import type { EtablissementCounts } from '../../../shared/stats/stats.types.js';
import { cellKey, recomputableByReference } from '../../fixtures/stats/dense-rank.js';
import {
  anyAcademie,
  nonEmptyCells,
  pairedAcademie,
  secretKeys,
} from '../../fixtures/stats/secrecy-academies.js';

const THRESHOLD = 10;

/**
 * Every published equation as the list of cells it ties (the margin itself, always published, left
 * out).
 */
function publishedEquations(
  etabs: readonly EtablissementCounts[],
  session: string,
): { name: string; cells: string[] }[] {
  const fs = filieres(session);
  const ofVoie = (v: string) => fs.filter((f) => voieOfFiliere(session, f) === v);
  const out: { name: string; cells: string[] }[] = [];
  for (const e of etabs) {
    const k = (cell: string) => cellKey(e.uai, cell);
    out.push({ name: `${e.uai}: total − voies`, cells: [k('total'), ...VOIES.map(k)] });
    out.push({
      name: `${e.uai}: total − filières`,
      cells: [k('total'), ...fs.map((f) => k(`filiere:${f}`))],
    });
    for (const v of VOIES)
      out.push({
        name: `${e.uai}: ${v} − its filières`,
        cells: [k(v), ...ofVoie(v).map((f) => k(`filiere:${f}`))],
      });
  }
  const column = (name: string, pick: (e: EtablissementCounts) => boolean, cell: string) =>
    out.push({ name, cells: etabs.filter(pick).map((e) => cellKey(e.uai, cell)) });
  const deps = [...new Set(etabs.map((e) => e.departement))];
  column('académie', () => true, 'total');
  for (const d of deps) column(`département ${d}`, (e) => e.departement === d, 'total');
  for (const v of VOIES) {
    column(`voie ${v}`, () => true, v);
    for (const d of deps) column(`voie ${v} × département ${d}`, (e) => e.departement === d, v);
  }
  for (const f of fs) column(`série or domaine ${f}`, () => true, `filiere:${f}`);
  return out;
}

describe('statistical secrecy on random académies', () => {
  it('hides every cell of 1 to 9 présents and no empty one', () => {
    fc.assert(
      fc.property(anyAcademie, ({ session, etablissements }) => {
        const secret = secretKeys(withSecrecy(etablissements, session, THRESHOLD));
        const cells = nonEmptyCells(etablissements);
        for (const [key, presents] of cells)
          if (presents < THRESHOLD) expect(secret.has(key)).toBe(true);
        for (const key of secret) expect(cells.has(key)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it(
    'never leaves a single secret cell in a row or along a published margin (série, domaine, ' +
      'voie, département, académie)',
    () => {
      fc.assert(
        fc.property(pairedAcademie, ({ session, etablissements }) => {
          const secret = secretKeys(withSecrecy(etablissements, session, THRESHOLD));
          for (const eq of publishedEquations(etablissements, session)) {
            const hidden = eq.cells.filter((c) => secret.has(c));
            expect({ equation: eq.name, alone: hidden.length === 1 ? hidden[0] : null }).toEqual({
              equation: eq.name,
              alone: null,
            });
          }
        }),
        { numRuns: 300 },
      );
    },
  );

  it('leaves no secret cell determined by the published relations (dense exact rank test)', () => {
    fc.assert(
      fc.property(pairedAcademie, ({ session, etablissements }) => {
        const secret = secretKeys(withSecrecy(etablissements, session, THRESHOLD));
        expect([...recomputableByReference(etablissements, session, secret)]).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it(
    'in any académie, leaves determined only what the synthèse lines give away whatever is ' +
      'hidden',
    () => {
      fc.assert(
        fc.property(anyAcademie, ({ session, etablissements }) => {
          const secret = secretKeys(withSecrecy(etablissements, session, THRESHOLD));
          const givenAway = recomputableByReference(
            etablissements,
            session,
            new Set(nonEmptyCells(etablissements).keys()),
          );
          for (const key of recomputableByReference(etablissements, session, secret))
            expect([key, givenAway.has(key)]).toEqual([key, true]);
        }),
        { numRuns: 150 },
      );
    },
  );

  it('has an auditor that agrees with the dense reference on arbitrary secret sets', () => {
    const withSubset = anyAcademie.chain((a) => {
      const cells = [...nonEmptyCells(a.etablissements).keys()];
      return fc.subarray(cells).map((hidden) => ({ ...a, hidden: new Set(hidden) }));
    });
    fc.assert(
      fc.property(withSubset, ({ session, etablissements, hidden }) => {
        const model = secrecyModel(etablissements, session);
        const name = (i: number) => {
          const c = model.cells[i]!;
          return cellKey(
            etablissements[c.etab]!.uai,
            c.kind === 'total' ? 'total' : c.kind === 'voie' ? c.key : `filiere:${c.key}`,
          );
        };
        const state = model.cells.map((_, i) => (hidden.has(name(i)) ? 1 : 0));
        const audited = recomputableCells(model, state).map(name).sort();
        expect(audited).toEqual(
          [...recomputableByReference(etablissements, session, hidden)].sort(),
        );
      }),
      { numRuns: 300 },
    );
  });
});
