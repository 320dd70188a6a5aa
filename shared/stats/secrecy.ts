// Statistical secrecy of the établissement figures (design §6): small
// cells combined with the public name lists reveal the outcome of
// candidates who did not consent, so
// 1. primary: any établissement cell (total, voie, filière) resting on 1 to
//    threshold − 1 présents is secret, every figure of it;
// 2. secondary: further cells are made secret until no secret one can be
//    recomputed from what is published: the établissement rows and the
//    synthèse lines, which are always published as the rectorats publish
//    them (secrecy-model.ts lists the relations).
// Secondary suppression alternates a cheap local rule with the exact
// auditor (secrecy-audit.ts) until the auditor finds nothing:
// - no relation may hold exactly one secret cell (a total minus its
//   published parts would give it): the smallest published partner, by
//   présents, becomes secret too;
// - whatever the auditor still finds recomputable gets the smallest
//   published partner among its relations (or, failing that, the nearest).
// A secret cell that stays recomputable with every non-empty cell secret
// is given away by the synthèse lines themselves (one lycée teaches a
// série in the whole académie, say): nothing at the établissement level can
// protect it, so the loop does not chase it. Pure and deterministic: same
// input, same secrets (ties go to the lower index, in UAI order).
import { z } from 'zod';
import { recomputableCells } from './secrecy-audit.js';
import { secrecyModel, type SecrecyModel } from './secrecy-model.js';
import type {
  EtablissementCounts,
  EtablissementLine,
  EtablissementSecret,
  SecretReason,
} from './stats.types.js';
import { at } from './indexed.js';

/** Default: the threshold of the ministry's own school-level publications. */
export const DEFAULT_SECRECY_THRESHOLD = 10;
export const SecrecyThreshold = z
  .number()
  .int()
  .min(1)
  .describe('Établissement figures resting on fewer présents than this are secret');

const PUBLISHED = 0;
const PRIMARY = 1;
const SECONDARY = 2;
const REASON: Record<number, SecretReason> = { [PRIMARY]: 'primaire', [SECONDARY]: 'secondaire' };

/** The établissement lines with their secret cells marked. */
export function withSecrecy(
  etablissements: readonly EtablissementCounts[],
  session: string,
  threshold: number,
): EtablissementLine[] {
  const model = secrecyModel(etablissements, session);
  const state = suppress(model, SecrecyThreshold.parse(threshold));
  const secrets: EtablissementSecret[] = etablissements.map(() => ({
    total: null,
    voies: {},
    filieres: {},
  }));
  model.cells.forEach((cell, i) => {
    const reason = REASON[at(state, i)];
    if (!reason) return;
    const s = at(secrets, cell.etab);
    if (cell.kind === 'total') s.total = reason;
    else if (cell.kind === 'voie') s.voies[cell.key as keyof EtablissementSecret['voies']] = reason;
    else s.filieres[cell.key] = reason;
  });
  return etablissements.map((e, i) => ({ ...e, secret: at(secrets, i) }));
}

/** Per cell: 0 published, 1 primary secret, 2 secondary secret. */
export function suppress(model: SecrecyModel, threshold: number): Uint8Array {
  const secrets = new Secrets(model);
  model.cells.forEach((cell, i) => {
    if (cell.presents < threshold) secrets.hide(i, PRIMARY);
  });
  let givenAwayByMargins: ReadonlySet<number> | undefined;
  hideLoneSecrets(
    secrets,
    model.relations.map((_, r) => r),
  );
  for (;;) {
    const recomputable = recomputableCells(model, secrets.state);
    if (recomputable.length === 0) return secrets.state;
    const givenAway = (givenAwayByMargins ??= new Set(
      recomputableCells(model, new Uint8Array(model.cells.length).fill(SECONDARY)),
    ));
    const protectable = recomputable.filter((i) => !givenAway.has(i));
    if (protectable.length === 0) return secrets.state;
    hideLoneSecrets(secrets, hidePartners(secrets, protectable));
  }
}

