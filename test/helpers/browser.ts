// Real-browser checks shared by the portal and workspace tests: Debian's Chromium driven by playwright-core, and
// axe-core injected into the page to check WCAG 2.2 AA. Tests skip with a message when Chromium is absent
// (outside CI; in CI it is installed and its absence fails the run).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.MOOT_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_AVAILABLE = existsSync(CHROMIUM_PATH);
export const CHROMIUM_REQUIRED = process.env.CI === 'true';
export const CHROMIUM_SKIP_MESSAGE = `skipping browser tests: no Chromium at ${CHROMIUM_PATH}`;

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Whether browser suites should run; logs why not. Throws in CI when Chromium is missing. */
export function browserTestsEnabled(): boolean {
  if (CHROMIUM_AVAILABLE) return true;
  if (CHROMIUM_REQUIRED) throw new Error(`Chromium is required in CI but missing at ${CHROMIUM_PATH}`);
  console.warn(CHROMIUM_SKIP_MESSAGE);
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

let axeSource: string | null = null;
function axe(): string {
  if (axeSource === null) {
    const require = createRequire(import.meta.url);
    axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  }
  return axeSource;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/**
 * Runs axe-core on the page as loaded and returns the WCAG 2.2 AA violations. axe goes in as a script element;
 * where the page's strict CSP refuses that inline script, through the DevTools protocol's evaluation instead,
 * which CSP does not govern (the page itself is not loosened for the test).
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axe() }).catch(() => undefined);
  if (!(await page.evaluate("typeof window.axe !== 'undefined'"))) await page.evaluate(axe());
  // A string, evaluated in the page: this project compiles without the DOM library.
  return page.evaluate<AxeViolation[]>(`(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })) }));
  })()`);
}

/** One line per violation, for assertion messages. */
export function describeViolations(url: string, violations: AxeViolation[]): string {
  return violations.map((v) => `${url}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`).join('\n');
}

/** The page's heading levels in document order, and any place where a level is skipped (h2 → h4). */
export async function headingProblems(page: Page): Promise<string[]> {
  const levels = await page.$$eval('h1, h2, h3, h4, h5, h6', (hs) => hs.map((h) => ({ level: Number(h.tagName.slice(1)), text: (h.textContent ?? '').trim().slice(0, 60) })));
  const problems: string[] = [];
  if (!levels.length || levels[0].level !== 1) problems.push(`first heading is not h1 (${levels[0] ? `h${levels[0].level} "${levels[0].text}"` : 'none'})`);
  if (levels.filter((l) => l.level === 1).length !== 1) problems.push(`${levels.filter((l) => l.level === 1).length} h1 elements`);
  for (let i = 1; i < levels.length; i++) {
    if (levels[i].level > levels[i - 1].level + 1) problems.push(`h${levels[i - 1].level} "${levels[i - 1].text}" is followed by h${levels[i].level} "${levels[i].text}"`);
  }
  return problems;
}

/** Presses Tab until the focused element matches, returning how many presses it took (or null). */
export async function tabUntil(page: Page, predicate: string, maxPresses = 60): Promise<number | null> {
  for (let i = 1; i <= maxPresses; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate<boolean>(`!!document.activeElement && document.activeElement.matches(${JSON.stringify(predicate)})`);
    if (hit) return i;
  }
  return null;
}
