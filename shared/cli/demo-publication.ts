// The publishing half of `npm start`: render the demo académie, schedule
// the first group a minute ahead, count down, watch the flip through the
// local CDN, then do the same for the second group. It acts as two
// publication officers of the académie, through the same checks as the
// CLI and the admin API: the first renders and schedules; a schedule that
// would open earlier than the one already set (a second run) is approved by
// the second, as the two-person rule requires.
import { DateTime } from 'luxon';
import type { DecisionVersion } from '../domain/decision.schema.js';
import { findAcademie } from '../domain/reference/academies.js';
import { etablissementsReferenceOf } from '../generate/lycees.js';
import { observeFlip } from '../local/flip-probe.js';
import type { Officer } from '../domain/authority.js';
import { actingAs } from '../publication/officer-actions.usecase.js';
import { isOpen } from '../publication/publication.usecase.js';
import { PublicationError, type PublicationDeps } from '../publication/publication.deps.js';
import { outcomeLabel } from '../domain/rules/outcome.js';
import { entryId, lookupScope, shardName } from '../render/lookup/lookup-crypto.js';
import { deriveRootNode, entryKeysSync } from '../render/lookup/lookup-node.js';
import { accessCode, accessCodeData, sessionCodeSecret } from '../publication/access-codes.js';
import { countProgress } from './terminal-progress.js';
import type { Groupe } from '../domain/vocabulary.js';

export interface DemoPublication {
  academie: string;
  session: string;
  seed: number;
  iterations: number;
  /**
   * Seconds from now to the first-group instant, and from it to the second group's (0: no second
   * group).
   */
  publishIn: number;
  secondGroupIn: number;
  site: string;
  /**
   * Two publication officers of the académie: the one who acts, and the second who approves what
   * opens early.
   */
  officers: readonly [Officer, Officer];
  log: (line: string) => void;
}

export async function publishDemo(deps: PublicationDeps, o: DemoPublication): Promise<void> {
  const academie = findAcademie(o.academie);
  if (!academie) throw new PublicationError(`unknown académie "${o.academie}"`);
  // The synthetic établissements reference: names and communes, UAIs as in the decisions.
  const reference = etablissementsReferenceOf(academie.slug, o.seed);
  const etablissements = new Map(reference.map((e) => [e.uai, e.libelle]));
  const communes = new Map(reference.map((e) => [e.uai, e.commune]));
  const decisions = await deps.decisions.currentDecisions(o.session, academie.slug);
  const home = `${o.site}/${academie.slug}/`;
  const first = actingAs(deps, o.officers[0]);
  const second = actingAs(deps, o.officers[1]);

  for (const groupe of o.secondGroupIn > 0 ? ([1, 2] as const) : ([1] as const)) {
    const started = Date.now();
    const { release, derived } = await first.render({
      academie: academie.slug,
      session: o.session,
      groupe: groupe,
      iterations: o.iterations,
      etablissements,
      communes,
      progress: countProgress('Deriving lookup keys'),
    });
    o.log(
      `Rendered group-${groupe} release ${release.id}: ` +
        `${release.candidates.toLocaleString('en-GB')} candidates, ` +
        `${release.objects.toLocaleString('en-GB')} objects in ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s (${derived.toLocaleString('en-GB')} ` +
        'lookup keys derived).',
    );

    const existing = await deps.publications.plan(o.session, academie.slug, groupe);
    if (existing && isOpen(existing, deps.clock.now())) {
      o.log(
        `Group ${groupe} is already public (since ${existing.local} ${existing.timeZone}): ${home}`,
      );
      continue;
    }
    const inSeconds = groupe === 1 ? o.publishIn : o.secondGroupIn;
    const local = DateTime.fromMillis(Date.now() + inSeconds * 1000, {
      zone: academie.timeZone,
    }).toFormat('yyyy-MM-dd HH:mm:ss');
    const outcome = await first.schedule({
      academie: academie.slug,
      session: o.session,
      groupe,
      at: local,
    });
    if (outcome.state === 'awaiting-approval') {
      o.log(
        `Group ${groupe} would open earlier than planned: request ${outcome.request.id} by ` +
          `${outcome.request.requestedBy}, approved by ${o.officers[1].actor} (two-person ` +
          'rule).',
      );
    }
    const plan =
      outcome.state === 'done'
        ? outcome.plan
        : (
            await second.approve({
              academie: academie.slug,
              session: o.session,
              groupe,
              id: outcome.request.id,
            })
          ).plan;
    o.log(
      `Group ${groupe} scheduled for ${plan.local} (${plan.timeZone}); the scheduler arms the ` +
        'pointer now (it is under 5 minutes ahead).',
    );
    const codeSecret = await sessionCodeSecret(deps.lookupKeys, o.session, academie.slug);
    const watched = sample(decisions, groupe, codeSecret, o.log);
    o.log(
      groupe === 1
        ? `Before the instant ${home} shows the announcement; try it now.`
        : 'Until then the first-group results stay online.',
    );
    const instant = Date.parse(plan.instant);
    const countdown = setInterval(() => {
      const left = Math.round((instant - Date.now()) / 1000);
      if (left > 0 && (left <= 5 || left % 10 === 0)) o.log(`  opens in ${left} s`);
    }, 1000);
    try {
      // Group 1: the lookup parameters appear. Group 2: the oral candidate's shard changes.
      const file =
        groupe === 1 || !watched
          ? 'params'
          : await shardOf(deps, o.session, academie.slug, watched.numero);
      const probe = `${home}resultats/${file}.json`;
      const flip = await observeFlip(probe, instant);
      o.log(
        `Group ${groupe} is public: ${home} (first answer of the new release ${flip.latencyMs} ` +
          'ms after the instant, through the local CDN).',
      );
    } finally {
      clearInterval(countdown);
    }
  }
}

