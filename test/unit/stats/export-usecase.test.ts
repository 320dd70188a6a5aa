// The export use case with in-memory stores: which previous figures it compares with.
import { describe, expect, it } from 'vitest';
import type { DecisionVersion } from '../../../shared/domain/decision.schema.js';
import type { DecisionStore } from '../../../shared/ports/decision-store.port.js';
import type { FraudFlags } from '../../../shared/ports/fraud-flags.port.js';
import type { PreviousFiguresStore } from '../../../shared/ports/previous-figures.port.js';
import { exportStatistics, NoDecisionsError } from '../../../shared/stats/export.usecase.js';
import { StatsDocument } from '../../../shared/stats/json-export.js';
import type { PreviousFigures } from '../../../shared/stats/previous-figures.js';
import { syntheticDecisions } from '../../fixtures/stats/synthetic.js';

const version = (session: string, n: number, seed: number): DecisionVersion[] =>
  syntheticDecisions('nice', session, n, seed).map((d) => ({
    ...d,
    digest: '0'.repeat(16),
    source: { file: 'f.csv', sha256: 'a'.repeat(64), line: 2, ingestedAt: 'x' },
  }));

function deps(stored: Record<string, DecisionVersion[]>, imported: PreviousFigures[] = []) {
  const decisions = {
    currentDecisions: async (session: string, academie: string) =>
      academie === 'nice' ? (stored[session] ?? []) : [],
  } as Pick<DecisionStore, 'currentDecisions'> as DecisionStore;
  const figures: PreviousFiguresStore = {
    save: async () => {},
    find: async (academie, session, groupe) =>
      imported.find((s) => s.academie === academie && s.session === session && s.groupe === groupe),
  };
  const fraud = { list: async () => [] } as Pick<FraudFlags, 'list'> as FraudFlags;
  return { decisions, figures, fraud };
}
const request = {
  academie: 'nice',
  session: '2024-06',
  groupe: 2 as const,
  format: 'json' as const,
};

describe('exportStatistics', () => {
  const stored = { '2024-06': version('2024-06', 150, 1), '2023-06': version('2023-06', 140, 2) };

  it(
    'compares with the previous session’s stored decisions when nothing was ' + 'imported',
    async () => {
      const r = await exportStatistics(deps(stored), request);
      expect(r.previous).toEqual({ source: 'decisions', session: '2023-06' });
      const doc = StatsDocument.parse(JSON.parse(r.body as string));
      expect(doc.lignes[0]!.evolution.statut).toBe('points');
    },
  );

  it('prefers imported figures', async () => {
    const imported: PreviousFigures = {
      academie: 'nice',
      session: '2023-06',
      groupe: 2,
      source: 'import',
      rows: [{ niveau: 'academie', code: 'nice', presents: null, admis: null, tauxDixiemes: 500 }],
    };
    const r = await exportStatistics(deps(stored, [imported]), request);
    expect(r.previous.source).toBe('import');
    const doc = StatsDocument.parse(JSON.parse(r.body as string));
    expect(doc.lignes[0]!.taux_reussite_precedent).toBe(50);
    expect(doc.lignes[1]!.evolution).toEqual({ statut: 'nouveau', points: null });
  });

  it(
    'has no evolution without any previous source, and refuses a session with no ' + 'decisions',
    async () => {
      const r = await exportStatistics(deps({ '2024-06': stored['2024-06'] }), request);
      expect(r.previous.source).toBe('none');
      await expect(exportStatistics(deps({}), request)).rejects.toThrow(NoDecisionsError);
    },
  );
});
