// What `publibac codes export` writes: the mail-merge file for convocations,
// and one printable page of slips per établissement, cut and handed to each
// candidate. French text: candidates read it. These files carry codes, so
// they go to the rectorat and the schools only, never to the public site.
import type { Academie } from '../domain/reference/academies.js';
import type { CodeRow } from '../publication/codes-export.usecase.js';
import { toCsv } from '../stats/csv-export.js';
import { deAcademie, escapeHtml, sessionYear } from '../site/html.js';

/**
 * `numero_candidat;nom;prenoms;uai;code`, with a BOM and ";" for French spreadsheets, cells made
 * formula-safe.
 */
export function codesCsv(rows: readonly CodeRow[]): string {
  const text = (key: string) => ({ key, type: 'text' as const, description: key });
  return toCsv({
    sheet: 'Codes',
    columns: ['numero_candidat', 'nom', 'prenoms', 'uai', 'code'].map(text),
    rows: rows.map((r) => [r.numero, r.nom, r.prenoms, r.uai, r.code]),
  });
}

export interface SlipsPage {
  academie: Academie;
  session: string;
  uai: string;
  /** The établissement's name, when the rectorat gave the directory. */
  etablissement?: string;
  rows: readonly CodeRow[];
  /** Where results are looked up, e.g. "https://resultats.example.fr/aix-marseille/". */
  lookupUrl: string;
}

const STYLE = [
  '',
  'body { font-family: Marianne, system-ui, Arial, sans-serif; margin: 1rem; color: #161616; }',
  '.coupon { border: 1px dashed #666; padding: .75rem 1rem; margin: 0 0 .75rem; ' +
    'break-inside: avoid; page-break-inside: avoid; }',
  '.coupon h2 { font-size: 1rem; margin: 0 0 .25rem; }',
  '.code { font: 700 1.5rem/1.2 ui-monospace, Menlo, Consolas, monospace; letter-spacing: .08em; }',
  'dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; ' +
    'margin: .25rem 0; }',
  'dt { color: #3a3a3a; } dd { margin: 0; }',
  'p { margin: .25rem 0; font-size: .9rem; }',
  '@media print { body { margin: 0; } h1, .consigne { display: none; } }',
].join('\n');

const CONSIGNE =
  'coupons à imprimer, découper et remettre à chaque candidat. ' +
  'Document confidentiel : ne pas afficher, ne pas diffuser.';

/** `<UAI>.html`: one slip per candidate, in the order of the class lists. */
export function slipsPage(o: SlipsPage): string {
  const year = sessionYear(o.session);
  const where = o.etablissement ? `${o.etablissement} (${o.uai})` : `Établissement ${o.uai}`;
  const slips = o.rows.map((r) =>
    [
      '<section class="coupon">',
      `  <h2>Baccalauréat ${escapeHtml(year)} — ` +
        `Académie ${escapeHtml(deAcademie(o.academie.name))}</h2>`,
      '  <dl>',
      `    <dt>Candidat(e)</dt><dd>${escapeHtml(r.prenoms)} ${escapeHtml(r.nom)}</dd>`,
      `    <dt>Numéro de candidat</dt><dd>${escapeHtml(r.numero)}</dd>`,
      `    <dt>Code d’accès</dt><dd class="code">${escapeHtml(r.code)}</dd>`,
      '  </dl>',
      '  <p>Le jour des résultats, consultez votre résultat sur ' +
        `<strong>${escapeHtml(o.lookupUrl)}</strong> avec votre numéro de candidat et ce code.</p>`,
      '  <p>Ce code est personnel : gardez ce coupon et ne le communiquez à personne. En cas de ' +
        'perte, votre établissement peut vous redonner le même code.</p>',
      '</section>',
    ].join('\n'),
  );
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex, nofollow">
<title>Codes d’accès aux résultats — ${escapeHtml(where)}</title>
<style>${STYLE}
</style>
</head>
<body>
<h1>Codes d’accès aux résultats du baccalauréat ${escapeHtml(year)} — ${escapeHtml(where)}</h1>
<p class="consigne">${o.rows.length} ${CONSIGNE}</p>
${slips.join('\n')}
</body>
</html>
`;
}
