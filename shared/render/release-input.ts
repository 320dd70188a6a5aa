import type { Decision, DecisionCode, Examen, Mention } from '../domain/decision.schema.js';
import { outcomeLabel } from '../domain/rules/outcome.js';
import type { Groupe } from '../domain/vocabulary.js';

/** What one candidate shows in a release: privately (lookup) and, when `listed`, publicly. */
export interface PublicResult {
  numero: string;
  /** ISO date, only used to derive the lookup key; never written in clear. */
  dateNaissance: string;
  nom: string;
  prenoms: string;
  uai: string;
  examen: Examen;
  serie: string | null;
  /** The group whose decision is shown. */
  groupe: Groupe;
  decision: DecisionCode;
  mention: Mention | null;
  /** French outcome label, as the candidate reads it. */
  resultat: string;
  /** Admitted and consenting: the only candidates whose name appears on a list. */
  listed: boolean;
}

/**
 * Which outcome each candidate shows in a release of the given groupe.
 * Groupe 1 shows every group-1 decision; groupe 2 shows a group-2 decision
 * where there is one and the group-1 decision otherwise (so a SECOND_GROUPE
 * candidate still awaiting the oral keeps "Autorisé(e) à se présenter…").
 *
 * Withheld candidates leave no trace: REMPLACEMENT (deferred to September,
 * not deliberated in July) and the `withheld` numbers are dropped here, before
 * anything is rendered, so every artifact is the same as if they did not exist.
 * ELIMINE is shown to the candidate but is never `listed`.
 *
 * The result is sorted by numero (code units) so callers get a stable order.
 */
export function selectPublicResults(
  decisions: readonly Decision[],
  groupe: Groupe,
  withheld: ReadonlySet<string> = new Set(),
): PublicResult[] {
  const byCandidate = new Map<string, { g1?: Decision; g2?: Decision }>();
  for (const d of decisions) {
    const slots = byCandidate.get(d.numero) ?? {};
    const key = d.groupe === 1 ? 'g1' : 'g2';
    slots[key] = latest(slots[key], d);
    byCandidate.set(d.numero, slots);
  }

  const out: PublicResult[] = [];
  for (const [numero, { g1, g2 }] of byCandidate) {
    if (withheld.has(numero)) continue;
    // A candidate deferred to September has no July result, even with a stray group-2 row.
    if (g1?.decision === 'REMPLACEMENT') continue;
    // Groupe 1 ignores group-2 rows entirely: they must not leak before the second release.
    const shown = groupe === 2 && g2 ? g2 : g1;
    if (!shown || shown.decision === 'REMPLACEMENT') continue;
    // Consent is required on every current row: a withdrawal on either group wins.
    const consent =
      shown.accordPublication &&
      (g1?.accordPublication ?? true) &&
      (groupe === 1 || (g2?.accordPublication ?? true));
    out.push({
      numero,
      dateNaissance: shown.dateNaissance,
      nom: shown.nom,
      prenoms: shown.prenoms,
      uai: shown.uai,
      examen: shown.examen,
      serie: shown.serie,
      groupe: shown.groupe,
      decision: shown.decision,
      mention: shown.mention,
      resultat: outcomeLabel(shown.examen, shown.groupe, shown.decision, shown.mention),
      listed: shown.decision === 'ADMIS' && consent,
    });
  }
  return out.sort((a, b) => (a.numero < b.numero ? -1 : a.numero > b.numero ? 1 : 0));
}

/**
 * The current decision of a slot when the caller passes several versions.
 * Ties on deliberation fall back to the serialised row, so the choice never
 * depends on input order (rendering must be deterministic).
 */
function latest(a: Decision | undefined, b: Decision): Decision {
  if (!a) return b;
  if (a.deliberation !== b.deliberation) return a.deliberation > b.deliberation ? a : b;
  return JSON.stringify(a) >= JSON.stringify(b) ? a : b;
}
