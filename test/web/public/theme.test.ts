// A council's own branding: no Crown anywhere (crown, Royal Arms, GOV.UK icons or the GDS Transport typeface), a
// theme folder with the council's name, logo, colours, links and templates, colours refused below WCAG AA
// contrast, and a signed-in person's way to their own area in the header.
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MootError } from '../../../src/errors.js';
import { deepFreeze } from '../../../src/services/frozen.js';
import { buildApp } from '../../../src/web/app.js';
import { areaNavigation } from '../../../src/web/plugins/views.js';
import { checkThemeFolder, contrastProblems, contrastRatio, DEFAULT_COLOURS, DEMO_THEME_DIR, loadTheme } from '../../../src/web/theme.js';
import { addUser, Client, sessionClient } from '../auth/helpers.js';
import { createSqliteTestStore, type TestStore } from '../../helpers/stores.js';

/** Marks of the Crown and of GOV.UK that a council's site must not carry. */
const CROWN_MARKS = [/govuk-footer__crown/, /govuk-footer__copyright-logo/, /govuk-footer__licence-logo/, /govuk-icon/, /govuk-crest/, /\/assets\/images\//, /GOV\.UK(?! Design System| Frontend)/, /Crown copyright/];

let ts: TestStore;
let dir: string;
beforeAll(async () => {
  ts = await createSqliteTestStore();
  await ts.store.db.insertInto('council').values({ name: 'Plainshire District Council', short_name: 'Plainshire', settings_json: '{}' }).execute();
  dir = mkdtempSync(join(tmpdir(), 'moot-theme-'));
});
afterAll(async () => {
  await ts?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function themeDir(name: string, json: unknown, files: Record<string, string> = {}): string {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'theme.json'), JSON.stringify(json));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(d, f, '..'), { recursive: true });
    writeFileSync(join(d, f), text);
  }
  return d;
}

describe('contrast', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5); // the lightest grey that passes on white
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
  });

  it('the default colours meet AA, and the demo council\'s do too', () => {
    expect(contrastProblems(DEFAULT_COLOURS)).toEqual([]);
    expect(contrastProblems(loadTheme(DEMO_THEME_DIR).colours)).toEqual([]);
  });
});

