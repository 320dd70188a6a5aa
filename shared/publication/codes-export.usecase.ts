// Access codes for candidates, before results day: for the convocation
// mail-merge and the slips an établissement hands out. Codes are derived
// (access-codes.ts), so exporting twice gives the same codes, and a
// candidate who lost theirs gets the same one again.
import { CANDIDATE_NUMBER } from '../domain/vocabulary.js';
import { findAcademie, type Academie } from '../domain/reference/academies.js';
import { accessCode, sessionCodeSecret } from './access-codes.js';
import type { CandidateIdentity } from './candidates-file.js';
import { PublicationError, type PublicationDeps } from './publication.deps.js';

export interface CodeRow extends CandidateIdentity {
  code: string;
}

type CodeDeps = Pick<PublicationDeps, 'lookupKeys' | 'audit' | 'clock'>;

function academieOf(slug: string): Academie {
  const academie = findAcademie(slug);
  if (!academie) throw new PublicationError(`unknown académie "${slug}"`);
  return academie;
}

/**
 * Every candidate's code, sorted by établissement then name (the order of
 * the slips). Audited: who, when, how many (never a code or a number).
 */
export async function exportAccessCodes(
  deps: CodeDeps,
  req: {
    academie: string;
    session: string;
    candidates: readonly CandidateIdentity[];
    actor: string;
  },
): Promise<CodeRow[]> {
  const academie = academieOf(req.academie);
  const secret = await sessionCodeSecret(deps.lookupKeys, req.session, academie.slug);
  const collator = new Intl.Collator('fr');
  const rows = req.candidates
    .map((c) => ({ ...c, code: accessCode(secret, c.numero) }))
    .sort(
      (a, b) =>
        (a.uai < b.uai ? -1 : a.uai > b.uai ? 1 : 0) ||
        collator.compare(a.nom, b.nom) ||
        collator.compare(a.prenoms, b.prenoms) ||
        (a.numero < b.numero ? -1 : 1),
    );
  const etablissements = new Set(rows.map((r) => r.uai)).size;
  await deps.audit.record({
    at: deps.clock.now().toISOString(),
    actor: req.actor,
    action: 'codes-export',
    academie: academie.slug,
    session: req.session,
    groupe: null,
    releaseId: null,
    detail: `${rows.length} access codes exported for ${etablissements} établissements`,
  });
  return rows;
}

/**
 * One candidate's code again (a lost slip), audited with the number: the helpdesk answered someone.
 */
export async function reissueAccessCode(
  deps: CodeDeps,
  req: { academie: string; session: string; numero: string; actor: string },
): Promise<string> {
  const academie = academieOf(req.academie);
  const numero = req.numero.toUpperCase();
  if (!CANDIDATE_NUMBER.test(numero))
    throw new PublicationError(
      `"${req.numero}" is not a candidate number (6 to 15 digits or capital letters)`,
    );
  const code = accessCode(
    await sessionCodeSecret(deps.lookupKeys, req.session, academie.slug),
    numero,
  );
  await deps.audit.record({
    at: deps.clock.now().toISOString(),
    actor: req.actor,
    action: 'codes-export',
    academie: academie.slug,
    session: req.session,
    groupe: null,
    releaseId: null,
    detail: `access code of candidate ${numero} issued again`,
  });
  return code;
}
