// The public pages of a published académie in Debian's Chromium, through the
// local CDN, over a release rendered and published by the use cases: every
// lookup outcome, the lists and their name filter, the statistics downloads,
// accessibility (axe), phone layout, screenshots and the lookup's weight.
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { chromium, devices, type Browser, type Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decisionDigest } from '../../shared/domain/decision-digest.js';
import type { Decision } from '../../shared/domain/decision.schema.js';
import { etablissementsReferenceOf } from '../../shared/generate/lycees.js';
import { startLocalCdn } from '../../shared/local/local-cdn.js';
import { systemClock } from '../../shared/ports/clock.port.js';
import { publishNow } from '../../shared/publication/publication.usecase.js';
import { renderAcademie } from '../../shared/publication/render.usecase.js';
import { flagCandidate } from '../../shared/publication/withholding.usecase.js';
import { NEUTRAL_MESSAGE_FR } from '../../shared/render/lookup/lookup-client.js';
import { startTestStack, type TestStack } from '../support/local-stack.js';
import { codeOf, publicationDepsFor } from '../support/publication-deps.js';
import { decision } from '../unit/render/fixtures.js';
import { CHROMIUM, CHROMIUM_ARGS, checkContext, checkPage } from './support/page-checks.js';

/** The budget: the lookup page, its CSS, script, params and one shard, compressed. */
const BUDGET_BYTES = 60 * 1024;
const NEUTRAL = `Résultat non disponible en ligne${NEUTRAL_MESSAGE_FR}`;

// Real lycées of the synthetic reference (UAIs as the generator gives the decisions): three in
// Ille-et-Vilaine, one in Finistère.
const reference = etablissementsReferenceOf('rennes');
const in35 = reference.filter((e) => e.uai.startsWith('035')).slice(0, 3);
const in29 = reference.filter((e) => e.uai.startsWith('029')).slice(0, 1);
const [lyceeA, lyceeB, lyceeC] = in35;
const [lyceeD] = in29;

const row = (numero: string, over: Partial<Decision>): Decision =>
  decision({ numero, academie: 'rennes', departement: '35', uai: lyceeA!.uai, ...over });
const ROWS: Decision[] = [
  row('1000000001A', { nom: 'DURAND', prenoms: 'Élodie', mention: 'TB', moyenne: 16.4 }),
  row('1000000002B', {
    nom: 'MARTIN',
    prenoms: 'Hugo',
    examen: 'BTN',
    serie: 'STMG',
    moyenne: 11.2,
  }),
  row('1000000003C', {
    nom: 'LE GALL',
    prenoms: 'Yann',
    decision: 'AJOURNE',
    moyenne: 7.2,
    accordPublication: false,
  }),
  row('1000000004D', {
    nom: 'KERBRAT',
    prenoms: 'Anne',
    uai: lyceeB!.uai,
    examen: 'BCP',
    serie: 'Commerce',
    decision: 'SECOND_GROUPE',
    moyenne: 9.1,
  }),
  row('1000000005E', { nom: 'WITHHELD', prenoms: 'Zoé', mention: 'B', moyenne: 14.2 }),
  row('1000000006F', { nom: 'SECRET', prenoms: 'Paul', accordPublication: false }),
  row('1000000007G', { nom: 'MORVAN', prenoms: 'Loïc', uai: lyceeC!.uai, moyenne: 12 }),
  row('1000000008H', {
    nom: 'QUÉRÉ',
    prenoms: 'Maëlle',
    uai: lyceeD!.uai,
    departement: '29',
    mention: 'B',
    moyenne: 14.5,
  }),
];

