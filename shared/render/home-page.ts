// The national home page (`/`): every académie, its announced instants and
// whether its results are open. Outside any release, it never carries a
// result; shared/publication/home.ts writes it whenever a plan changes. It
// is right without a write at the instant: an announced group says "à partir
// du …" in the page's text, and the countdown script turns it into
// "disponibles" from the instant on (see static-site/countdown/).
import { ACADEMIES, type Academie } from '../domain/reference/academies.js';
import { formatInstantFr } from '../domain/publication/instant.js';
import type { Groupe } from '../domain/vocabulary.js';
import { deAcademie, escapeHtml, layout } from '../site/html.js';
import type { PortalAssets } from './pages.js';

/**
 * announced: an instant is set and nothing is public yet; open: public (published, or armed and
 * past its instant); missed: the instant passed with nothing published.
 */
export type HomeGroupState = 'announced' | 'open' | 'missed';

export interface HomeGroup {
  groupe: Groupe;
  instant: Date;
  state: HomeGroupState;
}

export interface HomeAcademie {
  academie: Academie;
  /** The session's plans, by group; none: nothing announced. */
  groups: readonly HomeGroup[];
}

const GROUP_LABEL: Record<Groupe, string> = { 1: 'Premier groupe', 2: 'Second groupe' };
const BADGE = 'fr-badge fr-badge--sm';

/** Every académie of the reference, in its order, with the plans given for it. */
export function homeAcademies(groups: ReadonlyMap<string, readonly HomeGroup[]>): HomeAcademie[] {
  return ACADEMIES.map((academie) => ({
    academie,
    groups: [...(groups.get(academie.slug) ?? [])].sort((a, b) => a.groupe - b.groupe),
  }));
}

/** `home/index.html`: deterministic for its inputs (no clock read here). */
export function homePage(
  session: string,
  academies: readonly HomeAcademie[],
  assets: PortalAssets,
): string {
  const main = [
    '<h1>Résultats du baccalauréat</h1>',
    '<p class="fr-text--lead">Choisissez votre académie. Votre résultat se consulte avec votre ' +
      'numéro de candidat et votre code d’accès personnel, à partir de la date et de l’heure ' +
      'annoncées par votre académie (heure locale).</p>',
    '<h2>Résultats par académie</h2>',
    '<ul class="academies">',
    ...academies.map(academieItem),
    '</ul>',
  ].join('\n');
  return layout({
    title: 'Accueil',
    session,
    main,
    stylesheet: assets.stylesheet,
    script: assets.countdownScript,
  });
}

function academieItem({ academie, groups }: HomeAcademie): string {
  const name = `Académie ${deAcademie(academie.name)}`;
  // A page exists (announcement or release) once a group is announced or open.
  const reachable = groups.some((g) => g.state !== 'missed');
  const title = reachable
    ? `<a href="/${escapeHtml(academie.slug)}/">${escapeHtml(name)}</a>`
    : escapeHtml(name);
  const lines = groups.map((g) => groupLine(academie, g));
  return [
    '  <li>',
    `    <h3>${title}</h3>`,
    `    ${badge(academie, groups)}`,
    ...lines.map((l) => `    ${l}`),
    '  </li>',
  ].join('\n');
}

const when = (a: Academie, g: HomeGroup) => escapeHtml(formatInstantFr(g.instant, a.timeZone));

/** Whether the académie's results are open: what a reader looks for first. */
function badge(academie: Academie, groups: readonly HomeGroup[]): string {
  if (groups.some((g) => g.state === 'open'))
    return `<p class="${BADGE} fr-badge--success">Résultats disponibles</p>`;
  const next = groups.find((g) => g.state === 'announced');
  if (next)
    return (
      `<p class="${BADGE} fr-badge--info" data-instant="${next.instant.toISOString()}" ` +
      `data-ouvert="Résultats disponibles" data-ouvert-classe="${BADGE} fr-badge--success">` +
      `Résultats à partir du ${when(academie, next)}</p>`
    );
  if (groups.length) return `<p class="${BADGE} fr-badge--warning">Publication reportée</p>`;
  return `<p class="${BADGE}">Date non annoncée</p>`;
}

function groupLine(academie: Academie, g: HomeGroup): string {
  const label = GROUP_LABEL[g.groupe];
  switch (g.state) {
    case 'open':
      return `<p>${label} : résultats disponibles depuis le ${when(academie, g)}</p>`;
    case 'missed':
      return `<p>${label} : publication reportée, une nouvelle date sera annoncée</p>`;
    case 'announced':
      return (
        `<p data-instant="${g.instant.toISOString()}" ` +
        `data-ouvert="${label} : résultats disponibles">` +
        `${label} : résultats à partir du ${when(academie, g)} (heure locale)</p>`
      );
  }
}
