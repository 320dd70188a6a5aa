// The console's access-code export (bundled into /admin/console.js with
// console-client.ts): the officer picks the inscriptions file, the script
// posts its text to POST /codes/export and offers the codes.csv it gets back
// as a download. The codes exist only in the answer and the page's memory:
// nothing is stored in the browser.
import { $ } from './console-view.js';

interface Answer {
  status: number;
  body: Record<string, unknown> | unknown[] | null;
}
export interface CodesPage {
  call(method: 'POST', route: string, data: object): Promise<Answer>;
  scope(): { academie: string; session: string };
  say(message: string): void;
  fail(answer: Answer): void;
  /** Reads the state and the audit log again (the export's entry shows). */
  refresh(): Promise<void>;
}

/** The previous download's object URL, released when another export replaces it. */
let previous: string | undefined;

function offer(csv: string, count: number, name: string): void {
  if (previous) URL.revokeObjectURL(previous);
  previous = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.className = 'fr-link fr-link--download';
  link.id = 'codes-telechargement';
  link.href = previous;
  link.download = name;
  link.textContent = `Télécharger ${name} (${count.toLocaleString('fr-FR')} codes)`;
  $('codes-resultat').replaceChildren(link);
}

/** The issues of a 400 (each names the line, the column and the rule), one per line. */
function issuesOf(answer: Answer): string {
  const body = answer.body && !Array.isArray(answer.body) ? answer.body : {};
  return Array.isArray(body.issues) ? body.issues.map(String).join('\n') : '';
}

export function wireCodesExport(page: CodesPage): void {
  $('form-codes', 'form').addEventListener('submit', (e) => {
    e.preventDefault();
    void (async () => {
      const file = $('codes-fichier', 'input').files?.[0];
      if (!file) return;
      const { academie, session } = page.scope();
      $('codes-resultat').replaceChildren();
      const answer = await page.call('POST', '/codes/export', {
        academie,
        session,
        inscriptions: await file.text(),
        filename: file.name.replace(/[^\w .()-]/g, '_').slice(0, 100) || undefined,
      });
      const body = answer.body && !Array.isArray(answer.body) ? answer.body : {};
      const { csv, count, etablissements } = body;
      if (
        answer.status !== 200 ||
        typeof csv !== 'string' ||
        typeof count !== 'number' ||
        typeof etablissements !== 'number'
      ) {
        page.fail(answer);
        const issues = issuesOf(answer);
        if (issues) {
          const pre = document.createElement('pre');
          pre.className = 'fr-text--sm';
          pre.textContent = `Fichier refusé, aucun code exporté :\n${issues}`;
          $('codes-resultat').replaceChildren(pre);
        }
        return;
      }
      offer(csv, count, `codes-${academie}-${session}.csv`);
      page.say(
        `${count.toLocaleString('fr-FR')} codes d'accès exportés pour ${String(etablissements)} ` +
          'établissements (inscrit au journal). Ce fichier ouvre les résultats : ne le remettez ' +
          "qu'aux établissements.",
      );
      await page.refresh();
    })();
  });
}
