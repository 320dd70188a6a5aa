// The console page's script (served as /admin/console.js, bundled with
// console-view.ts by `npm run build:assets` at install). It calls the admin API's JSON routes
// under /admin/api/ with the session cookie and, on every POST, the
// anti-CSRF token read from /admin/api/moi; on AWS, the HTTP API with a Cognito access token
// (console-auth.ts). It holds no rule: the server
// and the use cases decide; the script shows what they answer, in French.

import {
  $,
  cell,
  countdown,
  dateFr,
  groupName,
  renderAudit,
  renderFraud,
  STATES,
  type AuditEntry,
  type Row,
} from './console-view.js';
import { wireCodesExport } from './console-codes.js';
import {
  awsConfig,
  awsTransport,
  localTransport,
  officerFromToken,
  signInAws,
  type Transport,
} from './console-auth.js';

interface Me {
  username: string;
  roles: string[];
  academies: { slug: string; name: string }[];
  session: string;
  csrf: string;
  siteUrl: string;
}
interface Answer {
  status: number;
  body: Record<string, unknown> | unknown[] | null;
}
let me: Me;
let rows: Row[] = [];
// Local unless the page names its AWS config (console-auth.ts awsConfig).
let transport: Transport = localTransport(() => me.csrf);

function academieName(): string {
  const slug = $('academie', 'select').value;
  return me.academies.find((a) => a.slug === slug)?.name ?? slug;
}
const scope = () => ({
  academie: $('academie', 'select').value,
  session: $('session', 'input').value,
});

async function call(method: 'GET' | 'POST', route: string, data: object = {}): Promise<Answer> {
  const q = method === 'GET' ? `?${new URLSearchParams(data as Record<string, string>)}` : '';
  const res = await fetch(`${transport.url(route)}${q}`, {
    method,
    ...transport.init(method === 'POST'),
    ...(method === 'POST' ? { body: JSON.stringify(data) } : {}),
  });
  if (res.status === 401) window.location.assign(transport.signInUrl);
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Answer['body']) : null };
}

function say(message: string): void {
  $('erreur').replaceChildren();
  const p = document.createElement('p');
  p.className = 'fr-alert fr-alert--success fr-alert--sm';
  p.textContent = message;
  $('annonce').replaceChildren(p);
}
function fail(answer: Answer): void {
  const body = answer.body && !Array.isArray(answer.body) ? answer.body : {};
  const detail = typeof body.message === 'string' ? ` (${body.message})` : '';
  const why: Record<number, string> = {
    400: 'Demande invalide : vérifiez les champs.',
    403: "Refusé : vous n'avez pas de rôle pour cette action dans cette académie.",
    404: 'Introuvable.',
    409: 'Refusé par les règles de publication.',
  };
  const p = document.createElement('p');
  p.className = 'fr-alert fr-alert--error fr-alert--sm';
  p.textContent = (why[answer.status] ?? 'Erreur du service.') + detail;
  $('annonce').replaceChildren();
  $('erreur').replaceChildren(p);
}

function renderStatus(): void {
  const body = $('table-etat').querySelector('tbody');
  if (!body) return;
  body.replaceChildren();
  for (const r of rows) {
    const tr = document.createElement('tr');
    cell(tr, groupName(r.groupe), true);
    cell(tr, r.release ? `${r.release.id.slice(-12)} (${r.release.candidates} candidats)` : 'non');
    cell(tr, r.plan ? `${r.plan.local} (heure locale)` : 'non programmé');
    cell(tr, countdown(r.plan?.instant)).dataset.instant = r.plan?.instant ?? '';
    cell(tr, r.plan ? (STATES[r.plan.state] ?? r.plan.state) : '—');
    cell(tr, r.live ? 'oui' : 'non');
    cell(tr, r.awaitingApproval ? `demandée par ${r.awaitingApproval.requestedBy}` : 'aucune');
    cell(tr, r.takedown ? `${r.takedown.state} (${r.takedown.paths} fichiers)` : 'aucun');
    body.append(tr);
  }
  if (!rows.length) cell(body.insertRow(), 'Rien de programmé ni de prêt pour cette session.');
  renderRequests();
}

function renderRequests(): void {
  const list = $('liste-demandes');
  list.replaceChildren();
  const pending = rows.filter((r) => r.awaitingApproval);
  $('aucune-demande').hidden = pending.length > 0;
  for (const r of pending) {
    const req = r.awaitingApproval;
    if (!req) continue;
    const form = document.createElement('form');
    form.className = 'fr-mb-3w';
    const id = `approuver-${r.groupe}`;
    const what = req.kind === 'publish-now' ? 'la publication immédiate' : "l'instant avancé";
    const own = req.requestedBy === me.username;
    form.innerHTML = `<div class="fr-checkbox-group fr-mb-2w"><input type="checkbox" required
 id="${id}"><label class="fr-label" for="${id}"></label></div>
<button class="fr-btn" type="submit">Approuver</button>`;
    const label = form.querySelector('label');
    if (label)
      label.textContent =
        `J'approuve ${what} des résultats du ${groupName(r.groupe)}, académie ` +
        `${academieName()}, session ${scope().session}, demandée par ${req.requestedBy}` +
        (own ? ' (vous : un autre officier doit approuver)' : '');
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void act('POST', '/approve', { ...scope(), groupe: r.groupe, id: req.id }, (a) =>
        a.body && !Array.isArray(a.body) && a.body.state === 'published'
          ? `Publication approuvée : ${groupName(r.groupe)} en ligne.`
          : `Demande approuvée (${groupName(r.groupe)}).`,
      );
    });
    list.append(form);
  }
}

const holds = (kind: string) => me.roles.some((r) => r.endsWith(`:${kind}`) || r === 'audit');

