// `publibac stats export`: the statistics of an académie's session from the
// stored decisions, compared with the previous session, in one download format.
import type { DecisionStore } from '../ports/decision-store.port.js';
import type { FraudFlags } from '../ports/fraud-flags.port.js';
import type { PreviousFiguresStore } from '../ports/previous-figures.port.js';
import { toCsv } from './csv-export.js';
import { etablissementTable, syntheseTable } from './export-tables.js';
import { toJson } from './json-export.js';
import { previousSession, type PreviousFigures } from './previous-figures.js';
import { academieStatistics, figuresFromDecisions } from './statistics.js';
import type { Groupe } from './stats.types.js';
import { toXlsx } from './xlsx-export.js';

export type ExportFormat = 'csv' | 'xlsx' | 'json';

export interface ExportRequest {
  academie: string;
  session: string;
  groupe: Groupe;
  format: ExportFormat;
  /** CSV holds one table: the synthèse (default) or the établissements. */
  table?: 'synthese' | 'etablissements';
}

export interface ExportDeps {
  decisions: DecisionStore;
  figures: PreviousFiguresStore;
  /** Candidates under a fraud procedure (state "flagged") count nowhere. */
  fraud: FraudFlags;
}

export interface ExportResult {
  body: string | Uint8Array;
  decisions: number;
  /** Where the evolutions come from, for the operator. */
  previous: { source: 'import' | 'decisions' | 'none'; session: string };
}

/**
 * Imported figures win over the previous session's stored decisions: the
 * rectorat imports them on purpose (final figures after September, say).
 */
export async function findPrevious(
  deps: { decisions: DecisionStore; figures: PreviousFiguresStore },
  academie: string,
  session: string,
  groupe: Groupe,
): Promise<PreviousFigures | undefined> {
  const before = previousSession(session);
  const imported = await deps.figures.find(academie, before, groupe);
  if (imported) return imported;
  const decisions = await deps.decisions.currentDecisions(before, academie);
  return decisions.length
    ? figuresFromDecisions({ academie, session: before, groupe, decisions })
    : undefined;
}

/**
 * Nothing is stored for the académie's session: most likely a mistyped session, so no empty export.
 */
export class NoDecisionsError extends Error {
  override name = 'NoDecisionsError';
}

export async function exportStatistics(deps: ExportDeps, r: ExportRequest): Promise<ExportResult> {
  const decisions = await deps.decisions.currentDecisions(r.session, r.academie);
  if (decisions.length === 0)
    throw new NoDecisionsError(`no decisions stored for ${r.academie} ${r.session}`);
  const withheld = new Set(
    (await deps.fraud.list(r.session, r.academie))
      .filter((f) => f.state === 'flagged')
      .map((f) => f.numero),
  );
  const previous = await findPrevious(deps, r.academie, r.session, r.groupe);
  const stats = academieStatistics({
    academie: r.academie,
    session: r.session,
    groupe: r.groupe,
    decisions,
    withheld,
    ...(previous ? { previous } : {}),
  });
  const body =
    r.format === 'json'
      ? toJson(stats)
      : r.format === 'xlsx'
        ? await toXlsx([syntheseTable(stats), etablissementTable(stats)], stats.session)
        : toCsv(r.table === 'etablissements' ? etablissementTable(stats) : syntheseTable(stats));
  return {
    body,
    decisions: decisions.length,
    previous: { source: previous?.source ?? 'none', session: previousSession(r.session) },
  };
}
