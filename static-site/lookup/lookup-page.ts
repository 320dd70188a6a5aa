// Browser script of an académie's landing page (bundled by the renderer into
// <slug>/assets/lookup.<hash>.js). It sends nothing but the request for one
// shard: the number and birth date never leave the device.
import { lookupResult, NEUTRAL_MESSAGE_FR } from '../../shared/render/lookup/lookup-client.js';
import type { LookupParams } from '../../shared/render/lookup/lookup-crypto.js';
import type { LookupEntry } from '../../shared/render/lookup/lookup-entry.schema.js';

// Resolved from this script's own URL (<slug>/assets/), not the page's, so a
// page reached as "/<slug>" without its trailing slash still finds the files.
const base = new URL('../resultats/', import.meta.url);

let params: Promise<LookupParams | null> | undefined;
function loadParams(): Promise<LookupParams | null> {
  // Kept once fetched; a failure is retried on the next submission.
  params ??= fetch(new URL('params.json', base), { credentials: 'omit' })
    .then((r) => (r.ok ? (r.json() as Promise<LookupParams>) : null))
    .catch(() => null)
    .then((p) => {
      if (p === null) params = undefined;
      return p;
    });
  return params;
}

function show(region: HTMLElement, entry: LookupEntry | null): void {
  region.replaceChildren();
  if (entry === null) {
    const p = document.createElement('p');
    p.textContent = NEUTRAL_MESSAGE_FR;
    region.append(p);
    return;
  }
  // textContent only: nothing from a file is ever parsed as HTML.
  const who = document.createElement('p');
  who.textContent = `${entry.prenoms} ${entry.nom}`.trim();
  const exam = document.createElement('p');
  exam.textContent = entry.libelleExamen + (entry.serie ? ` — ${entry.serie}` : '');
  const outcome = document.createElement('strong');
  outcome.textContent = entry.resultat;
  region.append(outcome, who, exam);
}

function start(): void {
  const form = document.getElementById('recherche') as HTMLFormElement | null;
  const numero = document.getElementById('numero') as HTMLInputElement | null;
  const naissance = document.getElementById('naissance') as HTMLInputElement | null;
  const button = document.getElementById('envoyer') as HTMLButtonElement | null;
  const region = document.getElementById('resultat');
  if (!form || !numero || !naissance || !button || !region) return;

  form.addEventListener('submit', (event) => {
    // The inputs have no name, so even a native submission would send nothing.
    event.preventDefault();
    if (button.disabled) return;
    button.disabled = true;
    const label = button.textContent;
    button.textContent = 'Recherche en cours…';
    region.replaceChildren();
    void (async () => {
      try {
        const p = await loadParams();
        const outcome = p
          ? await lookupResult(numero.value, naissance.value, p, { baseUrl: base.href, fetch: window.fetch.bind(window) })
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