async function refresh(): Promise<void> {
  const status = await call('GET', '/status', scope());
  if (status.status !== 200 || !Array.isArray(status.body)) {
    fail(status);
    return;
  }
  rows = status.body as Row[];
  renderStatus();
  const audit = await call('GET', '/audit', scope());
  if (Array.isArray(audit.body)) renderAudit(audit.body as AuditEntry[]);
  if (holds('fraud')) renderFraud((await call('GET', '/fraud', scope())).body);
  $('commande-codes').textContent =
    `npx publibac codes export --academie ${scope().academie} --session ${scope().session} ` +
    '--from <fichier des inscrits>';
}

async function act(
  method: 'GET' | 'POST',
  route: string,
  data: object,
  success: (a: Answer) => string,
): Promise<void> {
  const answer = await call(method, route, data);
  if (answer.status >= 400) fail(answer);
  else say(success(answer));
  await refresh();
}

function confirmationText(): void {
  $('publier-confirmation-texte').textContent =
    `Je confirme demander la publication immédiate des résultats du ` +
    `${groupName($('publier-groupe', 'select').value)}, académie ${academieName()}, ` +
    `session ${scope().session}.`;
  $('publier-confirmation', 'input').checked = false;
}

function on(id: string, handler: (form: HTMLFormElement, e: SubmitEvent) => void): void {
  $(id, 'form').addEventListener('submit', (e) => {
    e.preventDefault();
    handler($(id, 'form'), e);
  });
}

function wire(): void {
  on('form-portee', () => {
    confirmationText();
    void refresh();
  });
  on('form-programmer', () => {
    const groupe = Number($('programmer-groupe', 'select').value);
    const at = $('programmer-instant', 'input').value.replace('T', ' ');
    void act('POST', '/schedule', { ...scope(), groupe, at }, (a) =>
      a.status === 202
        ? `Instant avancé demandé (${groupName(groupe)}) : un second officier doit l'approuver.`
        : `${groupName(groupe)} programmé le ${at} (heure locale).`,
    );
  });
  on('form-publier', () => {
    const groupe = Number($('publier-groupe', 'select').value);
    void act(
      'POST',
      '/publish',
      { ...scope(), groupe, now: true },
      () =>
        `Publication immédiate demandée (${groupName(groupe)}, ${academieName()}) : ` +
        'un second officier doit l’approuver dans les 15 minutes.',
    );
    $('publier-confirmation', 'input').checked = false;
  });
  on('form-repetition', () => {
    const groupe = Number($('repetition-groupe', 'select').value);
    void act(
      'POST',
      '/rehearse',
      { ...scope(), groupe },
      () => 'Répétition lancée : le lien signé sera disponible une fois le rendu terminé.',
    );
  });
  on('form-lien', () => {
    void (async () => {
      const a = await call('GET', '/rehearsal-link', scope());
      if (a.status !== 200 || !a.body || Array.isArray(a.body)) {
        fail(a);
        return;
      }
      const link = document.createElement('a');
      link.className = 'fr-link';
      link.href = `${me.siteUrl}${String(a.body.path)}`;
      const until = dateFr(String(a.body.expires));
      link.textContent = `Ouvrir la répétition (lien valable jusqu’au ${until})`;
      $('lien-repetition').replaceChildren(link);
      say('Lien de répétition créé et inscrit au journal.');
      await refresh();
    })();
  });
  on('form-fraude', (_form, e) => {
    const action = (e.submitter as HTMLButtonElement | null)?.value ?? 'flag';
    const numero = $('fraude-numero', 'input').value.trim();
    const pv = $('fraude-pv', 'input').value.trim();
    void act(
      'POST',
      `/fraud/${action === 'release' ? 'release' : 'flag'}`,
      action === 'release'
        ? { ...scope(), numero, now: true }
        : { ...scope(), numero, pv: pv || null },
      () => (action === 'release' ? 'Procédure levée.' : 'Résultat retenu.'),
    );
  });
  // Access codes: the inscriptions file up, codes.csv down (shared/console/console-codes.ts).
  wireCodesExport({ call, scope, say, fail, refresh });
  $('publier-groupe', 'select').addEventListener('change', confirmationText);
  $('academie', 'select').addEventListener('change', confirmationText);
  $('deconnexion').addEventListener('click', () => {
    void transport.signOut().then((next) => {
      window.location.assign(next);
    });
  });
}

async function start(): Promise<void> {
  const aws = await awsConfig();
  if (aws) {
    const page = `${location.origin}${location.pathname}`;
    const token = await signInAws(aws, new URL(location.href));
    if (!token) return;
    transport = awsTransport(aws, token, page);
    me = officerFromToken(token);
  } else {
    const res = await fetch('/admin/api/moi', { credentials: 'same-origin' });
    if (res.status !== 200) {
      window.location.assign(transport.signInUrl);
      return;
    }
    me = (await res.json()) as Me;
  }
  $('officier').textContent = `${me.username} (${me.roles.join(', ')})`;
  const select = $('academie', 'select');
  for (const a of me.academies) select.add(new Option(a.name, a.slug));
  $('session', 'input').value = me.session;
  document.querySelectorAll<HTMLElement>('[data-role]').forEach((el) => {
    el.hidden = !holds(el.dataset.role ?? '');
  });
  wire();
  confirmationText();
  await refresh();
  // The countdowns tick each second; the state is read again every 10 s (the flip is at the edge).
  setInterval(() => {
    document.querySelectorAll<HTMLElement>('[data-instant]').forEach((c) => {
      if (c.dataset.instant) c.textContent = countdown(c.dataset.instant);
    });
  }, 1000);
  setInterval(() => void refresh(), 10_000);
}

void start();