let stack: TestStack;
let cdn: { url: string; stop(): Promise<void> };
let browser: Browser;
const codes = new Map<string, string>();
const pages: Page[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  stack = await startTestStack();
  const t = publicationDepsFor(stack.env, systemClock);
  await t.deps.decisions.appendVersions(
    ROWS.map((d) => ({
      ...d,
      digest: decisionDigest(d),
      source: { file: 'b.csv', sha256: '0'.repeat(64), line: 2, ingestedAt: d.deliberation },
    })),
  );
  await flagCandidate(t.deps, {
    academie: 'rennes',
    session: '2024-06',
    numero: '1000000005E',
    actor: 'test',
  });
  await renderAcademie(t.deps, {
    academie: 'rennes',
    session: '2024-06',
    groupe: 1,
    actor: 'test',
    etablissements: new Map(reference.map((e) => [e.uai, e.libelle])),
    communes: new Map(reference.map((e) => [e.uai, e.commune])),
  });
  for (const r of ROWS) codes.set(r.numero, await codeOf(t.deps, '2024-06', 'rennes', r.numero));
  await publishNow(t.deps, { academie: 'rennes', session: '2024-06', groupe: 1, actor: 'test' });
  cdn = await startLocalCdn({
    port: 0,
    s3: t.s3,
    bucket: stack.env.PUBLIBAC_SITE_BUCKET!,
    kvs: t.kvs,
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return async () => {
    await browser.close();
    await cdn.stop();
    await stack.stop();
  };
});

afterEach(async () => {
  for (const p of pages.splice(0)) await p.context().close();
});

/** A phone page under the site's real CSP, failing the test on any script or CSP error. */
async function phonePage(errors: string[], options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ ...devices['Pixel 7'], ...options });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
  pages.push(page);
  return page;
}

/** A page for axe and screenshots (CSP bypassed so axe can be injected). */
async function checkedPage(): Promise<Page> {
  const page = await (await checkContext(browser)).newPage();
  pages.push(page);
  return page;
}

async function lookUp(page: Page, numero: string, code: string): Promise<string> {
  await page.fill('#numero', numero);
  await page.fill('#code', code);
  await page.click('#envoyer');
  await page.waitForFunction(
    () =>
      document.querySelector('#resultat')?.textContent !== '' &&
      !(document.querySelector('#envoyer') as HTMLButtonElement).disabled,
  );
  return (await page.textContent('#resultat')) ?? '';
}

const visibleTexts = (page: Page, selector: string) =>
  page.$$eval(selector, (els) =>
    els.filter((e) => !e.closest('[hidden]')).map((e) => e.textContent.trim()),
  );

