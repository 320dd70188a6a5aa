// Fraud procedures: flag a candidate (their result disappears from every
// public file, including a live release), and release them when the
// commission has decided (their result comes back).
import { findAcademie } from '../domain/reference/academies.js';
import { CANDIDATE_NUMBER } from '../domain/vocabulary.js';
import { liveRelease } from '../edge/pointer.js';
import type { AuditAction } from '../ports/audit-log.port.js';
import type { FraudFlag } from '../ports/fraud-flags.port.js';
import type { Takedown } from '../ports/publication-store.port.js';
import type { Release } from '../render/release.js';
import { MANIFEST_PATH } from '../site/release-files.js';
import { armPublication, readPointer } from './publication.usecase.js';
import { PublicationError, type PublicationDeps } from './publication.deps.js';
import { renderAcademie } from './render.usecase.js';
import { renderForTakedown } from './takedown-render.js';

export interface CandidateKey {
  academie: string;
  session: string;
  numero: string;
  actor: string;
}

/** What a flag or release changed in what is (or is about to be) public. */
export interface WithholdingEffect {
  flag: FraudFlag;
  /** The live release rewritten in place, if any. */
  takedown: Takedown | null;
  /** An armed release replaced before its instant, if any. */
  rearmed: string | null;
}

function checkKey(key: CandidateKey): string {
  const academie = findAcademie(key.academie);
  if (!academie) throw new PublicationError(`unknown académie "${key.academie}"`);
  if (!CANDIDATE_NUMBER.test(key.numero))
    throw new PublicationError(
      `"${key.numero}" is not a candidate number (6 to 15 digits or capital letters)`,
    );
  return academie.slug;
}

/**
 * Withholds a candidate's result from now on: the flag is stored first (so
 * every later render leaves them out), then what is public or armed is
 * brought in line. Flagging a flagged candidate changes nothing.
 */
export async function flagCandidate(
  deps: PublicationDeps,
  key: CandidateKey & { pv?: string | null },
): Promise<WithholdingEffect> {
  const slug = checkKey(key);
  const now = deps.clock.now().toISOString();
  const existing = await deps.fraud.get(key.session, slug, key.numero);
  const flag: FraudFlag =
    existing?.state === 'flagged'
      ? existing
      : {
          session: key.session,
          academie: slug,
          numero: key.numero,
          pv: key.pv ?? null,
          state: 'flagged',
          flaggedAt: now,
          flaggedBy: key.actor,
          releasedAt: null,
          releasedBy: null,
        };
  if (existing?.state !== 'flagged') {
    await deps.fraud.put(flag);
    await deps.audit.record({
      at: now,
      actor: key.actor,
      action: 'fraud-flag',
      academie: slug,
      session: key.session,
      groupe: null,
      releaseId: null,
      detail: `candidate ${key.numero} withheld${flag.pv ? ` (PV ${flag.pv})` : ''}`,
    });
  }
  return { flag, ...(await applyWithholding(deps, slug, key.session, key.actor)) };
}

/**
 * Ends a procedure with the result released as deliberated (a new decision
 * from the commission comes by ingest, like any correction). The result goes
 * online with the académie's next release, or at once with `now`.
 */
export async function releaseCandidate(
  deps: PublicationDeps,
  key: CandidateKey & { now?: boolean },
): Promise<WithholdingEffect> {
  const slug = checkKey(key);
  const existing = await deps.fraud.get(key.session, slug, key.numero);
  if (existing?.state !== 'flagged')
    throw new PublicationError(`candidate ${key.numero} is not withheld in ${slug} ${key.session}`);
  const at = deps.clock.now().toISOString();
  const flag: FraudFlag = { ...existing, state: 'released', releasedAt: at, releasedBy: key.actor };
  await deps.fraud.put(flag);
  await deps.audit.record({
    at,
    actor: key.actor,
    action: 'fraud-release',
    academie: slug,
    session: key.session,
    groupe: null,
    releaseId: null,
    detail:
      `candidate ${key.numero} ` +
      `released${key.now ? ', online now' : ', online with the next release'}`,
  });
  if (!key.now) return { flag, takedown: null, rearmed: null };
  return { flag, ...(await applyWithholding(deps, slug, key.session, key.actor)) };
}

