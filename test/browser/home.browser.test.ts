// The national home page and an académie's page before and after its instant, in Debian's
// Chromium through the local CDN, over a release scheduled a few seconds ahead by the use cases:
// the countdown runs, nothing of the release answers, and at the instant both pages turn to
// "disponibles" on their own, then the académie's page is the lookup.
import { existsSync } from 'node:fs';
import { DateTime } from 'luxon';
import { chromium, type Browser, type Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { decisionDigest } from '../../shared/domain/decision-digest.js';
import { ACADEMIES } from '../../shared/domain/reference/academies.js';
import { startLocalCdn } from '../../shared/local/local-cdn.js';
import { systemClock } from '../../shared/ports/clock.port.js';
import { schedulePublication } from '../../shared/publication/publication.usecase.js';
import { renderAcademie } from '../../shared/publication/render.usecase.js';
import { runDueTriggers } from '../../shared/publication/scheduler.js';
import { startTestStack, type TestStack } from '../support/local-stack.js';
import { publicationDepsFor } from '../support/publication-deps.js';
import { decision } from '../unit/render/fixtures.js';
import { CHROMIUM, CHROMIUM_ARGS, checkContext, checkPage } from './support/page-checks.js';

/** Long enough for the checks before the instant (axe, screenshots) on a busy machine. */
const LEAD_MS = 25_000;

let stack: TestStack;
let cdn: { url: string; stop(): Promise<void> };
let browser: Browser;
let page: Page;
let instant: Date;
const errors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  stack = await startTestStack();
  const t = publicationDepsFor(stack.env, systemClock);
  const d = decision({
    numero: '0123456789A',
    academie: 'rennes',
    departement: '35',
    uai: '0350001A',
    decision: 'ADMIS',
    mention: 'B',
    moyenne: 14.1,
  });
  await t.deps.decisions.appendVersions([
    {
      ...d,
      digest: decisionDigest(d),
      source: { file: 'h.csv', sha256: '0'.repeat(64), line: 2, ingestedAt: d.deliberation },
    },
  ]);
  await renderAcademie(t.deps, { academie: 'rennes', session: '2024-06', groupe: 1, actor: 't' });
  // A whole second, in Rennes's local time, as an officer types it.
  const at = DateTime.now()
    .setZone('Europe/Paris')
    .plus({ milliseconds: LEAD_MS })
    .startOf('second');
  instant = at.toJSDate();
  await schedulePublication(t.deps, {
    academie: 'rennes',
    session: '2024-06',
    groupe: 1,
    at: at.toFormat('yyyy-MM-dd HH:mm:ss'),
    actor: 't',
  });
  // Due at once (armed 5 minutes ahead at most): the pointer holds the release until the instant.
  expect(await runDueTriggers(t.deps, { triggers: t.triggers })).toBe(1);
  cdn = await startLocalCdn({
    port: 0,
    s3: t.s3,
    bucket: stack.env.PUBLIBAC_SITE_BUCKET!,
    kvs: t.kvs,
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await (await checkContext(browser)).newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
  return async () => {
    await browser.close();
    await cdn.stop();
    await stack.stop();
  };
}, 90_000);

describe(
  'national home page and académie page around the instant, in Chromium',
  // One timeline: each step reads the state the step before it reached.
  { shuffle: false },
  () => {
    it('before the instant: the home page announces Rennes, styled, accessible', async () => {
      await page.goto(`${cdn.url}/`);
      expect(await page.title()).toBe('Accueil — Résultats du baccalauréat 2024');
      const rennes = page.locator('.academies > li', { hasText: 'Académie de Rennes' });
      await expect
        .poll(() => rennes.locator('.fr-badge').textContent())
        .toMatch(/^Résultats à partir du /);
      expect(await page.locator('.academies > li').count()).toBe(ACADEMIES.length);
      // The DSFR stylesheet is applied (from /assets/, no web font, nothing from elsewhere).
      expect(
        await page
          .locator('.bloc-marque')
          .first()
          .evaluate((e) => getComputedStyle(e).textTransform),
      ).toBe('uppercase');
      await checkPage(page, 'accueil');
      expect(errors).toEqual([]);
      expect(Date.now()).toBeLessThan(instant.getTime());
    });

    it(
      'before the instant: the académie page counts down, and nothing of the release ' + 'answers',
      async () => {
        const css: number[] = [];
        page.on('response', (r) => r.url().endsWith('.css') && css.push(r.status()));
        await page.goto(`${cdn.url}/rennes/`);
        expect(css).toEqual([200]);
        const countdown = page.locator('.compte-a-rebours');
        await expect
          .poll(() => countdown.textContent())
          .toMatch(/^Publication dans \d\d min \d\d s$/);
        expect(await page.locator('form, #numero, #code').count()).toBe(0);
        const annonce = await page.locator('.fr-callout__text').textContent();
        expect(annonce).toMatch(
          new RegExp(
            '^Les résultats de l’académie de Rennes seront publiés le \\S+ \\d+ \\S+ 20\\d\\d ' +
              'à \\d+ h \\d\\d \\(heure locale\\)\\.$',
          ),
        );
        for (const path of [
          'resultats/params.json',
          'listes/index.html',
          'statistiques/index.html',
        ]) {
          const status = await page.evaluate(async (url) => (await fetch(url)).status, path);
          expect(status, path).toBe(404);
        }
        await checkPage(page, 'academie-avant');
        errors.length = 0; // the three 404s above were asked for
        expect(Date.now()).toBeLessThan(instant.getTime());
      },
    );

    it(
      'at the instant: the announcement says "disponibles" by itself and leads to the ' + 'lookup',
      async () => {
        await page.goto(`${cdn.url}/rennes/`);
        const open = page.locator('.fr-callout__text');
        await expect
          .poll(() => open.textContent(), { timeout: LEAD_MS + 5_000, interval: 500 })
          .toBe('Les résultats sont disponibles. Consulter votre résultat');
        expect(await page.locator('.compte-a-rebours').textContent()).toBe('');
        await open.getByRole('link', { name: 'Consulter votre résultat' }).click();
        await page.waitForSelector('#recherche');
        expect(await page.locator('.fr-breadcrumb__link[href="/"]').textContent()).toBe('Accueil');
        await checkPage(page, 'academie-apres');
        expect(errors).toEqual([]);
      },
    );

    it(
      'after the instant: the home page says the results are open, with no write at the ' + 'flip',
      async () => {
        await page.goto(`${cdn.url}/`);
        const badge = page
          .locator('.academies > li', { hasText: 'Académie de Rennes' })
          .locator('.fr-badge');
        await expect.poll(() => badge.textContent()).toBe('Résultats disponibles');
        expect(await badge.getAttribute('class')).toContain('fr-badge--success');
        await page.getByRole('link', { name: 'Académie de Rennes' }).click();
        await page.waitForSelector('#recherche');
        expect(errors).toEqual([]);
      },
    );
  },
);
