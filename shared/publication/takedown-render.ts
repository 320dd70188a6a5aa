// The release a takedown compares with the live one: re-rendered from the
// live release's private snapshot (render-snapshot.ts) with the flags of the
// moment, which takes about a second for 30,000 candidates, where reading
// them back from the decision store and sealing every entry again took
// several. Falls back to a full render from the store when there is no
// snapshot or it cannot serve (a released candidate whose entry was never
// sealed, a snapshot of another format).
import { selectPublicResults } from '../render/release-input.js';
import { renderRelease, type Release } from '../render/release.js';
import type { Groupe } from '../domain/vocabulary.js';
import { listsOnline } from './lists-expiry.js';
import { withheldNumbers, type PublicationDeps } from './publication.deps.js';
import { decodeSnapshot } from './render-snapshot.js';
import { livePeerStatistics, renderInMemory } from './render.usecase.js';

class NotInSnapshot extends Error {}

export async function renderForTakedown(
  deps: PublicationDeps,
  liveId: string,
  key: { academie: string; session: string; groupe: Groupe },
): Promise<Release> {
  const [body, withheld, nationalPeers, lists] = await Promise.all([
    deps.storage.renderInputs(liveId),
    withheldNumbers(deps, key.session, key.academie),
    livePeerStatistics(deps, key.academie, key.session, key.groupe),
    listsOnline(deps, key.session, key.academie),
  ]);
  const snapshot = body ? await decodeSnapshot(body) : undefined;
  const fresh = async () => (await renderInMemory(deps, key)).rendered;
  if (
    !snapshot ||
    snapshot.input.academie !== key.academie ||
    snapshot.input.session !== key.session ||
    snapshot.input.groupe !== key.groupe
  )
    return fresh();
  const shown = selectPublicResults(snapshot.input.decisions, key.groupe, withheld);
  if (shown.some((r) => !snapshot.entries.has(r.numero))) return fresh();
  try {
    return await renderRelease({
      ...snapshot.input,
      withheld,
      nationalPeers,
      lists,
      lookup: {
        params: snapshot.input.lookup.params,
        cached: snapshot.entries,
        // Every shown entry is in the snapshot; a text that differs (the entry format changed
        // since) needs a root the snapshot does not hold: render afresh instead.
        root: () => {
          throw new NotInSnapshot();
        },
      },
    });
  } catch (err) {
    if (err instanceof NotInSnapshot) return fresh();
    throw err;
  }
}
