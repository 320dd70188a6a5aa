// What an officer may ask, each checked against their roles before the use
// case runs (shared/domain/authority.ts says which role allows what). The
// admin API, the render and fraud functions and the CLI reach the use cases
// through here only (test/unit/publication/entry-points.test.ts holds them
// to it); the use cases below stay callable by the system (the scheduler,
// a takedown re-arming a release), which acts without an officer.
// Every refusal is audited: who asked what, on which académie.
import {
  academiesFor,
  authorize,
  EVERY_ACADEMIE,
  ForbiddenError,
  may,
  type Action,
  type Officer,
  type Role,
} from '../domain/authority.js';
import type { AuditEntry } from '../ports/audit-log.port.js';
import type { CandidateIdentity } from './candidates-file.js';
import { exportAccessCodes, reissueAccessCode } from './codes-export.usecase.js';
import type { PublicationDeps } from './publication.deps.js';
import { academieOf, type PlanKey } from './publication.usecase.js';
import { mintRehearsalLink, rotateRehearsalKey, type MintRequest } from './rehearsal-link.js';
import { rehearse, renderRehearsal } from './rehearse.usecase.js';
import { renderAcademie, type RenderRequest } from './render.usecase.js';
import { publicationStatus } from './status.usecase.js';
import { approveRequest, requestPublishNow, scheduleOrRequest } from './two-person.usecase.js';
import { flagCandidate, releaseCandidate } from './withholding.usecase.js';
import type { Groupe } from '../domain/vocabulary.js';

/**
 * What replaces the details of a fraud procedure for an officer without the fraud or audit role.
 */
export const REDACTED_FRAUD_DETAIL = 'fraud procedure: details restricted to fraud officers';
/** Audit entries that name a candidate under procedure (number, PV reference). */
const FRAUD_DETAIL_ACTIONS: ReadonlySet<AuditEntry['action']> = new Set([
  'fraud-flag',
  'fraud-release',
]);

type Scope = { session: string; groupe?: Groupe | null };
type Render = Omit<RenderRequest, 'actor' | 'kind'>;

/**
 * One render to queue (the admin API fans them out to the render function, which checks the officer
 * again).
 */
export interface QueuedRender {
  academie: string;
  session: string;
  groupe: Groupe;
  kind: 'release' | 'rehearsal';
  actor: string;
  roles: Role[];
}

/**
 * The audit trail as this officer may read it: entries of the académies
 * they hold a role in (every académie for the national reader), the
 * rotations that concern everyone, and their own attempts anywhere; the
 * details of fraud procedures only for the académie's fraud officers and
 * the national reader.
 */
export function visibleAudit(by: Officer, entries: readonly AuditEntry[]): AuditEntry[] {
  const anyRole = by.roles.length > 0;
  return entries
    .filter((e) =>
      e.academie === EVERY_ACADEMIE ? anyRole : may(by, 'read', e.academie) || e.actor === by.actor,
    )
    .map((e) =>
      FRAUD_DETAIL_ACTIONS.has(e.action) && !may(by, 'read-fraud', e.academie)
        ? { ...e, detail: REDACTED_FRAUD_DETAIL }
        : e,
    );
}

/**
 * The use cases as `by` may run them; each refuses (ForbiddenError, audited) an académie the
 * officer holds no role for.
 */
