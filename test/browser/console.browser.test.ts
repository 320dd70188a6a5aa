// The rectorat console in Debian's Chromium: two officers of the académie
// publish now (A asks, naming the académie and group; B signs in and
// approves) and the release goes live through the local CDN. Every template
// passes axe-core and is photographed at phone and desktop sizes.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalConsole } from '../../shared/console/local-console.js';
import { CONSOLE_PASSWORD, CONSOLE_SESSION, startTestConsole } from '../support/console-harness.js';
import { decisionDigest } from '../../shared/domain/decision-digest.js';
import { generateFirstGroup } from '../../shared/generate/decisions.generator.js';
import { startLocalCdn } from '../../shared/local/local-cdn.js';
import { systemClock } from '../../shared/ports/clock.port.js';
import { renderAcademie } from '../../shared/publication/render.usecase.js';
import { rowToDecision } from '../fixtures/stats/synthetic.js';
import { startTestStack, type TestStack } from '../support/local-stack.js';
import { publicationDepsFor } from '../support/publication-deps.js';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  checkContext,
  checkPage,
  DESKTOP,
} from './support/page-checks.js';

const SESSION = CONSOLE_SESSION;
const PASSWORD = CONSOLE_PASSWORD;
let stack: TestStack;
let cdn: { url: string; stop(): Promise<void> };
let adminConsole: LocalConsole;
let browser: Browser;
const errors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  stack = await startTestStack();
  const t = publicationDepsFor(stack.env, systemClock);
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  const decisions = [
    ...generateFirstGroup({ academie: 'aix-marseille', session: SESSION, candidates: 20, seed: 9 }),
  ].map(rowToDecision);
  const source = { file: 'f.csv', sha256: '0'.repeat(64), line: 2, ingestedAt: SESSION };
  await t.deps.decisions.appendVersions(
    decisions.map((x) => ({ ...x, digest: decisionDigest(x), source })),
  );
  await renderAcademie(t.deps, {
    academie: 'aix-marseille',
    session: SESSION,
    groupe: 1,
    actor: 'setup',
    iterations: 1_000,
  });
  cdn = await startLocalCdn({
    port: 0,
    s3: t.s3,
    bucket: stack.env.PUBLIBAC_SITE_BUCKET!,
    kvs: t.kvs,
  });
  adminConsole = await startTestConsole({
    deps: t.deps,
    siteUrl: cdn.url,
    officers: {
      'officier-a': ['aix-marseille:publication'],
      'officier-b': ['aix-marseille:publication'],
    },
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 120_000);
afterAll(async () => {
  await browser.close();
  await adminConsole.stop();
  await cdn.stop();
  vi.restoreAllMocks();
  await stack.stop();
});

// Each test reads the errors of its own pages only.
beforeEach(() => {
  errors.length = 0;
});

/** A page whose script errors, CSP violations and failed requests are recorded. */
async function watched(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => {
    // The sign-in refusal is the expected answer to a wrong password.
    if (r.status() >= 400 && !r.url().endsWith('/connexion'))
      errors.push(`${r.status()} ${r.url()}`);
  });
  return page;
}

async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto(adminConsole.url);
  expect(new URL(page.url()).pathname).toBe('/admin/connexion');
  await page.getByLabel('Identifiant').fill(username);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** The status row of the 1st group, once the script has filled it. */
async function groupRow(page: Page): Promise<string> {
  const row = page.locator('#table-etat tbody tr', { hasText: '1er groupe' });
  await row.waitFor();
  return (await row.textContent()) ?? '';
}

