// What the console page shows, drawn from the admin API's answers: its
// tables and the French words for the API's codes. Bundled into
// /admin/console.js with console-client.ts.

export interface Row {
  groupe: number;
  plan: { state: string; instant: string; local: string } | null;
  release: { id: string; candidates: number; objects: number } | null;
  live: boolean;
  takedown: { state: string; paths: number } | null;
  awaitingApproval: { id: string; kind: string; requestedBy: string; expiresAt: string } | null;
}
export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  groupe: number | null;
  detail: string;
}

// The page's elements by id, typed by their tag (the template is the one in console-pages.ts).
export function $(id: string): HTMLElement;
export function $<K extends keyof HTMLElementTagNameMap>(
  id: string,
  tag: K,
): HTMLElementTagNameMap[K];
export function $(id: string, tag?: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el || (tag && el.tagName.toLowerCase() !== tag)) throw new Error(`#${id} missing`);
  return el;
}
export const STATES: Record<string, string> = {
  scheduled: 'programmé',
  armed: 'armé',
  published: 'publié',
  missed: 'manqué',
};
/** The audit log's actions (shared/ports/audit-log.port.ts), in French. */
export const ACTIONS: Record<string, string> = {
  render: 'rendu',
  schedule: 'programmation',
  arm: 'armement',
  'arm-deferred': 'armement différé',
  missed: 'instant manqué',
  publish: 'publication',
  rehearse: 'répétition',
  'rehearsal-link': 'lien de répétition',
  'rehearsal-key-rotation': 'rotation de la clé de répétition',
  'fraud-flag': 'résultat retenu (fraude)',
  'fraud-release': 'procédure levée',
  takedown: 'retrait',
  'codes-export': 'export des codes',
  'expire-lists': 'retrait des listes',
  'publish-request': 'demande de publication immédiate',
  'schedule-request': "demande d'instant avancé",
  approve: 'approbation',
  refused: 'refus',
};
export const groupName = (g: number | string) => (String(g) === '1' ? '1er groupe' : '2nd groupe');
export const dateFr = (iso: string) =>
  new Date(iso).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'medium' });

export function cell(tr: HTMLTableRowElement, text: string, header = false): HTMLTableCellElement {
  const c = document.createElement(header ? 'th' : 'td');
  if (header) c.setAttribute('scope', 'row');
  c.textContent = text;
  tr.append(c);
  return c;
}

export function countdown(iso: string | undefined): string {
  if (!iso) return '—';
  const s = Math.round((new Date(iso).getTime() - Date.now()) / 1000);
  if (s <= 0) return 'instant passé';
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h ? `${h} h ` : ''}${m} min ${s % 60} s`;
}

export function renderAudit(entries: AuditEntry[]): void {
  const body = $('table-audit').querySelector('tbody');
  if (!body) return;
  body.replaceChildren();
  for (const e of [...entries].reverse()) {
    const tr = document.createElement('tr');
    cell(tr, dateFr(e.at), true);
    cell(tr, e.actor);
    cell(tr, ACTIONS[e.action] ?? e.action);
    cell(tr, e.groupe ? groupName(e.groupe) : '—');
    cell(tr, e.detail);
    body.append(tr);
  }
}

export function renderFraud(list: unknown): void {
  const body = $('table-fraude').querySelector('tbody');
  if (!body || !Array.isArray(list)) return;
  body.replaceChildren();
  for (const p of list as Record<string, unknown>[]) {
    const tr = document.createElement('tr');
    cell(tr, typeof p.numero === 'string' ? p.numero : '', true);
    cell(tr, typeof p.flaggedAt === 'string' ? dateFr(p.flaggedAt) : '—');
    cell(tr, typeof p.releasedAt === 'string' ? dateFr(p.releasedAt) : '—');
    cell(tr, p.releasedAt ? 'levée' : 'en cours');
    body.append(tr);
  }
}