describe('loadTheme', () => {
  it('refuses colours below AA contrast, naming the setting and the ratio', () => {
    const d = themeDir('pale', { colours: { headerBackground: '#ffdd00', headerText: '#ffffff' } });
    expect(() => loadTheme(d)).toThrow(MootError);
    expect(() => loadTheme(d)).toThrow(/colours\.headerText #ffffff on colours\.headerBackground #ffdd00 has contrast 1\.\d\d:1; WCAG 2\.2 AA needs 4\.5:1/);
  });

  it('refuses a missing folder, a missing file, an unknown setting and a bad colour', () => {
    expect(() => loadTheme(join(dir, 'nowhere'))).toThrow(/does not exist/);
    expect(() => loadTheme(themeDir('nologo', { logo: { file: 'logo.svg', alt: 'X' } }))).toThrow(/names logo\.svg, which is not in/);
    expect(() => loadTheme(themeDir('typo', { colour: {} }))).toThrow(/theme\.json/);
    expect(() => loadTheme(themeDir('badcolour', { colours: { link: 'blue' } }))).toThrow(/colours\.link must be a colour written #rrggbb/);
    expect(() => loadTheme(themeDir('escape', { stylesheet: '../x.css' }))).toThrow(/stylesheet must be a file name/);
  });
});

describe('moot doctor on the theme folder', () => {
  it('says what is wrong with it and what to do, as serve would refuse it', () => {
    expect(checkThemeFolder(undefined)).toMatchObject({ status: 'ok', message: expect.stringMatching(/no theme folder set/) });
    expect(checkThemeFolder(DEMO_THEME_DIR)).toMatchObject({ status: 'ok', message: expect.stringMatching(/logo logo\.svg, stylesheet theme\.css; colours meet WCAG AA contrast$/) });
    expect(checkThemeFolder(join(dir, 'nowhere'))).toMatchObject({ status: 'fail', message: expect.stringMatching(/does not exist; moot serve refuses to start$/), fix: expect.stringMatching(/MOOT_THEME/) });
    expect(checkThemeFolder(themeDir('doctor-pale', { colours: { headerBackground: '#ffdd00', headerText: '#ffffff' } }))).toMatchObject({ status: 'fail', fix: expect.stringMatching(/WCAG 2\.2 AA/) });
    const broken = checkThemeFolder(themeDir('doctor-template', { name: 'Plainshire' }, { 'partials/footer.njk': '<footer>{% if x %}unclosed</footer>' }));
    expect(broken).toMatchObject({ status: 'fail', message: expect.stringMatching(/partials\/footer\.njk is not a template Moot can read: .*/), fix: expect.stringMatching(/remove it to use Moot's footer/) });
    expect(checkThemeFolder(themeDir('doctor-good', { name: 'Plainshire' }, { 'partials/header.njk': '<header>{{ councilName }}</header>' }))).toMatchObject({ status: 'ok', message: expect.stringMatching(/"Plainshire"/) });
  });
});

describe('the portal with the plain theme', () => {
  it('shows no Crown, GOV.UK mark or GOV.UK typeface on its pages', async () => {
    const app = await buildApp({ store: ts.store, today: () => '2024-06-01' });
    for (const url of ['/', '/account/sign-in', '/no-such-page']) {
      const html = (await app.inject(url)).body;
      for (const mark of CROWN_MARKS) expect(html, `${url} ${mark}`).not.toMatch(mark);
      expect(html).toContain('<link rel="icon" href="/static/favicon.svg"');
      expect(html).toContain('Sign in');
    }
    // GOV.UK Frontend's assets (crown icons, GDS Transport) are not served at all.
    for (const url of ['/assets/images/govuk-crest.svg', '/assets/images/favicon.ico', '/assets/fonts/bold-b542beb274-v2.woff2']) expect((await app.inject(url)).statusCode).toBe(404);
    const css = (await app.inject('/static/moot.css')).body;
    expect(css).toMatch(/font-family: var\(--moot-font, arial, sans-serif\)/);
    const colours = await app.inject('/theme/colours.css');
    expect(colours.headers['content-type']).toMatch(/text\/css/);
    expect(colours.body).toContain(`--moot-header-background: ${DEFAULT_COLOURS.headerBackground}`);
    await app.close();
  });
});

describe('the portal with a theme folder', () => {
  it('shows the council\'s name, logo, favicon, stylesheet, colours and links, and serves only the files theme.json names', async () => {
    const d = join(dir, 'demo-copy');
    cpSync(DEMO_THEME_DIR, d, { recursive: true });
    writeFileSync(join(d, 'secret.css'), 'not named in theme.json');
    const theme = loadTheme(d);
    const app = await buildApp({ store: ts.store, today: () => '2024-06-01', theme });
    const html = (await app.inject('/')).body;
    expect(html).toContain('<img class="moot-header__logo" src="/theme/logo.svg" alt="">');
    expect(html).toContain('<link rel="icon" href="/theme/favicon.svg">');
    expect(html).toContain('<link rel="stylesheet" href="/theme/theme.css">');
    expect(html).toContain(`<meta name="theme-color" content="${theme.colours.headerBackground}">`);
    expect(html).toContain('href="https://www.example-county.gov.uk/privacy">Privacy notice</a>');
    expect(html).toContain('County Hall, Kingsmere KM1 1XQ');
    for (const mark of CROWN_MARKS) expect(html, String(mark)).not.toMatch(mark);
    const logo = await app.inject('/theme/logo.svg');
    expect(logo.statusCode).toBe(200);
    expect(logo.headers['content-type']).toBe('image/svg+xml');
    expect((await app.inject('/theme/colours.css')).body).toContain(`--govuk-link-colour: ${theme.colours.link}`);
    expect((await app.inject('/theme/secret.css')).statusCode).toBe(404);
    expect((await app.inject('/theme/theme.json')).statusCode).toBe(404);
    await app.close();
  });

  it('lets the council replace the header and footer with its own templates, and use its own name', async () => {
    const d = themeDir('own-templates', { name: 'Borsetshire County Council' }, {
      'partials/header.njk': '<div class="borsetshire-header"><a href="https://www.borsetshire.gov.uk/">{{ councilName }} home</a></div>',
      'partials/footer.njk': '<div class="borsetshire-footer">Borsetshire footer</div>',
    });
    const app = await buildApp({ store: ts.store, today: () => '2024-06-01', theme: loadTheme(d) });
    const html = (await app.inject('/')).body;
    expect(html).toContain('<div class="borsetshire-header"><a href="https://www.borsetshire.gov.uk/">Borsetshire County Council home</a></div>');
    expect(html).toContain('Borsetshire footer');
    expect(html).toContain('<title>Borsetshire County Council</title>');
    expect(html).not.toContain('moot-header__home');
    await app.close();
  });
});

describe('signed in', () => {
  it('the header says who is signed in, with a way to their area and to sign out', async () => {
    const app = await buildApp({ store: ts.store, today: () => '2024-06-01' });
    const { id } = await addUser(ts.store, 'clerk');
    const { client } = await sessionClient(app, ts.store, id);
    const html = (await client.get('/')).body;
    expect(html).toMatch(/Signed in as <strong>Test clerk<\/strong>/);
    expect(html).toContain('<a class="govuk-link govuk-link--no-visited-state" href="/workspace">Workspace</a>');
    expect(html).toContain('action="/account/sign-out"');
    expect(html).not.toContain('href="/account/sign-in"');
    // Signing out from the header's button works (its form carries the session's CSRF token).
    const out = await client.post('/account/sign-out', { _csrf: Client.csrfOf(html) });
    expect(out.statusCode).toBe(303);
    expect((await client.get('/')).body).toContain('href="/account/sign-in"');
    await app.close();
  });

  it('each role sees its own area, the current page marked', () => {
    const nav = (role: 'clerk' | 'councillor' | 'report-author' | 'administrator', path: string) => areaNavigation({ kind: 'user', userId: 1, role, personId: null, bodyIds: [], grantedMeetingIds: [] } as never, path);
    expect(nav('clerk', '/').map((l) => l.href)).toEqual(['/workspace', '/author', '/account']);
    expect(nav('councillor', '/my/papers/x').map((l) => [l.href, l.active]).filter(([, a]) => a)).toEqual([['/my/papers', true]]);
    expect(nav('councillor', '/').map((l) => l.text)).toEqual(['Your area', 'My meetings', 'My papers', 'Register of interests', 'Call-ins', 'Your account']);
    expect(nav('report-author', '/').map((l) => l.href)).toEqual(['/author', '/account']);
    expect(nav('administrator', '/').map((l) => l.href)).toEqual(['/workspace', '/author', '/admin', '/account']);
    expect(areaNavigation({ kind: 'public' }, '/')).toEqual([]);
  });

  it('a session\'s viewer (deep-frozen, from the read cache) has its links worked out once an address, each address its own current link', () => {
    const viewer = (role: 'clerk' | 'councillor', userId: number) => deepFreeze({ kind: 'user', userId, role, personId: null, bodyIds: [], grantedMeetingIds: [] } as const);
    const councillor = viewer('councillor', 1);
    const current = (path: string) => areaNavigation(councillor, path).filter((l) => l.active).map((l) => l.href);
    const papers = areaNavigation(councillor, '/my/papers/x');
    expect(current('/my/papers/x')).toEqual(['/my/papers']);
    expect(current('/my/meetings')).toEqual(['/my/meetings']);
    expect(current('/meetings/x')).toEqual([]);
    // The same address (its query aside) is the same frozen list; another address or viewer is not.
    expect(areaNavigation(councillor, '/my/papers/x?page=2')).toBe(papers);
    expect(Object.isFrozen(papers) && papers.every((l) => Object.isFrozen(l))).toBe(true);
    expect(areaNavigation(viewer('clerk', 2), '/my/papers/x').map((l) => l.href)).toEqual(['/workspace', '/author', '/account']);
    // Past the addresses kept, still right.
    for (let i = 0; i < 200; i++) expect(current(i % 2 ? `/my/interests/${i}` : `/x/${i}`)).toEqual(i % 2 ? ['/my/interests'] : []);
    expect(current('/my/papers/x')).toEqual(['/my/papers']);
  });
});
