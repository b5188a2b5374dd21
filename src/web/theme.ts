// A council's own branding for the portal: a theme folder (MOOT_THEME or `moot serve --theme DIR`) holding
// theme.json (name, colours, header and footer links), a logo, a favicon, a stylesheet and, optionally, its own
// header and footer templates. No Crown: Moot never shows the GOV.UK crown, the Royal Arms or the GDS Transport
// typeface, which only central government may use. docs/theming.md describes the folder.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { z } from 'zod';
import { MootError } from '../errors.js';

export interface ThemeLink { text: string; href: string }

export interface ThemeColours {
  /** The header's background and its text (council name, links): at least 4.5:1 apart. */
  headerBackground: string;
  headerText: string;
  /** Accents: section rules, the service navigation's underline (non-text: at least 3:1 against white). */
  brand: string;
  /** Links on the white page, unvisited and visited (at least 4.5:1 against white). */
  link: string;
  linkVisited: string;
  /** The footer's background and its text and links (at least 4.5:1 apart). */
  footerBackground: string;
  footerText: string;
}

export interface Theme {
  /** The name shown in the header and titles; null: the council's name in the record. */
  name: string | null;
  /** The council's own website, linked from the header and footer; null: none. */
  website: ThemeLink | null;
  /** Logo shown in the header before (or instead of) the name; served from /theme/. */
  logo: { file: string; alt: string; showName: boolean } | null;
  favicon: string | null;
  /** A stylesheet loaded after Moot's own. */
  stylesheet: string | null;
  colours: ThemeColours;
  headerLinks: ThemeLink[];
  footerLinks: ThemeLink[];
  /** A line in the footer, e.g. the council's address. */
  footerText: string | null;
  /** The folder (templates in it override Moot's partials/header.njk and partials/footer.njk); null: the plain theme. */
  dir: string | null;
}

/** The plain theme: the council's name as text, dark header, GOV.UK Frontend's link colours (all AA). */
export const DEFAULT_COLOURS: ThemeColours = {
  headerBackground: '#24292f',
  headerText: '#ffffff',
  brand: '#1d70b8',
  link: '#1a65a6',
  linkVisited: '#54319f',
  footerBackground: '#f3f2f1',
  footerText: '#0b0c0c',
};

export const PLAIN_THEME: Theme = {
  name: null, website: null, logo: null, favicon: null, stylesheet: null, colours: DEFAULT_COLOURS,
  headerLinks: [], footerLinks: [], footerText: null, dir: null,
};

/** The demonstration council's theme folder, shipped with Moot (used by `moot serve --demo` unless MOOT_THEME is set). */
export const DEMO_THEME_DIR = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'themes', 'example-county');

const HEX = /^#[0-9a-fA-F]{6}$/;

/** WCAG 2 relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** WCAG 2 contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Each pair of colours that falls short of WCAG 2.2 AA, as a sentence naming both settings. */
export function contrastProblems(c: ThemeColours): string[] {
  const checks: [keyof ThemeColours, keyof ThemeColours | 'white', number, string][] = [
    ['headerText', 'headerBackground', 4.5, 'text'],
    ['link', 'white', 4.5, 'text'],
    ['linkVisited', 'white', 4.5, 'text'],
    ['footerText', 'footerBackground', 4.5, 'text'],
    ['brand', 'white', 3, 'non-text'],
  ];
  const problems: string[] = [];
  for (const [a, b, min, kind] of checks) {
    const other = b === 'white' ? '#ffffff' : c[b];
    const ratio = contrastRatio(c[a], other);
    if (ratio < min) problems.push(`colours.${a} ${c[a]} on ${b === 'white' ? 'the white page' : `colours.${b} ${other}`} has contrast ${ratio.toFixed(2)}:1; WCAG 2.2 AA needs ${min}:1 for ${kind}`);
  }
  return problems;
}

const link = z.object({ text: z.string().trim().min(1), href: z.string().trim().min(1).refine((h) => /^(https?:\/\/|\/|mailto:|tel:)/.test(h), 'must start with https://, http://, /, mailto: or tel:') });
const file = z.string().trim().min(1).refine((f) => /^[\w.-]+$/.test(f) && !f.startsWith('.'), 'must be a file name in the theme folder (letters, digits, - _ .)');
const colour = z.string().regex(HEX, 'must be a colour written #rrggbb');
const schema = z.object({
  name: z.string().trim().min(1).optional(),
  website: link.optional(),
  logo: z.object({ file, alt: z.string().trim().min(1), showName: z.boolean().optional() }).optional(),
  favicon: file.optional(),
  stylesheet: file.optional(),
  colours: z.object({
    headerBackground: colour, headerText: colour, brand: colour, link: colour, linkVisited: colour, footerBackground: colour, footerText: colour,
  }).partial().optional(),
  headerLinks: z.array(link).max(6).optional(),
  footerLinks: z.array(link).max(12).optional(),
  footerText: z.string().trim().min(1).optional(),
}).strict();

