// Who may do what, on which académie: the one definition. About thirty
// rectorats share one deployment, and each must only ever touch its own
// académie, so every role but the national audit reader is scoped to one
// académie. Cognito groups (infra/admin-api.ts) and the CLI's PUBLIBAC_ROLES
// are spelt exactly like the roles here.
import { ACADEMIES, findAcademie } from './reference/academies.js';

/** What an académie role allows: the publication of results, or fraud procedures (withholding). */
export type RoleKind = 'publication' | 'fraud';
export const ROLE_KINDS: readonly RoleKind[] = ['publication', 'fraud'];

/**
 * The national reader: status and audit of every académie, fraud details included; no action at
 * all.
 */
export const AUDIT_ROLE = 'audit';

/**
 * `<slug>:publication`, `<slug>:fraud` (slugs of shared/domain/reference/academies.ts), or `audit`.
 */
export type Role = `${string}:${RoleKind}` | typeof AUDIT_ROLE;

/** Stands for "every académie" (the rehearsal signing key, the audit entry of its rotation). */
export const EVERY_ACADEMIE = '*';

/**
 * Someone acting: the audit actor and the roles they hold (from their token's groups, or the CLI's
 * configuration).
 */
export interface Officer {
  readonly actor: string;
  readonly roles: readonly Role[];
}

export function academieRole(slug: string, kind: RoleKind): Role {
  return `${slug}:${kind}`;
}

/**
 * A role as written in a Cognito group or PUBLIBAC_ROLES; null for anything else (an unknown
 * académie or kind).
 */
export function parseRole(text: string): Role | null {
  const value = text.trim();
  if (value === AUDIT_ROLE) return AUDIT_ROLE;
  const [, slug, kind] = /^([a-z-]+):([a-z]+)$/.exec(value) ?? [];
  if (slug === undefined || kind === undefined) return null;
  if (!findAcademie(slug) || !(ROLE_KINDS as readonly string[]).includes(kind)) return null;
  return academieRole(slug, kind as RoleKind);
}

/**
 * Every role that exists: two per académie and the national reader (the Cognito groups infra
 * creates).
 */
export function allRoles(): Role[] {
  return [...ACADEMIES.flatMap((a) => ROLE_KINDS.map((k) => academieRole(a.slug, k))), AUDIT_ROLE];
}

/**
 * The officer a token's groups make. Groups that are no role (the former
 * global `publication-officers` and `fraud-officers`, or anything else an
 * administrator adds to the pool) grant nothing.
 */
export function officerFromGroups(actor: string, groups: readonly string[]): Officer {
  const roles = groups.map(parseRole).filter((r): r is Role => r !== null);
  return { actor, roles: [...new Set(roles)] };
}

/**
 * What an officer may ask for. Each action needs one of the académie roles
 * listed, of the académie it acts on; `audit` marks the read-only actions the
 * national reader may do anywhere.
 */
const ACTIONS = {
  render: { kinds: ['publication'], audit: false, what: 'render a release' },
  rehearse: { kinds: ['publication'], audit: false, what: 'rehearse or open a rehearsal' },
  schedule: { kinds: ['publication'], audit: false, what: 'schedule a publication' },
  publish: { kinds: ['publication'], audit: false, what: 'publish results' },
  approve: { kinds: ['publication'], audit: false, what: 'approve a publication request' },
  codes: { kinds: ['publication'], audit: false, what: 'issue access codes' },
  withhold: { kinds: ['fraud'], audit: false, what: 'open or close a fraud procedure' },
  'read-fraud': { kinds: ['fraud'], audit: true, what: 'read fraud procedures' },
  read: { kinds: ['publication', 'fraud'], audit: true, what: 'read the status and audit trail' },
  /**
   * One key signs every académie's rehearsal links, so a rotation revokes
   * them all; any publication officer may pull it (a leaked link must be
   * revocable at once by whoever sees the leak). It opens nothing, costs
   * others only fresh links, and is audited with who did it.
   */
  'rotate-rehearsal-key': {
    kinds: ['publication'],
    audit: false,
    what: 'rotate the rehearsal signing key',
  },
} as const satisfies Record<string, { kinds: readonly RoleKind[]; audit: boolean; what: string }>;

export type Action = keyof typeof ACTIONS;

/** Refused: the officer holds no role that allows the action on this académie. Nothing was done. */
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
  constructor(
    message: string,
    readonly academie: string,
    /** Any one of these would have allowed it. */
    readonly required: readonly string[],
  ) {
    super(message);
  }
}

/**
 * The roles any one of which allows `action` on `academie` (`*` for the rotation: any académie's).
 */
export function rolesAllowing(action: Action, academie: string): string[] {
  const rule = ACTIONS[action];
  const scoped = rule.kinds.map((k) =>
    academie === EVERY_ACADEMIE ? `<académie>:${k}` : academieRole(academie, k),
  );
  return rule.audit ? [...scoped, AUDIT_ROLE] : scoped;
}

/** Whether the officer may do `action` on `academie`. */
export function may(officer: Officer, action: Action, academie: string): boolean {
  const rule = ACTIONS[action];
  if (rule.audit && officer.roles.includes(AUDIT_ROLE)) return true;
  if (action === 'rotate-rehearsal-key')
    return officer.roles.some((r) => r.endsWith(':publication'));
  return rule.kinds.some((k) => officer.roles.includes(academieRole(academie, k)));
}

/** As `may`, refusing with a ForbiddenError that names the académie and the role required. */
export function authorize(officer: Officer, action: Action, academie: string): void {
  if (may(officer, action, academie)) return;
  const required = rolesAllowing(action, academie);
  const where = academie === EVERY_ACADEMIE ? 'any académie' : academie;
  throw new ForbiddenError(
    `${officer.actor} may not ${ACTIONS[action].what} for ${where}: ` +
      `requires the role ${required.join(' or ')}`,
    academie,
    required,
  );
}

/**
 * The académies on which the officer may do `action`: every one for the national reader of a read
 * action.
 */
export function academiesFor(officer: Officer, action: Action): string[] {
  return ACADEMIES.map((a) => a.slug).filter((slug) => may(officer, action, slug));
}
