import { z } from 'zod';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { CODES_EXPORT_MAX_BYTES, type AdminRouteKey } from '../../shared/contracts/admin-routes.js';
import type { Officer } from '../../shared/domain/authority.js';
import { AcademieSlug, CandidateNumber, Groupe, Session } from '../../shared/domain/vocabulary.js';
import type { ApprovalRequest } from '../../shared/ports/approval-requests.port.js';
import { actingAs } from '../../shared/publication/officer-actions.usecase.js';
import type { PublicationDeps } from '../../shared/publication/publication.deps.js';
import { RehearsalNotFoundError } from '../../shared/publication/rehearsal-link.js';
import { CandidatesFileError, parseCandidates } from '../../shared/publication/candidates-file.js';
import { callOfficerFunction } from '../officer-call.js';
import { fanOutRender } from '../render-call.js';

export interface RouteDeps {
  deps: PublicationDeps;
  lambda: LambdaClient;
  renderFunction: string;
  fraudFunction: string;
  /**
   * Carries out what writes a pointer or the rehearsal key: scheduling, approvals, key rotations.
   */
  publishFunction: string;
}

export interface RouteInput {
  /** The caller, from the token: the use cases check their roles against the académie. */
  officer: Officer;
  body: unknown;
  query: Record<string, string | undefined>;
}

/** A request refused before anything is done (400), each issue naming what is wrong. */
export class InvalidRequestError extends Error {
  override name = 'InvalidRequestError';
  constructor(readonly issues: string[]) {
    super(issues.join('\n'));
  }
}

/** A response whose status the route decides (202 for a request awaiting approval). */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

export interface Route {
  /** 200 unless the work is queued (202), or the route answers a Reply. */
  status?: number;
  run(input: RouteInput, d: RouteDeps): Promise<unknown>;
}

const PlanBody = z.object({ academie: AcademieSlug, session: Session, groupe: Groupe });
/**
 * Days the name lists stay online (the use case refuses anything but 1 to 365 with its own
 * message).
 */
const ListsDays = z.object({ listsDays: z.number().optional() });
const Filter = z.object({ academie: AcademieSlug.optional(), session: Session.optional() });
const LinkQuery = z.object({
  academie: AcademieSlug,
  session: Session,
  id: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .optional(),
  validForMinutes: z.coerce.number().int().positive().optional(),
});
const CodesExportBody = z.object({
  academie: AcademieSlug,
  session: Session,
  /** The inscriptions file's text ("numero;nom;prenoms;uai"), as the CLI reads it. */
  inscriptions: z.string().min(1),
  filename: z
    .string()
    .regex(/^[\w .()-]{1,100}$/)
    .optional(),
});
/** What the publish function answers: codes.csv and its counts. */
const CodesExportOutcome = z.object({
  csv: z.string(),
  count: z.number().int(),
  etablissements: z.number().int(),
});
const RequestId = z.string().regex(/^req-[0-9a-f]{12}$/);

/**
 * What scheduling answers, from the publish function: done, or a request awaiting a second officer.
 */
const ScheduleOutcome = z.union([
  z.object({ state: z.literal('done'), plan: z.record(z.string(), z.unknown()) }),
  z.object({
    state: z.literal('awaiting-approval'),
    request: z
      .object({ academie: z.string(), session: z.string(), groupe: Groupe, id: z.string() })
      .loose(),
  }),
]);

/**
 * A request recorded under the two-person rule: what a second officer of the académie sends to
 * carry it out.
 */
const awaiting = (request: Pick<ApprovalRequest, 'academie' | 'session' | 'groupe' | 'id'>) =>
  new Reply(202, {
    state: 'awaiting-approval',
    request,
    approveWith: {
      route: 'POST /approve',
      body: {
        academie: request.academie,
        session: request.session,
        groupe: request.groupe,
        id: request.id,
      },
    },
  });

/**
 * The admin API's routes (route key → use case, as the caller: every role
 * check is in the use cases, shared/publication/officer-actions.usecase.ts).
 * Rendering is queued (one asynchronous render per académie, each checked
 * before anything is queued): a render outlasts the API's 30-second limit.
 * The API itself writes no pointer and rewrites no file of a live release:
 * withholding runs in the fraud function, and whatever moves a pointer or
 * the rehearsal key (scheduling, which may disarm one; an approval, which
 * publishes; a key rotation) in the publish function. The API calls them
 * with the caller and waits. Publishing now, or moving an instant earlier,
 * is a request (202) that a second officer carries out with POST /approve.
 */