/**
 * Candidates to try, with what the lookup should show (synthetic data, so
 * printing them is fine): one admitted with a mention, and one invited to
 * the second group, whose result changes with the second release.
 */
function sample(
  decisions: readonly DecisionVersion[],
  groupe: Groupe,
  codeSecret: string,
  log: (line: string) => void,
): DecisionVersion | undefined {
  const second = new Map(decisions.filter((d) => d.groupe === 2).map((d) => [d.numero, d]));
  const admitted = decisions.find(
    (d) => d.groupe === 1 && d.decision === 'ADMIS' && d.mention !== null,
  );
  const oral = decisions.find(
    (d) => d.groupe === 1 && d.decision === 'SECOND_GROUPE' && second.has(d.numero),
  );
  const shown = groupe === 1 ? [admitted, oral] : [oral && second.get(oral.numero)];
  for (const d of shown) {
    if (d)
      log(
        `  Try candidate ${d.numero}, access code ${accessCode(codeSecret, d.numero)}: expect ` +
          `"${outcomeLabel(d.examen, d.groupe, d.decision, d.mention)}"`,
      );
  }
  return oral;
}

/**
 * The shard file that holds a candidate's group-2 lookup entry: found as the page finds it, by
 * deriving their keys.
 */
async function shardOf(
  deps: PublicationDeps,
  session: string,
  academie: string,
  numero: string,
): Promise<string> {
  const params = await deps.lookupKeys.params(session, academie);
  // The demo renders before it looks a candidate up, and rendering fixes the parameters.
  if (!params) throw new PublicationError(`no lookup parameters for ${academie} ${session} yet`);
  const codeSecret = await sessionCodeSecret(deps.lookupKeys, session, academie);
  const root = await deriveRootNode(`${numero}|${accessCodeData(codeSecret, numero)}`, params);
  return shardName(
    entryId(entryKeysSync(root, lookupScope(session, academie, 2))),
    params.shardChars,
  );
}
