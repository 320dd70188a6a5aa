// Browser script of an académie's landing page (bundled by the renderer into
// <slug>/assets/lookup.<hash>.js). It sends nothing but the request for one
// shard: the number and the access code never leave the device.
import { parseCode } from '../../shared/render/lookup/access-code.js';
import {
  lookupResult,
  NEUTRAL_MESSAGE_FR,
  readParams,
} from '../../shared/render/lookup/lookup-client.js';
import type { LookupParams } from '../../shared/render/lookup/lookup-crypto.js';
import type { LookupEntry } from '../../shared/render/lookup/lookup-entry.schema.js';

// Resolved from this script's own URL (<slug>/assets/), not the page's, so a
// page reached as "/<slug>" without its trailing slash still finds the files.
const base = new URL('../resultats/', import.meta.url);

let params: Promise<LookupParams | null> | undefined;
function loadParams(): Promise<LookupParams | null> {
  // Kept once fetched; a failure is retried on the next submission.
  params ??= fetch(new URL('params.json', base), { credentials: 'omit' })
    .then((r) => (r.ok ? r.json() : null))
    .then(readParams)
    .catch(() => null)
    .then((p) => {
      if (p === null) params = undefined;
      return p;
    });
  return params;
}

/** What the candidate reads, and what to do next: one sentence per outcome. */
function explanation(entry: LookupEntry): string {
  const oral =
    entry.examen === 'BCP' ? 'l’épreuve orale de contrôle' : 'les épreuves orales du second groupe';
  switch (entry.decision) {
    case 'ADMIS':
      return (
        'Félicitations, vous êtes admis(e) au baccalauréat. Votre diplôme vous sera remis ' +
        'par votre établissement.'
      );
    case 'SECOND_GROUPE':
      return (
        `Vous pouvez vous présenter à ${oral}. Rendez-vous dès aujourd’hui dans votre ` +
        `établissement pour choisir vos épreuves et connaître votre convocation.`
      );
    case 'AJOURNE':
      return (
        'Vous n’êtes pas admis(e) cette année. Votre établissement vous informe de vos ' +
        'possibilités (nouvelle inscription, conservation des notes).'
      );
    case 'ELIMINE':
      return 'Rapprochez-vous de votre établissement ou du service des examens du rectorat.';
  }
}

function show(region: HTMLElement, entry: LookupEntry | null): void {
  region.replaceChildren();
  // textContent only: nothing from a file is ever parsed as HTML.
  if (entry === null) {
    const p = document.createElement('p');
    p.textContent = NEUTRAL_MESSAGE_FR;
    region.append(p);
    return;
  }
  const outcome = document.createElement('strong');
  outcome.textContent = entry.resultat;
  const exam = document.createElement('p');
  exam.textContent = entry.libelleExamen + (entry.serie ? ` — ${entry.serie}` : '');
  const next = document.createElement('p');
  next.textContent = explanation(entry);
  region.append(outcome, exam, next);
}

function start(): void {
  const form = document.getElementById('recherche') as HTMLFormElement | null;
  const numero = document.getElementById('numero') as HTMLInputElement | null;
  const code = document.getElementById('code') as HTMLInputElement | null;
  const codeError = document.getElementById('code-erreur');
  const button = document.getElementById('envoyer') as HTMLButtonElement | null;
  const region = document.getElementById('resultat');
  if (!form || !numero || !code || !codeError || !button || !region) return;

  form.addEventListener('submit', (event) => {
    // The inputs have no name, so even a native submission would send nothing.
    event.preventDefault();
    if (button.disabled) return;
    region.replaceChildren();
    // A mistyped code is caught by its check symbol, here, before any derivation:
    // the hint depends on the typing only, never on anyone's result.
    if (!parseCode(code.value).ok) {
      codeError.textContent =
        'Ce code d’accès ne semble pas correct : vérifiez-le (14 caractères, par exemple ' +
        '7KQ2-M9XD-4TPA-RA).';
      code.setAttribute('aria-invalid', 'true');
      code.focus();
      return;
    }
    codeError.textContent = '';
    code.removeAttribute('aria-invalid');
    button.disabled = true;
    const label = button.textContent;
    button.textContent = 'Recherche en cours…';
    void (async () => {
      try {
        const p = await loadParams();
        const outcome = p
          ? await lookupResult(numero.value, code.value, p, {
              baseUrl: base.href,
              fetch: window.fetch.bind(window),
            })
          : ({ found: false } as const);
        show(region, outcome.found ? outcome.entry : null);
      } finally {
        button.disabled = false;
        button.textContent = label;
      }
    })();
  });
}

start();
