// The console's two templates, static HTML in the State design system
// (DSFR `fr-` classes): the sign-in page and the console page. Neither
// carries data: the console's script reads everything from the JSON routes
// once signed in, so the page itself is the same for every officer.
import { escapeHtml } from '../site/html.js';

export const CONSOLE_PATH = '/admin';
export const SIGN_IN_PATH = '/admin/connexion';

function layout(title: string, main: string, tools = ''): string {
  return `<!doctype html>
<html lang="fr" data-fr-scheme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)} — Console du rectorat</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/admin/dsfr.css">
<link rel="stylesheet" href="/admin/console.css">
</head>
<body>
<div class="fr-skiplinks"><nav class="fr-container" aria-label="Accès rapide">
<ul class="fr-skiplinks__list"><li><a class="fr-link" href="#contenu">Contenu</a></li></ul>
</nav></div>
<header role="banner" class="fr-header"><div class="fr-header__body"><div class="fr-container">
<div class="fr-header__body-row">
<div class="fr-header__brand fr-enlarge-link"><div class="fr-header__brand-top">
<div class="fr-header__logo"><p class="fr-logo">République<br>Française</p></div></div>
<div class="fr-header__service"><a href="/admin" title="Accueil — Console du rectorat">
<p class="fr-header__service-title">Console du rectorat</p></a>
<p class="fr-header__service-tagline">Publication des résultats du baccalauréat</p></div></div>
${tools}
</div></div></div></header>
<main id="contenu" class="fr-container fr-my-4w" tabindex="-1">
${main}
</main>
<footer class="fr-footer" role="contentinfo"><div class="fr-container"><div class="fr-footer__body">
<div class="fr-footer__content"><p class="fr-footer__content-desc">Publibac — console locale des
officiers de rectorat. Chaque action est inscrite au journal d'audit.</p></div>
</div></div></footer>
</body>
</html>
`;
}

/** The sign-in form; `error` (already French) is announced by screen readers (role="alert"). */
export function signInPage(opts: { error?: string; username?: string } = {}): string {
  const error = opts.error
    ? `<div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
<h2 class="fr-alert__title">Connexion refusée</h2><p>${escapeHtml(opts.error)}</p></div>`
    : '';
  const invalid = opts.error ? ' aria-describedby="erreur-connexion" aria-invalid="true"' : '';
  return layout(
    'Connexion',
    `<div class="fr-grid-row fr-grid-row--center"><div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Connexion à la console</h1>
${error}
<form method="post" action="${SIGN_IN_PATH}" id="form-connexion">
<fieldset class="fr-fieldset">
<legend class="fr-fieldset__legend">Vos identifiants d'officier</legend>
<div class="fr-fieldset__element"><div class="fr-input-group">
<label class="fr-label" for="identifiant">Identifiant</label>
<input class="fr-input" id="identifiant" name="identifiant" autocomplete="username" required
 value="${escapeHtml(opts.username ?? '')}"${invalid}>
</div></div>
<div class="fr-fieldset__element"><div class="fr-input-group">
<label class="fr-label" for="mot-de-passe">Mot de passe</label>
<input class="fr-input" id="mot-de-passe" name="mot-de-passe" type="password"
 autocomplete="current-password" required${invalid}>
${opts.error ? '<p class="fr-error-text" id="erreur-connexion">Vérifiez vos identifiants.</p>' : ''}
</div></div>
<div class="fr-fieldset__element">
<button class="fr-btn" type="submit">Se connecter</button></div>
</fieldset>
</form>
</div></div>`,
  );
}

const GROUP_OPTIONS = `<option value="1">1er groupe</option><option value="2">2nd groupe</option>`;

function select(id: string, label: string): string {
  return `<div class="fr-select-group"><label class="fr-label" for="${id}">${label}</label>
<select class="fr-select" id="${id}" name="groupe">${GROUP_OPTIONS}</select></div>`;
}

function section(id: string, title: string, body: string, role = ''): string {
  const data = role ? ` data-role="${role}"` : '';
  return `<section class="fr-mb-6w" id="${id}" aria-labelledby="${id}-titre"${data}>
<h2 id="${id}-titre">${title}</h2>
${body}
</section>`;
}

function table(id: string, caption: string, columns: readonly string[]): string {
  const heads = columns.map((c) => `<th scope="col">${c}</th>`).join('');
  // The container scrolls sideways on a phone: focusable, so a keyboard can scroll it too.
  return `<div class="fr-table" id="${id}-conteneur"><div class="fr-table__wrapper">
<div class="fr-table__container" tabindex="0" role="region" aria-label="${caption}">
<div class="fr-table__content">
<table id="${id}"><caption>${caption}</caption>
<thead><tr>${heads}</tr></thead><tbody></tbody></table>
</div></div></div></div>`;
}

