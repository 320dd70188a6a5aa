// Signed, expiring links to a rehearsal release, checked by the edge
// function (functions/edge/viewer-request.js): the only way to see one.
// A link is a bearer credential (Lille 2019 leaked during a "test"), so its
// life is short and capped, every one minted is audited, and replacing the
// key in the edge KVS revokes them all at once.
import { createHmac, randomBytes } from 'node:crypto';
import { findAcademie } from '../domain/reference/academies.js';
import type { EdgeKeyValueStore } from '../ports/edge-kvs.port.js';
import type { RehearsalSample } from '../ports/publication-store.port.js';
import { PublicationError, type PublicationDeps } from './publication.deps.js';

export const REHEARSAL_KEY = 'rehearsal-key';
/** Long enough for a dress run; short enough that a forwarded link dies the same day. */
export const DEFAULT_LINK_VALIDITY_MS = 2 * 3_600_000;
export const MAX_LINK_VALIDITY_MS = 24 * 3_600_000;
const MIN_LINK_VALIDITY_MS = 60_000;

type LinkDeps = Pick<PublicationDeps, 'publications' | 'audit' | 'kvs' | 'clock'>;

/** A refusal like any other, typed apart so that the admin API can answer it with a 404. */
export class RehearsalNotFoundError extends PublicationError {
  override name = 'RehearsalNotFoundError';
}

/**
 * The signing key, kept in the edge KVS where the function reads it. Never
 * made on the way: writing the KVS is the publish and fraud functions'
 * privilege (and a rotation's), not the admin API's that mints links. The
 * local stack makes one at start (ensureRehearsalKey); on AWS the first
 * rotation does (publibac rehearsal rotate-key, POST /rehearsal/rotate-key).
 */
export async function rehearsalKey(kvs: EdgeKeyValueStore): Promise<string> {
  const existing = await kvs.get(REHEARSAL_KEY);
  if (existing && existing.length >= 32) return existing;
  throw new PublicationError(
    'no rehearsal signing key yet: create it once with publibac rehearsal rotate-key (admin ' +
      'API: POST /rehearsal/rotate-key)',
  );
}

/** Makes the signing key if there is none (the local stack's start, as a deployment would). */
export async function ensureRehearsalKey(kvs: EdgeKeyValueStore): Promise<void> {
  const existing = await kvs.get(REHEARSAL_KEY);
  if (!existing || existing.length < 32) await kvs.put(REHEARSAL_KEY, newKey());
}

const newKey = () => randomBytes(32).toString('hex');

/** Path of a rehearsal's page, valid until `expires` (rounded down to the second). */
export function rehearsalPath(
  key: string,
  rehearsalId: string,
  slug: string,
  expires: Date,
  page = '/',
): string {
  const exp = Math.floor(expires.getTime() / 1000);
  if (exp < 1e9 || exp >= 1e10) throw new Error('rehearsal expiry out of range');
  const sig = createHmac('sha256', key).update(`${rehearsalId}/${exp}`).digest('hex');
  return `/_rehearsal/${rehearsalId}/${exp}/${sig}/${slug}${page}`;
}

/**
 * The validity asked for, or the default; refused beyond the cap, so the CLI and the API cannot
 * differ.
 */
export function linkValidity(validForMs: number | undefined): number {
  const ms = validForMs ?? DEFAULT_LINK_VALIDITY_MS;
  if (!Number.isSafeInteger(ms) || ms < MIN_LINK_VALIDITY_MS)
    throw new PublicationError(
      'a rehearsal link must be valid for a whole number of milliseconds, at least 1 minute',
    );
  if (ms > MAX_LINK_VALIDITY_MS) {
    throw new PublicationError(
      'a rehearsal link is valid for 24 hours at most (asked for ' +
        `${+(ms / 3_600_000).toFixed(2)} h): mint a new one when it expires`,
    );
  }
  return ms;
}

export interface MintRequest {
  academie: string;
  session: string;
  /** The rehearsal to open; the newest of the académie's session when absent. */
  rehearsalId?: string;
  /** Default DEFAULT_LINK_VALIDITY_MS, at most MAX_LINK_VALIDITY_MS. */
  validForMs?: number;
  actor: string;
}

export interface RehearsalLink {
  id: string;
  renderedAt: string;
  /** Path on the public site (prefix it with the site's URL) of the rehearsal's landing page. */
  path: string;
  expires: Date;
  /** Pseudonymous candidates to try on its lookup (no real person). */
  tryWith: RehearsalSample[];
}

/**
 * The one way to get a rehearsal link (CLI and admin API alike): checks the
 * validity against the cap, finds the rehearsal, and writes the audit entry
 * (who, when, which rehearsal, until when; never the signature) before the
 * link is handed out.
 */
export async function mintRehearsalLink(deps: LinkDeps, req: MintRequest): Promise<RehearsalLink> {
  const validFor = linkValidity(req.validForMs);
  const academie = findAcademie(req.academie);
  if (!academie) throw new PublicationError(`unknown académie "${req.academie}"`);
  const rehearsal = (await deps.publications.releases(req.session, academie.slug)).find(
    (r) => r.kind === 'rehearsal' && (req.rehearsalId === undefined || r.id === req.rehearsalId),
  );
  if (!rehearsal) {
    throw new RehearsalNotFoundError(
      req.rehearsalId === undefined
        ? `no rehearsal rendered for ${academie.slug} ${req.session}: run rehearse first`
        : `no rehearsal ${req.rehearsalId} for ${academie.slug} ${req.session}`,
    );
  }
  const now = deps.clock.now();
  const expires = new Date(Math.floor((now.getTime() + validFor) / 1000) * 1000);
  const path = rehearsalPath(await rehearsalKey(deps.kvs), rehearsal.id, academie.slug, expires);
  await deps.audit.record({
    at: now.toISOString(),
    actor: req.actor,
    action: 'rehearsal-link',
    academie: academie.slug,
    session: req.session,
    groupe: rehearsal.groupe,
    releaseId: rehearsal.id,
    detail: `rehearsal link minted, valid until ${expires.toISOString()}`,
  });
  return {
    id: rehearsal.id,
    renderedAt: rehearsal.renderedAt,
    path,
    expires,
    tryWith: rehearsal.tryWith ?? [],
  };
}

/** Stands for "every académie and session" in the audit log: one key signs every rehearsal link. */
export const ALL = '*';

/**
 * Replaces the signing key: every link minted so far answers 404 (on AWS
 * once the KVS write has reached the edge, within seconds). New links are
 * minted under the new key.
 */
export async function rotateRehearsalKey(
  deps: Pick<PublicationDeps, 'audit' | 'kvs' | 'clock'>,
  actor: string,
): Promise<{ rotatedAt: string }> {
  await deps.kvs.put(REHEARSAL_KEY, newKey());
  const rotatedAt = deps.clock.now().toISOString();
  await deps.audit.record({
    at: rotatedAt,
    actor,
    action: 'rehearsal-key-rotation',
    academie: ALL,
    session: ALL,
    groupe: null,
    releaseId: null,
    detail: 'rehearsal signing key replaced: every rehearsal link minted before is revoked',
  });
  return { rotatedAt };
}
