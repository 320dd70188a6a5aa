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
  /** The académie the page belongs to; none on the national home page. */
  academieName?: string;
  session: string;
  /** Already-escaped HTML of the <main> element's content. */
  main: string;
  /** URL of the stylesheet, or none. */
  stylesheet?: string;
  /** Relative URL of a module script (no inline script: the CSP forbids it). */
  script?: string;
  /** Name lists must stay out of search engines. */
  noindex?: boolean;
  /**
   * "Vous êtes ici" trail from the national home page (first) to this page
   * (last, no link). None: no breadcrumb.
   */
  breadcrumb?: readonly Crumb[];
}

export interface Crumb {
  label: string;
  /** Absent on the last crumb, the current page. */
  href?: string;
}

/** Where the national home page is: absolute, the same from every depth of every release. */
export const HOME_URL = '/';

/** The State's brand block, text only: the Marianne logo's images weigh 10 KB of CSS. */
const BLOC_MARQUE = '<p class="bloc-marque">République<br>française</p>';

function breadcrumb(crumbs: readonly Crumb[]): string {
  const items = crumbs.map((c) =>
    c.href === undefined
      ? `    <li><a class="fr-breadcrumb__link" aria-current="page">${escapeHtml(c.label)}</a></li>`
      : `    <li><a class="fr-breadcrumb__link" href="${escapeHtml(c.href)}">` +
        `${escapeHtml(c.label)}</a></li>`,
  );
  return [
    '<nav class="fr-breadcrumb" aria-label="vous êtes ici :">',
    '  <ol class="fr-breadcrumb__list">',
    ...items,
    '  </ol>',
    '</nav>',
  ].join('\n');
}

/**
 * A complete French HTML document in the State design system's layout
 * (DSFR header, footer, breadcrumb); deterministic text for deterministic
 * releases.
 */
export function layout(o: LayoutOptions): string {
  const year = sessionYear(o.session);
  const academie = o.academieName ? `Académie ${deAcademie(o.academieName)}` : undefined;
  const suffix = academie ?? `Résultats du baccalauréat ${year}`;
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    o.noindex ? '<meta name="robots" content="noindex, nofollow">' : '',
    // Pages carry names in their URLs' neighbours: never tell other sites where a reader came from.
    '<meta name="referrer" content="no-referrer">',
    // No favicon: otherwise every phone asks /favicon.ico at 10:00, a 404 for nothing.
    '<link rel="icon" href="data:,">',
    `<title>${escapeHtml(o.title)} — ${escapeHtml(suffix)}</title>`,
    o.stylesheet ? `<link rel="stylesheet" href="${escapeHtml(o.stylesheet)}">` : '',
    o.script ? `<script type="module" src="${escapeHtml(o.script)}"></script>` : '',
  ].filter(Boolean);
  const tagline = academie ? escapeHtml(academie) : 'Toutes les académies';
  return [
    '<!doctype html>',
    '<html lang="fr">',
    '<head>',
    ...head.map((l) => `  ${l}`),
    '</head>',
    '<body>',
    '<div class="fr-skiplinks">',
    '  <nav class="fr-container" aria-label="Accès rapide">',
    '    <ul class="fr-skiplinks__list">',
    '      <li><a class="fr-link" href="#contenu">Aller au contenu</a></li>',
    '    </ul>',
    '  </nav>',
    '</div>',
    '<header class="fr-header">',
    '  <div class="fr-header__body"><div class="fr-container"><div class="fr-header__body-row">',
    '    <div class="fr-header__brand">',
    `      <div class="fr-header__brand-top"><div class="fr-header__logo">${BLOC_MARQUE}` +
      '</div></div>',
    '      <div class="fr-header__service">',
    `        <a href="${HOME_URL}" title="Accueil — Résultats du baccalauréat">` +
      `<p class="fr-header__service-title">Résultats du baccalauréat ${escapeHtml(year)}</p></a>`,
    `        <p class="fr-header__service-tagline">${tagline}</p>`,
    '      </div>',
    '    </div>',
    '  </div></div></div>',
    '</header>',
    '<main id="contenu" class="fr-container fr-pb-6w">',
    o.breadcrumb?.length ? breadcrumb(o.breadcrumb) : '',
    o.main,
    '</main>',
    '<footer class="fr-footer">',
    '  <div class="fr-container"><div class="fr-footer__body">',
    `    <div class="fr-footer__brand">${BLOC_MARQUE}</div>`,
    '    <div class="fr-footer__content">',
    `      <p class="fr-footer__content-desc">${academie ? `${escapeHtml(academie)}. ` : ''}` +
      'Les listes ne comportent que les noms des candidats admis ayant accepté leur ' +
      'publication. Les résultats individuels ne sont consultables qu’avec le numéro de ' +
      'candidat et le code d’accès personnel.</p>',
    '    </div>',
    '  </div></div>',
    '</footer>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((l) => l !== '')
    .concat('')
    .join('\n');
}
