// Checks every browser test runs on a public page or a console template: axe-core (WCAG 2.1 A
// and AA), no horizontal scroll on a phone, and screenshots at phone and desktop sizes kept as
// test artifacts. Shared by the lookup, list, statistics, home and console tests.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium unless CHROMIUM_PATH says otherwise. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The flags the machine notes require: no sandbox as root, no background network in a closed
// network.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

const here = dirname(fileURLToPath(import.meta.url));
/** Where screenshots go (gitignored): test/browser/screenshots/<name>-<phone|desktop>.png. */
export const SCREENSHOTS = join(here, '..', 'screenshots');
const AXE = readFileSync(join(here, '../../../node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * A context for checks: the pages' strict CSP blocks the injected axe script, so the context
 * bypasses CSP (the machine notes). Use a plain context for behaviour tests, where the CSP must
 * hold.
 */
export function checkContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({ viewport: PHONE, ...options, bypassCSP: true });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core's violations on the page as it is now, WCAG 2.1 A and AA rules. */
export async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as { violations: unknown[] };
    return result.violations;
  });
  // A readable line per violation, so a failing expectation says what and where.
  return (violations as AxeViolation[]).map(
    (v) =>
      `${v.id} (${v.impact ?? 'n/a'}): ${v.help} at ` +
      v.nodes.map((n) => JSON.stringify(n.target)).join(', '),
  );
}

/** Expects axe-core to find nothing on the page. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

/** Whether the document is wider than the viewport (a phone would scroll sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/** Expects no sideways scroll at 390x844; leaves the viewport at phone size. */
export async function expectNoHorizontalScrollOnPhone(page: Page): Promise<void> {
  await page.setViewportSize(PHONE);
  expect(await horizontalOverflow(page)).toBe(0);
}

/**
 * Writes <name>-phone.png (390x844) and <name>-desktop.png (1280x800), full pages, and returns
 * their paths. Leaves the viewport at phone size.
 */
export async function screenshots(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const paths: string[] = [];
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    const path = join(SCREENSHOTS, `${name}-${size}.png`);
    await page.screenshot({ path, fullPage: true });
    paths.push(path);
  }
  return paths;
}

/** All three checks on the page as it is now: axe, no horizontal scroll, screenshots. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page);
  await expectNoHorizontalScrollOnPhone(page);
  const paths = await screenshots(page, name);
  expect(paths).toHaveLength(2);
}
