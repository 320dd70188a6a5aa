// The public pages outside every release: the national home page (`/`, in
// home/index.html) and each académie's announcement, with the stylesheet
// and countdown they share (home/assets/, served at /assets/). Written by the
// publication use cases whenever a plan is scheduled, armed, missed or
// published, never at the instant itself: the page says "à partir du …" and
// its script turns that into "disponibles" on time (shared/render/home-page.ts).
import type { Academie } from '../domain/reference/academies.js';
import type { PublicationPlan } from '../ports/publication-store.port.js';
import {
  homeAcademies,
  homePage,
  type HomeGroup,
  type HomeGroupState,
} from '../render/home-page.js';
import { announcementPage, type PortalAssets } from '../render/pages.js';
import { loadSiteAssets } from '../render/site-assets.js';
import { sha256Hex, type ReleaseFile } from '../site/release-files.js';
import type { PublicationDeps } from './publication.deps.js';

type HomeDeps = Pick<PublicationDeps, 'publications' | 'storage' | 'clock'>;

const utf8 = new TextEncoder();

function file(path: string, body: string | Uint8Array, contentType: string): ReleaseFile {
  const bytes = typeof body === 'string' ? utf8.encode(body) : body;
  return { path, body: bytes, contentType, sha256: sha256Hex(bytes) };
}

/**
 * The shared assets as files under home/ (named by their content, so cached
 * a year and never overwritten with other bytes) and their public URLs.
 */
export async function portalAssets(
  siteRoot?: string,
): Promise<{ files: ReleaseFile[]; assets: PortalAssets }> {
  const { css, countdownScript } = await loadSiteAssets(siteRoot);
  const stylesheet = file(
    `assets/site.${sha256Hex(css).slice(0, 8)}.css`,
    css,
    'text/css; charset=utf-8',
  );
  const script = file(
    `assets/countdown.${sha256Hex(countdownScript).slice(0, 8)}.js`,
    countdownScript,
    'text/javascript; charset=utf-8',
  );
  return {
    files: [stylesheet, script],
    assets: { stylesheet: `/${stylesheet.path}`, countdownScript: `/${script.path}` },
  };
}

/** What the home page says of a plan at `now` (open from the instant of an armed one). */
export function homeGroupState(plan: PublicationPlan, now: Date): HomeGroupState {
  if (plan.state === 'published') return 'open';
  if (plan.state === 'armed' && now.getTime() >= Date.parse(plan.instant)) return 'open';
  return plan.state === 'missed' ? 'missed' : 'announced';
}

/**
 * Rewrites home/index.html from every plan of the newest session (the
 * session the page's header names). Nothing planned anywhere: nothing written.
 */
export async function refreshHomePage(deps: HomeDeps, siteRoot?: string): Promise<void> {
  const plans = await deps.publications.plans();
  const session = plans
    .map((p) => p.session)
    .sort()
    .at(-1);
  if (session === undefined) return;
  const now = deps.clock.now();
  const groups = new Map<string, HomeGroup[]>();
  for (const plan of plans.filter((p) => p.session === session)) {
    const group = {
      groupe: plan.groupe,
      instant: new Date(plan.instant),
      state: homeGroupState(plan, now),
    };
    groups.set(plan.academie, [...(groups.get(plan.academie) ?? []), group]);
  }
  const { files, assets } = await portalAssets(siteRoot);
  const page = homePage(session, homeAcademies(groups), assets);
  await deps.storage.writeHome([...files, file('index.html', page, 'text/html; charset=utf-8')]);
}

/**
 * The académie's page before the instant, with the shared assets written
 * first. It announces the session's earliest instant still to come (`instant`,
 * the one just set, or an earlier group's): scheduling the second group
 * before the first opens must not hide the first one's date.
 */
export async function writeAnnouncementPage(
  deps: Pick<PublicationDeps, 'storage' | 'publications'>,
  academie: Academie,
  session: string,
  instant: Date,
  siteRoot?: string,
): Promise<void> {
  const planned = (await deps.publications.plans())
    .filter((p) => p.academie === academie.slug && p.session === session)
    .filter((p) => p.state === 'scheduled' || p.state === 'armed')
    .map((p) => Date.parse(p.instant));
  const first = new Date(Math.min(instant.getTime(), ...planned));
  const { files, assets } = await portalAssets(siteRoot);
  await deps.storage.writeHome(files);
  await deps.storage.writeAnnouncement(
    academie.slug,
    announcementPage(academie, session, first, assets),
  );
}
