import type { DecisionCode, Examen, Groupe, Mention } from '../vocabulary.js';
import { LIBELLE_MENTION } from './mention.js';

/** The second group (oral retake) ends in admitted or failed, nothing else. */
export function decisionsAllowed(groupe: Groupe): readonly DecisionCode[] {
  return groupe === 1
    ? ['ADMIS', 'AJOURNE', 'SECOND_GROUPE', 'ELIMINE', 'REMPLACEMENT']
    : ['ADMIS', 'AJOURNE'];
}

const fmt = (m: number) => String(m).replace('.', ',');

/**
 * Whether an average fits the decision (null when it does, or when no
 * average is given). At the first group the général and technological bacs
 * send 8-10 to the second group, so an ajourné is under 8; a professional
 * candidate with 8-10 can still be ajourné by the professional practice test.
 * A decision the group does not allow is decisionsAllowed's error: reporting
 * its average too would count one mistake twice.
 */
export function checkAverageForDecision(
  examen: Examen,
  groupe: Groupe,
  decision: DecisionCode,
  moyenne: number | null,
): string | null {
  if (!decisionsAllowed(groupe).includes(decision)) return null;
  if (decision === 'ELIMINE' || decision === 'REMPLACEMENT') {
    return moyenne === null ? null : `${decision} carries no average (got ${fmt(moyenne)})`;
  }
  if (moyenne === null) return null;
  if (decision === 'ADMIS')
    return moyenne >= 10 ? null : `ADMIS needs an average of at least 10 (got ${fmt(moyenne)})`;
  if (decision === 'SECOND_GROUPE')
    return moyenne >= 8 && moyenne < 10
      ? null
      : `SECOND_GROUPE needs an average from 8 to under 10 (got ${fmt(moyenne)})`;
  // AJOURNE
  const ceiling = groupe === 1 && examen !== 'BCP' ? 8 : 10;
  return moyenne < ceiling
    ? null
    : `AJOURNE at group ${groupe} needs an average under ${ceiling} (got ${fmt(moyenne)})`;
}

/** The outcome in French, as the candidate reads it. */
export function outcomeLabel(
  examen: Examen,
  groupe: Groupe,
  decision: DecisionCode,
  mention: Mention | null,
): string {
  switch (decision) {
    case 'ADMIS':
      if (groupe === 2) return 'Admis(e) à l’issue du second groupe';
      return mention ? `Admis(e) avec mention ${LIBELLE_MENTION[mention]}` : 'Admis(e)';
    case 'AJOURNE':
      return 'Ajourné(e)';
    case 'SECOND_GROUPE':
      return examen === 'BCP'
        ? 'Autorisé(e) à se présenter à l’épreuve de contrôle'
        : 'Autorisé(e) à se présenter au second groupe';
    case 'ELIMINE':
      return 'Éliminé(e)';
    case 'REMPLACEMENT':
      return 'Autorisé(e) à se présenter aux épreuves de remplacement';
  }
}