export function actingAs(deps: PublicationDeps, by: Officer) {
  const check = async (action: Action, academie: string, scope: Scope) => {
    try {
      authorize(by, action, academie);
    } catch (err) {
      if (!(err instanceof ForbiddenError)) throw err;
      await deps.audit.record({
        at: deps.clock.now().toISOString(),
        actor: by.actor,
        action: 'refused',
        academie,
        session: scope.session,
        groupe: scope.groupe ?? null,
        releaseId: null,
        detail: err.message,
      });
      throw err;
    }
  };
  /** The académie (known, or PublicationError) once the officer may act on it. */
  const on = async (action: Action, slug: string, scope: Scope) => {
    const academie = academieOf(slug).slug;
    await check(action, academie, scope);
    return academie;
  };
  const actor = by.actor;

  return {
    render: async (req: Render) =>
      renderAcademie(deps, {
        ...req,
        academie: await on('render', req.academie, { session: req.session, groupe: req.groupe }),
        actor,
      }),
    renderRehearsal: async (req: Render) =>
      renderRehearsal(deps, {
        ...req,
        academie: await on('rehearse', req.academie, { session: req.session, groupe: req.groupe }),
        actor,
      }),
    rehearse: async (req: Render & { validForMs?: number }) =>
      rehearse(deps, {
        ...req,
        academie: await on('rehearse', req.academie, { session: req.session, groupe: req.groupe }),
        actor,
      }),
    rehearsalLink: async (req: Omit<MintRequest, 'actor'>) =>
      mintRehearsalLink(deps, {
        ...req,
        academie: await on('rehearse', req.academie, { session: req.session }),
        actor,
      }),
    rotateRehearsalKey: async () => {
      await check('rotate-rehearsal-key', EVERY_ACADEMIE, { session: EVERY_ACADEMIE });
      return rotateRehearsalKey(deps, actor);
    },
    /** Checks every académie first: one refused, none is queued. */
    queueRenders: async <T>(
      req: {
        academies: readonly string[];
        session: string;
        groupe: Groupe;
        kind: 'release' | 'rehearsal';
      },
      enqueue: (renders: QueuedRender[]) => Promise<T>,
    ): Promise<T> => {
      const action = req.kind === 'release' ? 'render' : 'rehearse';
      const academies: string[] = [];
      for (const slug of req.academies)
        academies.push(await on(action, slug, { session: req.session, groupe: req.groupe }));
      return enqueue(
        academies.map((academie) => ({
          academie,
          session: req.session,
          groupe: req.groupe,
          kind: req.kind,
          actor,
          roles: [...by.roles],
        })),
      );
    },

    /** A first instant or a later one at once; an earlier one waits for a second officer. */
    schedule: async (req: PlanKey & { at: string; listsDays?: number }) =>
      scheduleOrRequest(deps, { ...req, academie: await on('schedule', req.academie, req), actor }),
    /** Always a request: a second officer's approval publishes. */
    publishNow: async (req: PlanKey & { listsDays?: number }) =>
      requestPublishNow(deps, { ...req, academie: await on('publish', req.academie, req), actor }),
    approve: async (req: PlanKey & { id?: string }) =>
      approveRequest(deps, { ...req, academie: await on('approve', req.academie, req), actor }),

    /** The rows of the académies the officer may read (one named: refused unless they may). */
    status: async (filter: { academie?: string; session?: string } = {}) => {
      const academies = await readable(filter);
      return (await publicationStatus(deps, filter)).filter((row) => academies.has(row.academie));
    },
    audit: async (filter: { academie?: string; session?: string } = {}) => {
      await readable(filter);
      return visibleAudit(by, await deps.audit.entries(filter));
    },

    flag: async (req: { academie: string; session: string; numero: string; pv?: string | null }) =>
      flagCandidate(deps, { ...req, academie: await on('withhold', req.academie, req), actor }),
    release: async (req: { academie: string; session: string; numero: string; now?: boolean }) =>
      releaseCandidate(deps, { ...req, academie: await on('withhold', req.academie, req), actor }),
    fraudProcedures: async (req: { academie: string; session: string }) =>
      deps.fraud.list(req.session, await on('read-fraud', req.academie, req)),

    exportCodes: async (req: {
      academie: string;
      session: string;
      candidates: readonly CandidateIdentity[];
    }) =>
      exportAccessCodes(deps, { ...req, academie: await on('codes', req.academie, req), actor }),
    reissueCode: async (req: { academie: string; session: string; numero: string }) =>
      reissueAccessCode(deps, { ...req, academie: await on('codes', req.academie, req), actor }),
  };

  /**
   * The académies a read covers: the one named (if the officer may read it), else all they may read
   * (refused if none).
   */
  async function readable(filter: { academie?: string; session?: string }): Promise<Set<string>> {
    const scope = { session: filter.session ?? EVERY_ACADEMIE };
    if (filter.academie !== undefined) return new Set([await on('read', filter.academie, scope)]);
    const academies = academiesFor(by, 'read');
    if (academies.length === 0) await check('read', EVERY_ACADEMIE, scope);
    return new Set(academies);
  }
}

export type OfficerActions = ReturnType<typeof actingAs>;