describe('the lookup result view', () => {
  it('gives every outcome its French message, and one neutral message for every miss', async () => {
    const errors: string[] = [];
    const page = await phonePage(errors);
    await page.goto(`${cdn.url}/rennes/`);
    const code = (n: string) => codes.get(n)!;

    expect(await lookUp(page, '1000000001A', code('1000000001A'))).toBe(
      'Admis(e) avec mention Très bienBaccalauréat généralFélicitations, vous êtes admis(e) au ' +
        'baccalauréat. Votre relevé de notes et votre diplôme vous seront remis par votre ' +
        'établissement.',
    );
    expect(await page.getAttribute('#resultat .fr-alert', 'class')).toContain('success');
    expect(await lookUp(page, '1000000002B', code('1000000002B'))).toMatch(
      /^Admis\(e\)Baccalauréat technologique — STMGFélicitations/,
    );
    const bcp = await lookUp(page, '1000000004D', code('1000000004D'));
    expect(bcp).toMatch(/^Autorisé\(e\) à se présenter à l’épreuve de contrôle/);
    expect(bcp).toContain('vous êtes invité(e) à l’épreuve de contrôle (oral). Rendez-vous');
    expect(await lookUp(page, '1000000003C', code('1000000003C'))).toMatch(
      /^Ajourné\(e\).*Vous n’êtes pas admis\(e\) à cette session/,
    );

    // A well-formed code that is not hers, an unknown number, a withheld result: same words and
    // same markup.
    const misses: string[] = [];
    for (const [numero, c] of [
      ['1000000001A', code('1000000002B')],
      ['9999999999Z', code('1000000001A')],
      ['1000000005E', code('1000000005E')],
    ] as const) {
      expect(await lookUp(page, numero, c)).toBe(NEUTRAL);
      misses.push(await page.innerHTML('#resultat'));
    }
    expect(new Set(misses).size).toBe(1);
    expect(errors).toEqual([]);
  });

  it('announces a missing number and a mistyped code beside their fields', async () => {
    const errors: string[] = [];
    const page = await phonePage(errors);
    await page.goto(`${cdn.url}/rennes/`);
    await page.click('#envoyer');
    expect(await page.textContent('#numero-erreur')).toBe('Saisissez votre numéro de candidat.');
    expect(await page.getAttribute('#numero-erreur', 'role')).toBe('alert');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('numero');
    await page.fill('#numero', '1000000001A');
    await page.fill(
      '#code',
      codes.get('1000000001A')!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
    );
    await page.click('#envoyer');
    expect(await page.textContent('#numero-erreur')).toBe('');
    expect(await page.textContent('#code-erreur')).toMatch(
      /^Ce code d’accès ne semble pas correct/,
    );
    expect(await page.getAttribute('#code', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#code-groupe', 'class')).toContain('fr-input-group--error');
    expect(errors).toEqual([]);
  });

  it(
    'weighs under 60 KB compressed (page, CSS, script, params, one shard), with no ' +
      'third-party request',
    async () => {
      const errors: string[] = [];
      const page = await phonePage(errors);
      const responses: { url: string; body: Promise<Buffer> }[] = [];
      const urls: string[] = [];
      page.on('request', (r) => urls.push(r.url()));
      page.on('response', (r) => responses.push({ url: r.url(), body: r.body() }));
      await page.goto(`${cdn.url}/rennes/`);
      await lookUp(page, '1000000001A', codes.get('1000000001A')!);
      const origin = new URL(cdn.url).origin;
      for (const url of urls) expect(new URL(url).origin).toBe(origin);
      const kinds = urls.map((u) => new URL(u).pathname.replace(/.*\//, ''));
      // The page, its stylesheet and its script: nothing else before the lookup.
      expect(kinds.filter((k) => k.endsWith('.css'))).toHaveLength(1);
      expect(kinds.filter((k) => k.endsWith('.js'))).toHaveLength(1);
      expect(kinds.filter((k) => k === 'params.json')).toHaveLength(1);
      // One shard: the lookup fetches nothing else.
      expect(urls.filter((u) => /\/resultats\/(?!params)[^/]+\.json$/.test(u))).toHaveLength(1);
      // Compressed as a CDN sends text (gzip); the local CDN sends it uncompressed.
      let total = 0;
      for (const r of responses) total += gzipSync(await r.body, { level: 6 }).length;
      console.info(`lookup page weight: ${total} bytes gzip over ${responses.length} responses`);
      expect(responses.length).toBe(urls.length);
      expect(total).toBeLessThan(BUDGET_BYTES);
      expect(errors).toEqual([]);
    },
  );
});

describe('the lists by établissement', () => {
  it(
    'show every établissement with its commune, by département, without JavaScript (as ' +
      'the statistics do)',
    async () => {
      const errors: string[] = [];
      const page = await phonePage(errors, { javaScriptEnabled: false });
      await page.goto(`${cdn.url}/rennes/listes/index.html`);
      expect(await page.textContent('h1')).toBe('Listes des candidats admis par établissement');
      expect(await visibleTexts(page, 'section h2')).toEqual([
        'Finistère (29)',
        'Ille-et-Vilaine (35)',
      ]);
      const items = await visibleTexts(page, '[data-filtre-element]');
      expect(items).toHaveLength(4);
      expect(items).toContain(`${lyceeA!.libelle}, ${lyceeA!.commune}`);
      expect(items).toContain(`${lyceeD!.libelle}, ${lyceeD!.commune}`);
      // The filter needs the script: without it, no dead field.
      expect(await page.isVisible('#filtre')).toBe(false);
      await page.click(`text=${lyceeA!.libelle}`);
      expect(await visibleTexts(page, 'tbody th')).toEqual(['DURAND', 'MARTIN']);
      expect(await page.content()).not.toMatch(/LE GALL|WITHHELD|SECRET/);
      expect(await page.getAttribute('meta[name="robots"]', 'content')).toBe('noindex, nofollow');
      // The statistics need no script either: every figure is in a table.
      await page.goto(`${cdn.url}/rennes/statistiques/index.html`);
      expect(await page.locator('table caption').count()).toBeGreaterThan(5);
      expect(await page.locator('script').count()).toBe(0);
      expect(errors).toEqual([]);
    },
  );

  it('filter the index by name or commune, and a list by name, accents ignored', async () => {
    const errors: string[] = [];
    const page = await phonePage(errors);
    await page.goto(`${cdn.url}/rennes/listes/index.html`);
    await page.fill('#filtre', lyceeD!.commune.toUpperCase());
    const shown = await visibleTexts(page, '[data-filtre-element]');
    expect(shown).toContain(`${lyceeD!.libelle}, ${lyceeD!.commune}`);
    expect(shown.every((s) => s.includes(lyceeD!.commune) || s.includes(lyceeD!.libelle))).toBe(
      true,
    );
    expect(await visibleTexts(page, 'section h2')).toContain('Finistère (29)');
    expect(await page.textContent('#filtre-compte')).toMatch(/^\d+ résultats? sur 4\.$/);
    await page.fill('#filtre', 'zzz');
    expect(await visibleTexts(page, '[data-filtre-element]')).toEqual([]);
    expect(await visibleTexts(page, 'section h2')).toEqual([]);
    expect(await page.textContent('#filtre-compte')).toBe('Aucun résultat.');

    await page.goto(`${cdn.url}/rennes/listes/${lyceeA!.uai}.html`);
    await page.fill('#filtre', 'elodie');
    expect(await visibleTexts(page, 'tbody th')).toEqual(['DURAND']);
    await page.fill('#filtre', '');
    expect(await visibleTexts(page, 'tbody th')).toEqual(['DURAND', 'MARTIN']);
    expect(errors).toEqual([]);
  });
});

describe('the statistics page', () => {
  it('offers downloads that each parse as what they claim to be', async () => {
    const errors: string[] = [];
    const page = await phonePage(errors);
    await page.goto(`${cdn.url}/rennes/statistiques/index.html`);
    const hrefs = await page.$$eval('a[download]', (as) =>
      as.map((a) => (a as HTMLAnchorElement).href),
    );
    expect(hrefs.length).toBeGreaterThanOrEqual(4);
    const kinds = new Set<string>();
    for (const href of hrefs) {
      const response = await page.request.get(href);
      expect(response.status(), href).toBe(200);
      const body = await response.body();
      if (href.endsWith('.csv')) {
        const rows: string[][] = parse(body.toString('utf8'), { delimiter: ';', bom: true });
        expect(rows.length, href).toBeGreaterThan(1);
        expect(
          rows.every((r) => r.length === rows[0]!.length),
          href,
        ).toBe(true);
      } else if (href.endsWith('.xlsx')) {
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(body as unknown as ArrayBuffer);
        expect(book.worksheets.length, href).toBeGreaterThan(0);
        expect(book.worksheets[0]!.rowCount, href).toBeGreaterThan(1);
      } else if (href.endsWith('.json')) {
        expect(typeof JSON.parse(body.toString('utf8')), href).toBe('object');
      } else throw new Error(`unexpected download ${href}`);
      kinds.add(href.replace(/.*\./, ''));
    }
    expect([...kinds].sort()).toEqual(['csv', 'json', 'xlsx']);
    expect(errors).toEqual([]);
  });
});

describe('accessibility, phone layout and screenshots', () => {
  it('finds no axe violation and no sideways scroll on the lookup page and a result', async () => {
    const page = await checkedPage();
    await page.goto(`${cdn.url}/rennes/`);
    await checkPage(page, 'lookup');
    await lookUp(page, '1000000001A', codes.get('1000000001A')!);
    await checkPage(page, 'lookup-result');
    await lookUp(page, '1000000005E', codes.get('1000000005E')!);
    await checkPage(page, 'lookup-not-available');
  });

  it('finds no axe violation and no sideways scroll on the lists and the statistics', async () => {
    const page = await checkedPage();
    for (const [name, path] of [
      ['lists-index', '/rennes/listes/index.html'],
      ['list', `/rennes/listes/${lyceeA!.uai}.html`],
      ['statistics', '/rennes/statistiques/index.html'],
    ] as const) {
      await page.goto(`${cdn.url}${path}`);
      await checkPage(page, name);
    }
  });
});