/**
 * Brings the public site in line with the current flags: the live release's
 * changed files (a shard, a list, the landing page, statistics) are rewritten
 * in place and their paths invalidated; an armed release not yet open is
 * re-rendered and re-armed. Nothing live or armed: nothing to do, the next
 * render applies the flags.
 */
async function applyWithholding(
  deps: PublicationDeps,
  slug: string,
  session: string,
  actor: string,
): Promise<Omit<WithholdingEffect, 'flag'>> {
  const now = deps.clock.now();
  const pointer = await readPointer(deps, slug);
  const live = liveRelease(pointer, now.getTime());
  const releases = await deps.publications.releases(session, slug);
  const liveRecord = live ? releases.find((r) => r.id === live && r.kind === 'release') : undefined;
  let takedown: Takedown | null = null;
  if (live && liveRecord) {
    const rendered = await renderForTakedown(deps, live, {
      academie: slug,
      session,
      groupe: liveRecord.groupe,
    });
    takedown = await rewriteLive(deps, slug, session, live, rendered, actor);
  }
  let rearmed: string | null = null;
  const pending =
    pointer.next !== null && pointer.notBefore !== null && now.getTime() < pointer.notBefore
      ? releases.find((r) => r.id === pointer.next)
      : undefined;
  if (pending && pending.session === session) {
    const { release } = await renderAcademie(deps, {
      academie: slug,
      session,
      groupe: pending.groupe,
      actor,
    });
    if (release.id !== pending.id) {
      const result = await armPublication(
        deps,
        { academie: slug, session, groupe: pending.groupe },
        actor,
      );
      rearmed = result.armed ? result.releaseId : null;
    }
  }
  return { takedown, rearmed };
}

/**
 * Copies the files that differ into the live release, deletes the ones gone, invalidates their
 * public paths.
 * `why` names the audit entry: a takedown, or the lists' expiry (lists-expiry.usecase.ts).
 */
export async function rewriteLive(
  deps: PublicationDeps,
  slug: string,
  session: string,
  liveId: string,
  next: Release,
  actor: string,
  why: { action: AuditAction; detail: string } = { action: 'takedown', detail: '' },
): Promise<Takedown | null> {
  const current = await deps.storage.currentManifest(liveId);
  if (!current) throw new Error(`the manifest of live release ${liveId} cannot be read`);
  const before = new Map(current.files.map((f) => [f.path, f.sha256]));
  const changed = next.files.filter(
    (f) => f.path !== MANIFEST_PATH && before.get(f.path) !== f.sha256,
  );
  const kept = new Set(next.manifest.files.map((f) => f.path));
  const removed = current.files.map((f) => f.path).filter((p) => !kept.has(p));
  if (changed.length === 0 && removed.length === 0) return null;

  await deps.storage.patch(liveId, changed, removed, next.manifest);
  // Other académies' national pages take the live figures from here.
  await deps.storage.saveStatistics(liveId, next.statistics);
  const touched = [...changed.map((f) => f.path), ...removed];
  // The viewer path, its directory form for index pages, and the rewritten origin path:
  // whichever CloudFront keys its cache on, every copy goes.
  const paths = touched.flatMap((p) => [
    `/${p}`,
    ...(p.endsWith('/index.html') ? [`/${p.slice(0, -'index.html'.length)}`] : []),
    `/releases/${liveId}/${p}`,
  ]);
  const invalidationId = await deps.invalidator.invalidate(paths);
  const takedown: Takedown = {
    academie: slug,
    session,
    releaseId: liveId,
    contentId: next.id,
    paths,
    invalidationId,
    state: (await deps.invalidator.isComplete(invalidationId)) ? 'complete' : 'in-progress',
    requestedAt: deps.clock.now().toISOString(),
    requestedBy: actor,
  };
  await deps.publications.saveTakedown(takedown);
  await deps.audit.record({
    at: takedown.requestedAt,
    actor,
    action: why.action,
    academie: slug,
    session,
    groupe: null,
    releaseId: liveId,
    detail:
      `${why.detail}${touched.length} files of the live release rewritten, invalidation ` +
      `${invalidationId} (${takedown.state})`,
  });
  return takedown;
}
