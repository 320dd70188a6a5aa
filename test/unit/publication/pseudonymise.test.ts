import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CANDIDATE_NUMBER, Decision } from '../../../shared/domain/decision.schema.js';
import {
  pseudonymiseDecisions,
  sampleCandidates,
} from '../../../shared/publication/pseudonymise.js';
import { syntheticDecisions } from '../../fixtures/stats/synthetic.js';
import { decision } from '../render/fixtures.js';
import type { Groupe } from '../../../shared/domain/vocabulary.js';

const SEED = 'rehearsal-seed-0001';
// Both groups of a synthetic académie: real names drawn from the very lists pseudonyms come from.
const real = syntheticDecisions('aix-marseille', '2024-06', 1_500);
const pseudo = pseudonymiseDecisions(real, SEED);

const countBy = (ds: readonly Decision[]) => {
  const counts = new Map<string, number>();
  for (const d of ds) {
    const k = [
      d.uai,
      d.departement,
      d.examen,
      d.serie,
      d.groupe,
      d.decision,
      d.mention,
      d.moyenne,
      d.accordPublication,
      d.jury,
      d.deliberation,
    ].join('|');
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
};

describe('pseudonymiseDecisions', () => {
  it(
    'keeps every row, its order and everything but identities, so counts by établissement and ' +
      'outcome are unchanged',
    () => {
      expect(real.some((d) => d.groupe === 2)).toBe(true);
      expect(pseudo).toHaveLength(real.length);
      expect(countBy(pseudo)).toEqual(countBy(real));
      pseudo.forEach((p, i) => {
        expect({ ...p, numero: 0, nom: 0, prenoms: 0, dateNaissance: 0 }).toEqual({
          ...real[i]!,
          numero: 0,
          nom: 0,
          prenoms: 0,
          dateNaissance: 0,
        });
      });
      for (const p of pseudo) {
        expect(Decision.safeParse(p).success).toBe(true);
        expect(p.numero).toMatch(CANDIDATE_NUMBER);
      }
    },
  );

  it(
    'gives a candidate one identity on their group-1 and group-2 rows, and two candidates two ' +
      'numbers',
    () => {
      const byReal = new Map<string, Set<string>>();
      real.forEach((r, i) => {
        const p = pseudo[i]!;
        byReal.set(
          r.numero,
          (byReal.get(r.numero) ?? new Set()).add(
            `${p.numero}|${p.nom}|${p.prenoms}|${p.dateNaissance}`,
          ),
        );
      });
      expect([...byReal.values()].every((identities) => identities.size === 1)).toBe(true);
      expect(new Set(pseudo.map((p) => p.numero)).size).toBe(byReal.size);
      expect(real.filter((r) => r.groupe === 2).length).toBeGreaterThan(50);
    },
  );

  it(
    'lets no real number, own name, real name pair or own birth date through, and keeps birth ' +
      'years in range',
    () => {
      const realNumbers = new Set(real.map((r) => r.numero));
      const realPairs = new Set(real.map((r) => `${r.nom}|${r.prenoms}`));
      const years = real.map((r) => Number(r.dateNaissance.slice(0, 4)));
      real.forEach((r, i) => {
        const p = pseudo[i]!;
        expect(realNumbers.has(p.numero)).toBe(false);
        expect(realPairs.has(`${p.nom}|${p.prenoms}`)).toBe(false);
        expect(p.nom).not.toBe(r.nom);
        expect(p.prenoms).not.toBe(r.prenoms);
        expect(p.dateNaissance).not.toBe(r.dateNaissance);
        expect(p.numero).toHaveLength(r.numero.length);
        expect(Number(p.dateNaissance.slice(0, 4))).toBeGreaterThanOrEqual(Math.min(...years));
        expect(Number(p.dateNaissance.slice(0, 4))).toBeLessThanOrEqual(Math.max(...years));
      });
    },
  );

  it('leaves no trace of distinctive real identities anywhere in the output (scan)', () => {
    const distinctive = Array.from({ length: 40 }, (_, i) =>
      decision({
        numero: `Q${String(i).padStart(6, '0')}ZX`,
        nom: `ZQXNOM${i}`,
        prenoms: `Wyxprenom${i}`,
        dateNaissance: `2006-0${1 + (i % 9)}-${10 + (i % 19)}`,
        groupe: 1,
        decision: i % 3 ? 'ADMIS' : 'SECOND_GROUPE',
      }),
    );
    const rows = [
      ...distinctive,
      ...distinctive
        .filter((d) => d.decision === 'SECOND_GROUPE')
        .map((d) => ({ ...d, groupe: 2 as const, decision: 'ADMIS' as const })),
    ];
    const text = JSON.stringify(pseudonymiseDecisions(rows, SEED));
    for (const r of distinctive) {
      const [y, m, d] = r.dateNaissance.split('-');
      for (const trace of [r.numero, r.nom, r.prenoms, r.dateNaissance, `${d}/${m}/${y}`])
        expect(text.includes(trace), trace).toBe(false);
    }
  });

  it('is deterministic for a seed, whatever the input order, and unrelated across seeds', () => {
    expect(pseudonymiseDecisions(real, SEED)).toEqual(pseudo);
    const reversed = pseudonymiseDecisions([...real].reverse(), SEED).reverse();
    expect(reversed).toEqual(pseudo);
    const other = pseudonymiseDecisions(real, new TextEncoder().encode('another-rehearsal-seed'));
    const same = other.filter(
      (o, i) =>
        o.numero === pseudo[i]!.numero ||
        (o.dateNaissance === pseudo[i]!.dateNaissance && o.nom === pseudo[i]!.nom),
    );
    expect(same.length).toBeLessThan(real.length / 100);
  });

  it('refuses a seed short enough to guess', () => {
    expect(() => pseudonymiseDecisions(real, 'short')).toThrow(/16 bytes/);
  });

  it('stays collision-free on crowded short numbers (property)', () => {
    const row = fc.record({
      n: fc.integer({ min: 0, max: 400 }),
      groupe: fc.constantFrom(1 as const, 2 as const),
      seed: fc.string({ minLength: 16, maxLength: 20 }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 300 }), (spec) => {
        const rows = spec.map((s) =>
          decision({
            numero: String(s.n).padStart(6, '0'),
            groupe: s.groupe,
            nom: `NOM${s.n}`,
            dateNaissance: '2006-05-04',
          }),
        );
        const out = pseudonymiseDecisions(rows, spec[0]!.seed);
        const map = new Map<string, string>();
        rows.forEach((r, i) => {
          const seen = map.get(r.numero);
          if (seen) expect(out[i]!.numero).toBe(seen);
          else map.set(r.numero, out[i]!.numero);
        });
        const pseudos = [...new Set(out.map((o) => o.numero))];
        expect(pseudos).toHaveLength(new Set(rows.map((r) => r.numero)).size);
        for (const p of pseudos) expect(p).toMatch(/^\d{6}$|^[0-9A-Z]{15}$/);
        expect(pseudos.some((p) => rows.some((r) => r.numero === p))).toBe(false);
        expect(out.some((o) => o.dateNaissance === '2006-05-04')).toBe(false);
      }),
      { numRuns: 50 },
    );
  });
});

