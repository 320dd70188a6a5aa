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

/** What the candidate reads, and what to do next: one paragraph per outcome. */
function explanation(entry: LookupEntry): string {
  switch (entry.decision) {
    case 'ADMIS':
      return (
        'Félicitations, vous êtes admis(e) au baccalauréat. Votre relevé de notes et votre ' +
        'diplôme vous seront remis par votre établissement.'
      );
    case 'SECOND_GROUPE':
      // The BCP has its own name for it (épreuve de contrôle): say what the candidate will hear.
      return entry.examen === 'BCP'
        ? 'Vous pouvez encore obtenir votre baccalauréat professionnel : vous êtes invité(e) à ' +
            'l’épreuve de contrôle (oral). Rendez-vous dès aujourd’hui dans votre établissement ' +
            'pour connaître les disciplines, l’heure et le lieu de votre convocation.'
        : 'Vous pouvez encore obtenir votre baccalauréat : vous êtes invité(e) aux épreuves ' +
            'orales du second groupe (oraux de rattrapage). Rendez-vous dès aujourd’hui dans ' +
            'votre établissement pour choisir vos deux disciplines et connaître votre convocation.';
    case 'AJOURNE':
      return (
        'Vous n’êtes pas admis(e) à cette session. Votre établissement vous informe de vos ' +
        'possibilités : nouvelle inscription, conservation des notes égales ou supérieures à 10.'
      );
    case 'ELIMINE':
      return 'Rapprochez-vous de votre établissement ou du service des examens du rectorat.';
  }
}

/** The title the result opens with: the outcome itself, or the one neutral miss. */
const NOT_AVAILABLE_TITLE = 'Résultat non disponible en ligne';

/**
 * A DSFR alert in the live region: success for an admission, information for
 * everything else (a second group or a failure is news, not an error). Every
 * miss (wrong code, unknown number, withheld result) takes the same path and
 * shows the same words. textContent only: nothing from a file is parsed as HTML.
 */
function show(region: HTMLElement, entry: LookupEntry | null): void {
  const alert = document.createElement('div');
  alert.className =
    entry?.decision === 'ADMIS' ? 'fr-alert fr-alert--success' : 'fr-alert fr-alert--info';
  const title = document.createElement('h2');
  title.className = 'fr-alert__title';
  const lines: string[] = [];
  if (entry === null) {
    title.textContent = NOT_AVAILABLE_TITLE;
    lines.push(NEUTRAL_MESSAGE_FR);
  } else {
    title.textContent = entry.resultat;
    lines.push(entry.libelleExamen + (entry.serie ? ` — ${entry.serie}` : ''), explanation(entry));
  }
  alert.append(title);
  for (const line of lines) {
    const p = document.createElement('p');
    p.textContent = line;
    alert.append(p);
  }
  region.replaceChildren(alert);
}

/** Marks a field in error (DSFR classes), says why, and moves the focus to it. */
function fieldError(input: HTMLInputElement, message: HTMLElement, text: string): void {
  message.textContent = text;
  input.setAttribute('aria-invalid', 'true');
  input.classList.add('fr-input--error');
  input.closest('.fr-input-group')?.classList.add('fr-input-group--error');
  input.focus();
}

function clearError(input: HTMLInputElement, message: HTMLElement): void {
  message.textContent = '';
  input.removeAttribute('aria-invalid');
  input.classList.remove('fr-input--error');
  input.closest('.fr-input-group')?.classList.remove('fr-input-group--error');
}

/** The number's error line, made once: the form has one for the code only. */
function numeroErrorOf(numero: HTMLInputElement): HTMLElement {
  const known = document.getElementById('numero-erreur');
  if (known) return known;
  const p = document.createElement('p');
  p.id = 'numero-erreur';
  p.className = 'fr-error-text erreur';
  p.setAttribute('role', 'alert');
  numero.after(p);
  numero.setAttribute(
    'aria-describedby',
    `${numero.getAttribute('aria-describedby') ?? ''} ` + 'numero-erreur',
  );
  return p;
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
    if (numero.value.trim() === '') {
      fieldError(numero, numeroErrorOf(numero), 'Saisissez votre numéro de candidat.');
      return;
    }
    if (document.getElementById('numero-erreur')) clearError(numero, numeroErrorOf(numero));
    // A mistyped code is caught by its check symbol, here, before any derivation:
    // the hint depends on the typing only, never on anyone's result.
    if (!parseCode(code.value).ok) {
      fieldError(
        code,
        codeError,
        'Ce code d’accès ne semble pas correct : vérifiez-le (14 caractères, par exemple ' +
          '7KQ2-M9XD-4TPA-RA).',
      );
      return;
    }
    clearError(code, codeError);
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