/** The console: every section is filled and driven by /admin/console.js. */
export function consolePage(): string {
  const tools = `<div class="fr-header__tools"><div class="fr-header__tools-links">
<p class="fr-mb-0 fr-mr-2w" id="officier">Connexion en cours</p>
<button class="fr-btn fr-btn--tertiary fr-btn--sm" type="button" id="deconnexion">Se déconnecter
</button></div></div>`;
  const main = `<h1>Publication des résultats</h1>
<div id="annonce" role="status" aria-live="polite" class="fr-mb-2w"></div>
<div id="erreur" role="alert" class="fr-mb-2w"></div>
<form id="form-portee" class="fr-mb-4w">
<fieldset class="fr-fieldset"><legend class="fr-fieldset__legend">Académie et session</legend>
<div class="fr-fieldset__element fr-fieldset__element--inline"><div class="fr-select-group">
<label class="fr-label" for="academie">Académie</label>
<select class="fr-select" id="academie" name="academie"></select></div></div>
<div class="fr-fieldset__element fr-fieldset__element--inline"><div class="fr-input-group">
<label class="fr-label" for="session">Session <span class="fr-hint-text">Format : AAAA-MM</span>
</label><input class="fr-input" id="session" name="session" pattern="[0-9]{4}-[0-9]{2}" required>
</div></div>
<div class="fr-fieldset__element fr-fieldset__element--inline">
<button class="fr-btn fr-btn--secondary" type="submit">Afficher</button></div>
</fieldset></form>
${section(
  'etat',
  'État de la publication',
  table('table-etat', 'État de chaque groupe : version prête, instant, mise en ligne', [
    'Groupe',
    'Version prête',
    'Instant annoncé',
    'Compte à rebours',
    'État',
    'En ligne',
    'Demande en attente',
    'Retrait en cours',
  ]),
)}
${section(
  'approbations',
  'Demandes à approuver',
  `<p id="aucune-demande">Aucune demande en attente.</p><div id="liste-demandes"></div>`,
  'publication',
)}
${section(
  'programmer',
  'Programmer ou reprogrammer',
  `<p>Un instant plus tôt que celui annoncé devra être approuvé par un second officier.</p>
<form id="form-programmer">${select('programmer-groupe', 'Groupe à programmer')}
<div class="fr-input-group"><label class="fr-label" for="programmer-instant">Date et heure
<span class="fr-hint-text">Heure locale de l'académie</span></label>
<input class="fr-input" id="programmer-instant" type="datetime-local" required></div>
<button class="fr-btn" type="submit">Programmer</button></form>`,
  'publication',
)}
${section(
  'publier',
  'Publier maintenant',
  `<p>La demande ne publie rien : un second officier de l'académie doit l'approuver dans les
15 minutes.</p>
<form id="form-publier">${select('publier-groupe', 'Groupe à publier')}
<div class="fr-checkbox-group fr-mb-2w"><input type="checkbox" id="publier-confirmation" required>
<label class="fr-label" for="publier-confirmation" id="publier-confirmation-texte">Je confirme
</label></div>
<button class="fr-btn" type="submit">Demander la publication immédiate</button></form>`,
  'publication',
)}
${section(
  'repetition',
  'Répétition',
  `<p>Une répétition complète, aux identités fictives, visible seulement par lien signé.</p>
<form id="form-repetition" class="fr-mb-2w">
${select('repetition-groupe', 'Groupe de la répétition')}
<button class="fr-btn fr-btn--secondary" type="submit">Lancer une répétition</button></form>
<form id="form-lien"><button class="fr-btn fr-btn--secondary" type="submit">Obtenir un lien signé
</button></form><p id="lien-repetition" class="fr-mt-2w"></p>`,
  'publication',
)}
${section(
  'fraude',
  'Procédures de fraude',
  `<form id="form-fraude" class="fr-mb-3w">
<div class="fr-input-group"><label class="fr-label" for="fraude-numero">Numéro de candidat</label>
<input class="fr-input" id="fraude-numero" required pattern="[0-9A-Za-z]{6,20}"></div>
<div class="fr-input-group"><label class="fr-label" for="fraude-pv">Référence du procès-verbal
<span class="fr-hint-text">Facultatif</span></label><input class="fr-input" id="fraude-pv"></div>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button class="fr-btn" type="submit" name="action" value="flag">Retenir le résultat</button>
</li>
<li><button class="fr-btn fr-btn--secondary" type="submit" name="action" value="release">
Lever la procédure</button></li></ul></form>
${table('table-fraude', 'Procédures de la session', ['Candidat', 'Ouverte', 'Levée', 'État'])}`,
  'fraud',
)}
${section(
  'codes',
  "Codes d'accès",
  `<p>Les codes d'accès des candidats inscrits, pour le publipostage des convocations. L'export
est inscrit au journal (qui, quand, combien).</p>
<form id="form-codes" class="fr-mb-3w"><div class="fr-upload-group">
<label class="fr-label" for="codes-fichier">Fichier des inscrits
<span class="fr-hint-text">CSV séparé par « ; » : numero;nom;prenoms;uai (4 Mo au plus)</span>
</label><input class="fr-upload" type="file" id="codes-fichier" accept=".csv,text/csv" required>
</div><button class="fr-btn fr-mt-2w" type="submit">Exporter les codes</button></form>
<p id="codes-resultat" aria-live="polite"></p>
<p>Les fiches imprimables par établissement restent en ligne de commande :</p>
<pre class="fr-text--sm" id="commande-codes"></pre>`,
  'publication',
)}
${section(
  'audit',
  "Journal d'audit",
  table('table-audit', "Journal d'audit de l'académie, du plus récent au plus ancien", [
    'Date',
    'Officier',
    'Action',
    'Groupe',
    'Détail',
  ]),
)}
<script type="module" src="/admin/console.js"></script>`;
  return layout('Publication', main, tools);
}