describe('the console in Chromium', () => {
  it('walks a two-officer publish-now, the release going live through the local CDN', async () => {
    const before = await fetch(`${cdn.url}/aix-marseille/`);
    expect(await before.text()).not.toContain('id="numero"');

    // Officer A asks, with the explicit confirmation naming the académie and the group.
    const a = await watched(await browser.newContext({ viewport: DESKTOP }));
    await signIn(a, 'officier-a');
    await a.waitForURL(adminConsole.url);
    await expect.poll(() => a.textContent('#officier')).toContain('officier-a');
    expect(await groupRow(a)).toContain('non programmé');
    await a.getByLabel('Groupe à publier').selectOption('1');
    const confirmation = a.locator('#publier-confirmation-texte');
    expect(await confirmation.textContent()).toBe(
      'Je confirme demander la publication immédiate des résultats du 1er groupe, académie ' +
        'Aix-Marseille, session 2024-06.',
    );
    // Without the confirmation the form does not go (the browser's own required check).
    await a.getByRole('button', { name: 'Demander la publication immédiate' }).click();
    const missing = await a
      .locator('#publier-confirmation')
      .evaluate((box: HTMLInputElement) => box.validity.valueMissing);
    expect(missing).toBe(true);
    expect(await a.locator('#annonce').textContent()).toBe('');
    // The DSFR draws the box on the label, which takes the click as a person's would.
    await a.locator('label[for="publier-confirmation"]').click();
    expect(await a.locator('#publier-confirmation').isChecked()).toBe(true);
    await a.getByRole('button', { name: 'Demander la publication immédiate' }).click();
    await expect
      .poll(() => a.textContent('#annonce'))
      .toContain('un second officier doit l’approuver dans les 15 minutes');
    await expect.poll(() => groupRow(a)).toContain('demandée par officier-a');
    expect(
      (await fetch(`${cdn.url}/aix-marseille/`).then((r) => r.text())).includes('numero'),
    ).toBe(false);

    // Officer B signs in elsewhere and approves.
    const b = await watched(await browser.newContext({ viewport: DESKTOP }));
    await signIn(b, 'officier-b');
    const approve = b.getByLabel(/J'approuve la publication immédiate des résultats du 1er groupe/);
    await approve.waitFor();
    expect(await approve.getAttribute('id')).toBe('approuver-1');
    await b.locator('label[for="approuver-1"]').click();
    expect(await approve.isChecked()).toBe(true);
    await b.getByRole('button', { name: 'Approuver' }).click();
    await expect.poll(() => b.textContent('#annonce')).toContain('Demande approuvée');
    await expect.poll(() => groupRow(b)).toMatch(/publiéoui/);

    // Live for the public, through the local CDN and the edge function.
    const site = await watched(await browser.newContext());
    await site.goto(`${cdn.url}/aix-marseille/`);
    await site.locator('#numero').waitFor();
    // The audit log in the console names both officers.
    await expect.poll(() => b.textContent('#table-audit')).toContain('officier-a');
    const audit = (await b.textContent('#table-audit')) ?? '';
    expect(audit).toMatch(/officier-bapprobation/);
    expect(audit).toMatch(/officier-ademande de publication immédiate/);
    expect(errors).toEqual([]);
  });

  it('exports access codes: the inscriptions file up, codes.csv downloaded', async () => {
    const rows = [
      ...generateFirstGroup({
        academie: 'aix-marseille',
        session: SESSION,
        candidates: 8,
        seed: 3,
      }),
    ];
    const inscriptions = [
      'numero;nom;prenoms;uai',
      ...rows.map((r) => [r.numero_candidat, r.nom, r.prenoms, r.uai].join(';')),
    ].join('\n');
    const page = await watched(await browser.newContext({ viewport: DESKTOP }));
    await signIn(page, 'officier-a');
    await page.waitForURL(adminConsole.url);
    await groupRow(page);
    await page.getByLabel('Fichier des inscrits').setInputFiles({
      name: 'inscrits.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(inscriptions),
    });
    await page.getByRole('button', { name: 'Exporter les codes' }).click();
    await expect.poll(() => page.textContent('#annonce')).toContain("8 codes d'accès exportés");
    const link = page.getByRole('link', { name: /Télécharger codes-aix-marseille-2024-06\.csv/ });
    expect(await link.textContent()).toContain('(8 codes)');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('codes-aix-marseille-2024-06.csv');
    const csv = await readFile(await download.path(), 'utf8');
    // With its BOM (office tools read it as UTF-8), a header and a line per candidate.
    expect(csv.startsWith('\uFEFFnumero_candidat;nom;prenoms;uai;code\r\n')).toBe(true);
    expect(csv.trim().split(/\r?\n/)).toHaveLength(9);
    await expect.poll(() => page.textContent('#table-audit')).toContain('export des codes');
    expect(errors).toEqual([]);
  });

  it('refuses a wrong password with an announced French message', async () => {
    const page = await watched(await browser.newContext());
    await signIn(page, 'officier-a', 'mauvais');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Identifiant ou mot de passe incorrect.');
    // The refusal is a 401, which the browser reports; nothing else went wrong.
    expect(errors).toEqual([
      'Failed to load resource: the server responded with a status of 401 (Unauthorized)',
    ]);
  });

  it('has no axe violation on any template, photographed at phone and desktop sizes', async () => {
    const context = await checkContext(browser);
    const page = await context.newPage();
    await page.goto(`${adminConsole.url}/connexion`);
    await checkPage(page, 'console-connexion');
    await signIn(page, 'officier-a', 'mauvais');
    await page.getByRole('alert').waitFor();
    await checkPage(page, 'console-connexion-erreur');
    await signIn(page, 'officier-a');
    await page.waitForURL(adminConsole.url);
    await groupRow(page);
    await checkPage(page, 'console');
  });
});
