import { z } from 'zod';
import { publishNow, schedulePublication } from '../../shared/publication/publication.usecase.js';
import { mintRehearsalLink, RehearsalNotFoundError, rotateRehearsalKey } from '../../shared/publication/rehearsal-link.js';
import { publicationStatus } from '../../shared/publication/status.usecase.js';
import type { PublicationDeps } from '../../shared/publication/publication.deps.js';
import { fanOutRender } from '../render/fan-out.js';
import { Session, Slug } from '../render/render-request.js';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { FraudEvent, FraudResult } from '../fraud/handler.js';
import { PublicationError } from '../../shared/publication/publication.deps.js';
import { FRAUD_OFFICERS, PUBLICATION_OFFICERS, type Group } from './caller.js';

export interface RouteDeps {
  deps: PublicationDeps;
  lambda: LambdaClient;
  renderFunction: string;
  fraudFunction: string;
}

export interface RouteInput {
  actor: string;
  body: unknown;
  query: Record<string, string | undefined>;
}

export interface Route {
  groups: readonly Group[];
  /** 200 unless the work is queued (202). */
  status?: number;
  run(input: RouteInput, d: RouteDeps): Promise<unknown>;
}

const Groupe = z.union([z.literal(1), z.literal(2)]);
const PlanBody = z.object({ academie: Slug, session: Session, groupe: Groupe });
/** Days the name lists stay online (the use case refuses anything but 1 to 365 with its own message). */
const ListsDays = z.object({ listsDays: z.number().optional() });
const Filter = z.object({ academie: Slug.optional(), session: Session.optional() });
const LinkQuery = z.object({
  academie: Slug,
  session: Session,
  id: z.string().regex(/^[a-z0-9-]{1,80}$/).optional(),
  validForMinutes: z.coerce.number().int().positive().optional(),
});

/**
 * The admin API's routes (route key → group allowed → use case). Rendering
 * is queued (one asynchronous render per académie): a render outlasts the
 * API's 30-second limit. Withholding (fraud-officers) runs in the fraud
 * function, the only one allowed to rewrite a live release and invalidate
 * it: the API calls it and waits (a takedown takes seconds).
 */
export const ROUTES: Record<string, Route> = {
  'POST /render': {
    groups: [PUBLICATION_OFFICERS],
    status: 202,
    run: ({ actor, body }, d) => {
      const b = z.object({ academies: z.array(Slug).min(1).max(40), session: Session, phase: Groupe }).parse(body);
      return fanOutRender(d.lambda, d.renderFunction, b.academies.map((academie) => ({ academie, session: b.session, phase: b.phase, actor })));
    },
  },
  'POST /rehearse': {
    groups: [PUBLICATION_OFFICERS],
    status: 202,
    run: ({ actor, body }, d) => {
      const b = z.object({ academie: Slug, session: Session, phase: Groupe }).parse(body);
      return fanOutRender(d.lambda, d.renderFunction, [{ ...b, kind: 'rehearsal', actor }]);
    },
  },
  'GET /rehearsal-link': {
    groups: [PUBLICATION_OFFICERS],
    // The use case caps the validity (2 h by default, 24 h at most) and audits the link.
    run: async ({ actor, query }, d) => {
      const q = LinkQuery.parse(query);
      const link = await mintRehearsalLink(d.deps, {
        academie: q.academie, session: q.session, actor, ...(q.id ? { rehearsalId: q.id } : {}), ...(q.validForMinutes ? { validForMs: q.validForMinutes * 60_000 } : {}),
      }).catch((err: unknown) => {
        if (err instanceof RehearsalNotFoundError) return null;
        throw err;
      });
      return link && { ...link, expires: link.expires.toISOString() };
    },
  },
  'POST /rehearsal/rotate-key': {
    groups: [PUBLICATION_OFFICERS],
    // Revokes every rehearsal link, of every académie: one key signs them all.
    run: ({ actor }, d) => rotateRehearsalKey(d.deps, actor),
  },
  'POST /schedule': {
    groups: [PUBLICATION_OFFICERS],
    run: ({ actor, body }, d) => schedulePublication(d.deps, { ...PlanBody.extend({ at: z.string().min(10).max(16) }).extend(ListsDays.shape).parse(body), actor }),
  },
  'POST /publish': {
    groups: [PUBLICATION_OFFICERS],
    run: ({ actor, body }, d) => publishNow(d.deps, { ...PlanBody.extend({ now: z.literal(true) }).extend(ListsDays.shape).parse(body), actor }),
  },
  'GET /status': {
    groups: [PUBLICATION_OFFICERS],
    run: ({ query }, d) => publicationStatus(d.deps, stripUndefined(Filter.parse(query))),
  },
  'POST /fraud/flag': {
    groups: [FRAUD_OFFICERS],
    run: ({ actor, body }, d) => {
      const b = z.object({ academie: Slug, session: Session, numero: z.string(), pv: z.string().nullable().optional() }).parse(body);
      return callFraud(d, { action: 'flag', ...b, pv: b.pv ?? null, actor });
    },
  },
  'POST /fraud/release': {
    groups: [FRAUD_OFFICERS],
    run: ({ actor, body }, d) => callFraud(d, { action: 'release', ...z.object({ academie: Slug, session: Session, numero: z.string(), now: z.boolean().optional() }).parse(body), actor }),
  },
  'GET /fraud': {
    groups: [FRAUD_OFFICERS],
    run: ({ actor, query }, d) => callFraud(d, { action: 'list', ...z.object({ academie: Slug, session: Session }).parse(query), actor }),
  },
  'GET /audit': {
    groups: [PUBLICATION_OFFICERS, FRAUD_OFFICERS],
    run: ({ query }, d) => d.deps.audit.entries(stripUndefined(Filter.parse(query))),
  },
};

/** Invokes the fraud function and waits; its refusal becomes the API's 409. */
async function callFraud(d: RouteDeps, event: FraudEvent): Promise<unknown> {
  const out = await d.lambda.send(new InvokeCommand({ FunctionName: d.fraudFunction, InvocationType: 'RequestResponse', Payload: new TextEncoder().encode(JSON.stringify(event)) }));
  if (out.FunctionError) throw new Error(`fraud function failed: ${out.FunctionError}`);
  const result = JSON.parse(new TextDecoder().decode(out.Payload)) as FraudResult;
  if (!result.ok) throw new PublicationError(result.error);
  return result.result;
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