describe('sampleCandidates', () => {
  it(
    'offers pseudonymous numbers shown at the groupe, ' +
      'best outcomes first, never a REMPLACEMENT',
    () => {
      const groupe1 = sampleCandidates(pseudo, 1, 4);
      expect(groupe1).toHaveLength(4);
      const latest = (numero: string, groupe: Groupe) =>
        pseudo
          .filter((p) => p.numero === numero && p.groupe <= groupe)
          .sort((a, b) => b.groupe - a.groupe)[0]!;
      expect(latest(groupe1[0]!, 1)).toMatchObject({
        decision: 'ADMIS',
        mention: expect.any(String),
      });
      expect(latest(groupe1[1]!, 1)).toMatchObject({ decision: 'ADMIS', mention: null });
      expect(latest(groupe1[2]!, 1)).toMatchObject({ decision: 'SECOND_GROUPE' });
      const realNumbers = new Set(real.map((r) => r.numero));
      expect(groupe1.some((n) => realNumbers.has(n))).toBe(false);

      const rows = [
        decision({ numero: 'AAAAAA', decision: 'REMPLACEMENT' }),
        decision({ numero: 'BBBBBB', decision: 'SECOND_GROUPE' }),
        decision({ numero: 'BBBBBB', groupe: 2, decision: 'ADMIS' }),
      ];
      expect(sampleCandidates(rows, 1)).toEqual(['BBBBBB']);
      expect(sampleCandidates(rows, 2)).toEqual(['BBBBBB']);
    },
  );
});