/** The state of every cell, and how many secret cells each relation holds. */
class Secrets {
  readonly state: Uint8Array;
  readonly inRelation: Uint32Array;
  constructor(readonly model: SecrecyModel) {
    this.state = new Uint8Array(model.cells.length);
    this.inRelation = new Uint32Array(model.relations.length);
  }
  hide(cell: number, reason: typeof PRIMARY | typeof SECONDARY): void {
    if (this.state[cell] !== PUBLISHED) return;
    this.state[cell] = reason;
    for (const r of at(this.model.relationsOf, cell))
      this.inRelation[r] = at(this.inRelation, r) + 1;
  }
  isPublished(cell: number): boolean {
    return this.state[cell] === PUBLISHED;
  }
}

/**
 * No relation with exactly one secret cell: hide its best published partner, then look again at
 * that partner's relations.
 */
function hideLoneSecrets(secrets: Secrets, relations: readonly number[]): void {
  const { model } = secrets;
  const queued = new Uint8Array(model.relations.length);
  const queue = [...relations];
  for (const r of queue) queued[r] = 1;
  for (let k = 0; k < queue.length; k++) {
    const r = at(queue, k);
    queued[r] = 0;
    if (secrets.inRelation[r] !== 1) continue;
    const members = at(model.relations, r);
    // One secret member exactly (inRelation says so).
    const lone = members.find((c) => !secrets.isPublished(c));
    if (lone === undefined) continue;
    const partner = bestPartner(secrets, members, lone);
    if (partner < 0) continue;
    secrets.hide(partner, SECONDARY);
    for (const next of at(model.relationsOf, partner)) {
      if (!queued[next]) {
        queued[next] = 1;
        queue.push(next);
      }
    }
  }
}

/**
 * One partner per recomputable cell, skipping a cell whose relations already
 * got one this round (one new secret often protects several). Returns the
 * relations touched, for the local rule to look at again.
 */
function hidePartners(secrets: Secrets, recomputable: readonly number[]): number[] {
  const { model } = secrets;
  const touched = new Set<number>();
  for (const cell of recomputable) {
    if (at(model.relationsOf, cell).some((r) => touched.has(r))) continue;
    const partner = nearestPartner(secrets, cell);
    if (partner < 0) continue;
    secrets.hide(partner, SECONDARY);
    for (const r of at(model.relationsOf, partner)) touched.add(r);
  }
  return [...touched].sort((a, b) => a - b);
}

/**
 * The best published partner among the cell's relations; failing that,
 * among the relations of the secret cells reached from it through
 * relations, nearest first; failing that, anywhere.
 */
function nearestPartner(secrets: Secrets, start: number): number {
  const { model } = secrets;
  const seen = new Set([start]);
  let frontier = [start];
  while (frontier.length) {
    const members = frontier.flatMap((c) =>
      at(model.relationsOf, c).flatMap((r) => at(model.relations, r)),
    );
    const partner = bestPartner(secrets, members, start);
    if (partner >= 0) return partner;
    // Every member is secret: go one step further.
    frontier = [...new Set(members)].filter((c) => !seen.has(c));
    for (const c of frontier) seen.add(c);
  }
  return bestPartner(
    secrets,
    model.cells.map((_, i) => i),
    start,
  );
}

/**
 * The published candidate whose secrecy costs least, as a partner of the
 * secret cell `of`: first, the fewest of its relations left with a lone
 * secret by hiding it (each would need yet another partner: preferring
 * cells whose relations already hold a secret closes the pattern instead of
 * spreading it); then the most synthèse margins shared with `of` (a cell
 * of the same département, voie or filière closes it sooner); then the
 * fewest présents; then the lowest index.
 */
function bestPartner(secrets: Secrets, candidates: readonly number[], of: number): number {
  const { model } = secrets;
  let best = -1;
  let bestCost = Infinity;
  for (const c of candidates) {
    if (!secrets.isPublished(c) || c === best) continue;
    const lonesCreated = at(model.relationsOf, c).filter((r) => secrets.inRelation[r] === 0).length;
    const cost =
      lonesCreated * 1e12 - sharedMargins(model, c, of) * 1e9 + at(model.cells, c).presents;
    if (cost < bestCost || (cost === bestCost && c < best)) [best, bestCost] = [c, cost];
  }
  return best;
}

function sharedMargins(model: SecrecyModel, a: number, b: number): number {
  const theirs = at(model.marginsOf, b);
  return at(model.marginsOf, a).filter((m) => theirs.includes(m)).length;
}
