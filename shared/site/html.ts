// Tiny HTML helpers for the public pages, below both the release renderer
// (shared/render) and the statistics pages (shared/stats), which import them
// and not each other. No template engine: pages are few and small, and
// everything interpolated goes through escapeHtml.

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** "d’Aix-Marseille", "de Lyon": French elides "de" before a vowel. */
export function deAcademie(name: string): string {
  return /^[AEIOUYÀÂÉÈÊÎÏÔÛ]/i.test(name) ? `d’${name}` : `de ${name}`;
}

/** "2024-06" → "2024". */
export function sessionYear(session: string): string {
  return session.slice(0, 4);
}

export interface LayoutOptions {
  /** Page title, before " — Académie …" in the <title>. */
  title: string;
  academieName: string;
  session: string;
  /** Already-escaped HTML of the <main> element's content. */
  main: string;
  /** Relative URL of the stylesheet, or none (the announcement cannot reach release assets). */
  stylesheet?: string;
  /** Relative URL of a module script (no inline script: the CSP forbids it). */
  script?: string;
  /** Name lists must stay out of search engines. */
  noindex?: boolean;
}

/** A complete French HTML document; deterministic text for deterministic releases. */
export function layout(o: LayoutOptions): string {
  const academie = `Académie ${deAcademie(o.academieName)}`;
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    o.noindex ? '<meta name="robots" content="noindex, nofollow">' : '',
    // Pages carry names in their URLs' neighbours: never tell other sites where a reader came from.
    '<meta name="referrer" content="no-referrer">',
    // No favicon: otherwise every phone asks /favicon.ico at 10:00, a 404 for nothing.
    '<link rel="icon" href="data:,">',
    `<title>${escapeHtml(o.title)} — ${escapeHtml(academie)}</title>`,
    o.stylesheet ? `<link rel="stylesheet" href="${escapeHtml(o.stylesheet)}">` : '',
    o.script ? `<script type="module" src="${escapeHtml(o.script)}"></script>` : '',
  ].filter(Boolean);
  return [
    '<!doctype html>',
    '<html lang="fr">',
    '<head>',
    ...head.map((l) => `  ${l}`),
    '</head>',
    '<body>',
    '<a class="skip" href="#contenu">Aller au contenu</a>',
    '<header class="site-header">',
    '  <p class="marque">République française</p>',
    `  <p class="titre">${escapeHtml(academie)} — Résultats du baccalauréat ` +
      `${escapeHtml(sessionYear(o.session))}</p>`,
    '</header>',
    `<main id="contenu">`,
    o.main,
    '</main>',
    '<footer class="site-footer">',
    `  <p>${escapeHtml(academie)}. Les listes ne comportent que les noms des candidats admis ` +
      'ayant accepté leur publication.</p>',
    '</footer>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