/** Files a theme may serve, by extension. */
export const THEME_CONTENT_TYPES: Record<string, string> = {
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.ico': 'image/x-icon', '.css': 'text/css; charset=utf-8',
};

/** Reads and checks a theme folder; every problem is a MootError naming the file and the setting. */
export function loadTheme(dirGiven: string): Theme {
  const dir = resolve(dirGiven);
  const at = join(dir, 'theme.json');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new MootError(`theme folder ${dir} does not exist`, { hint: 'Set MOOT_THEME (or --theme) to a folder holding theme.json; see docs/theming.md' });
  if (!existsSync(at)) throw new MootError(`theme folder ${dir} has no theme.json`, { hint: 'See docs/theming.md for what theme.json holds' });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(at, 'utf8'));
  } catch (e) {
    throw new MootError(`${at} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MootError(`${at}: ${issue.path.join('.') || 'the file'} ${issue.message}`, { hint: 'See docs/theming.md for the settings' });
  }
  const t = parsed.data;
  const colours = { ...DEFAULT_COLOURS, ...(t.colours ?? {}) };
  const problems = contrastProblems(colours);
  if (problems.length) throw new MootError(`${at}: ${problems[0]}`, { hint: 'Choose a darker or lighter colour; the portal must meet WCAG 2.2 AA' });
  for (const f of [t.logo?.file, t.favicon, t.stylesheet]) {
    if (!f) continue;
    if (!THEME_CONTENT_TYPES[extname(f).toLowerCase()]) throw new MootError(`${at}: ${f} is not a file a theme can serve (${Object.keys(THEME_CONTENT_TYPES).join(', ')})`);
    if (!existsSync(join(dir, f))) throw new MootError(`${at} names ${f}, which is not in ${dir}`);
  }
  if (t.stylesheet && extname(t.stylesheet).toLowerCase() !== '.css') throw new MootError(`${at}: stylesheet ${t.stylesheet} must be a .css file`);
  return {
    name: t.name ?? null,
    website: t.website ?? null,
    logo: t.logo ? { file: t.logo.file, alt: t.logo.alt, showName: t.logo.showName ?? true } : null,
    favicon: t.favicon ?? null,
    stylesheet: t.stylesheet ?? null,
    colours,
    headerLinks: t.headerLinks ?? [],
    footerLinks: t.footerLinks ?? [],
    footerText: t.footerText ?? null,
    dir,
  };
}

/** The stylesheet of a theme's colours, served at /theme/colours.css (the CSP allows no inline styles). */
export function themeColoursCss(c: ThemeColours): string {
  return `:root {
  --govuk-brand-colour: ${c.brand};
  --govuk-link-colour: ${c.link};
  --govuk-link-visited-colour: ${c.linkVisited};
  --moot-brand: ${c.brand};
  --moot-header-background: ${c.headerBackground};
  --moot-header-text: ${c.headerText};
  --moot-footer-background: ${c.footerBackground};
  --moot-footer-text: ${c.footerText};
}
`;
}

/** What `moot doctor` says of a theme folder: every check loadTheme makes, and that its own templates parse. */
export function checkThemeFolder(dirGiven: string | undefined): { status: 'ok' | 'warn' | 'fail'; message: string; fix?: string } {
  if (!dirGiven) return { status: 'ok', message: 'no theme folder set (MOOT_THEME): the plain theme with the council\'s name' };
  let theme: Theme;
  try {
    theme = loadTheme(dirGiven);
  } catch (e) {
    if (!(e instanceof MootError)) throw e;
    return { status: 'fail', message: `${e.message}; moot serve refuses to start`, fix: e.hint ?? 'See docs/theming.md' };
  }
  for (const name of ['header', 'footer']) {
    const file = join(theme.dir!, 'partials', `${name}.njk`);
    if (!existsSync(file)) continue;
    try {
      // eagerCompile: a syntax error is thrown now, with its line and column, not at the first request.
      new nunjucks.Template(readFileSync(file, 'utf8'), new nunjucks.Environment(), file, true);
    } catch (e) {
      return { status: 'fail', message: `${file} is not a template Moot can read: ${(e as Error).message.replace(/\s+/g, ' ').trim()}`, fix: `Correct ${file}, or remove it to use Moot's ${name}; see docs/theming.md` };
    }
  }
  const parts = [theme.name ? `"${theme.name}"` : null, theme.logo ? `logo ${theme.logo.file}` : null, theme.stylesheet ? `stylesheet ${theme.stylesheet}` : null].filter(Boolean);
  return { status: 'ok', message: `${theme.dir}: ${parts.length ? parts.join(', ') : 'colours and links only'}; colours meet WCAG AA contrast` };
}