export const ROUTES: Record<AdminRouteKey, Route> = {
  'POST /render': {
    status: 202,
    run: ({ officer, body }, d) => {
      const b = z
        .object({
          academies: z.array(AcademieSlug).min(1).max(40),
          session: Session,
          groupe: Groupe,
        })
        .parse(body);
      return actingAs(d.deps, officer).queueRenders({ ...b, kind: 'release' }, (renders) =>
        fanOutRender(d.lambda, d.renderFunction, renders),
      );
    },
  },
  'POST /rehearse': {
    status: 202,
    run: ({ officer, body }, d) => {
      const b = z.object({ academie: AcademieSlug, session: Session, groupe: Groupe }).parse(body);
      return actingAs(d.deps, officer).queueRenders(
        { academies: [b.academie], session: b.session, groupe: b.groupe, kind: 'rehearsal' },
        (renders) => fanOutRender(d.lambda, d.renderFunction, renders),
      );
    },
  },
  'GET /rehearsal-link': {
    // The use case caps the validity (2 h by default, 24 h at most) and audits the link.
    run: async ({ officer, query }, d) => {
      const q = LinkQuery.parse(query);
      const link = await actingAs(d.deps, officer)
        .rehearsalLink({
          academie: q.academie,
          session: q.session,
          ...(q.id ? { rehearsalId: q.id } : {}),
          ...(q.validForMinutes ? { validForMs: q.validForMinutes * 60_000 } : {}),
        })
        .catch((err: unknown) => {
          if (err instanceof RehearsalNotFoundError) return null;
          throw err;
        });
      return link && { ...link, expires: link.expires.toISOString() };
    },
  },
  'POST /rehearsal/rotate-key': {
    // Revokes every rehearsal link, of every académie: one key signs them all (any publication
    // officer may).
    run: ({ officer }, d) =>
      callOfficerFunction(d.lambda, d.publishFunction, {
        action: 'rotate-rehearsal-key',
        ...caller(officer),
      }),
  },
  'POST /schedule': {
    // A first instant, or a later one: set at once (200). An earlier one: a request for a second
    // officer (202).
    run: async ({ officer, body }, d) => {
      const b = PlanBody.extend({ at: z.string().min(10).max(19) })
        .extend(ListsDays.shape)
        .parse(body);
      const outcome = ScheduleOutcome.parse(
        await callOfficerFunction(d.lambda, d.publishFunction, {
          action: 'schedule',
          ...b,
          ...caller(officer),
        }),
      );
      return outcome.state === 'done' ? outcome.plan : awaiting(outcome.request);
    },
  },
  'POST /publish': {
    // Recorded, not done: nothing opens until a second officer approves.
    run: async ({ officer, body }, d) =>
      awaiting(
        await actingAs(d.deps, officer).publishNow(
          PlanBody.extend({ now: z.literal(true) })
            .extend(ListsDays.shape)
            .parse(body),
        ),
      ),
  },
  'POST /approve': {
    // A second officer of the académie, within 15 minutes of the request; never the requester.
    run: ({ officer, body }, d) =>
      callOfficerFunction(d.lambda, d.publishFunction, {
        action: 'approve',
        ...PlanBody.extend({ id: RequestId.optional() }).parse(body),
        ...caller(officer),
      }),
  },
  'GET /status': {
    run: ({ officer, query }, d) =>
      actingAs(d.deps, officer).status(stripUndefined(Filter.parse(query))),
  },
  'POST /fraud/flag': {
    run: ({ officer, body }, d) => {
      const b = z
        .object({
          academie: AcademieSlug,
          session: Session,
          numero: CandidateNumber,
          pv: z.string().nullable().optional(),
        })
        .parse(body);
      return callOfficerFunction(d.lambda, d.fraudFunction, {
        action: 'flag',
        ...b,
        pv: b.pv ?? null,
        ...caller(officer),
      });
    },
  },
  'POST /fraud/release': {
    run: ({ officer, body }, d) =>
      callOfficerFunction(d.lambda, d.fraudFunction, {
        action: 'release',
        ...z
          .object({
            academie: AcademieSlug,
            session: Session,
            numero: CandidateNumber,
            now: z.boolean().optional(),
          })
          .parse(body),
        ...caller(officer),
      }),
  },
  'GET /fraud': {
    run: ({ officer, query }, d) =>
      callOfficerFunction(d.lambda, d.fraudFunction, {
        action: 'list',
        ...z.object({ academie: AcademieSlug, session: Session }).parse(query),
        ...caller(officer),
      }),
  },
  'GET /audit': {
    // Their académies only; the details of fraud procedures for fraud officers and the national
    // reader only.
    run: ({ officer, query }, d) =>
      actingAs(d.deps, officer).audit(stripUndefined(Filter.parse(query))),
  },
  'POST /codes/export': {
    // The file is checked here (400, nothing done); the publish function, which holds the code
    // secret, checks it again, checks the role and derives, audits (who, when, how many).
    run: async ({ officer, body }, d) => {
      const b = CodesExportBody.parse(body);
      const filename = b.filename ?? 'inscriptions.csv';
      const bytes = Buffer.from(b.inscriptions, 'utf8');
      if (bytes.length > CODES_EXPORT_MAX_BYTES)
        throw new InvalidRequestError([
          `${filename}: larger than ${CODES_EXPORT_MAX_BYTES / 1024 / 1024} MB; no code exported`,
        ]);
      try {
        parseCandidates(bytes, filename, b);
      } catch (err) {
        if (err instanceof CandidatesFileError)
          throw new InvalidRequestError(err.message.split('\n'));
        throw err;
      }
      return CodesExportOutcome.parse(
        await callOfficerFunction(d.lambda, d.publishFunction, {
          action: 'export-codes',
          academie: b.academie,
          session: b.session,
          inscriptions: b.inscriptions,
          filename,
          ...caller(officer),
        }),
      );
    },
  },
};

/**
 * The officer as the publish and fraud functions receive them (they check the roles again in their
 * use cases).
 */
const caller = (officer: Officer) => ({ actor: officer.actor, roles: [...officer.roles] });

function stripUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
