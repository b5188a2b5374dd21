// The shared layout (layouts/base.njk over govuk/template.njk, partials/header.njk and partials/footer.njk) as a
// plain function: what Nunjucks writes for it, byte for byte, for the plain theme's templates (a theme with a folder
// of its own partials is rendered by Nunjucks). Only what changes per request is computed; the rest is constant text.
import type { Theme } from '../theme.js';
import { esc } from './html.js';
import { govukBreadcrumbs, type Breadcrumb } from './govuk.js';

export interface Feed { type: string; title: string; href: string }
interface AreaLink { href: string; text: string; active: boolean }

/** What the layout reads from a page's context (views.ts puts the shared part in). */
export interface LayoutContext {
  pageTitle?: string;
  councilName: string;
  theme: Theme;
  canonicalUrl?: string;
  feeds?: Feed[];
  cspNonce?: string;
  account?: { displayName: string } | null;
  csrfToken?: string;
  currentPath: string;
  areaNavigation?: readonly AreaLink[];
  breadcrumbs?: Breadcrumb[];
}

const NAVIGATION = [
  { href: '/meetings', text: 'Meetings', paths: ['/meetings', '/calendar'] },
  { href: '/bodies', text: 'Committees', paths: ['/bodies'] },
  { href: '/decisions', text: 'Decisions', paths: ['/decisions'] },
  { href: '/forward-plan', text: 'Forward plan', paths: ['/forward-plan'] },
  { href: '/people', text: 'Councillors', paths: ['/people'] },
  { href: '/search', text: 'Search', paths: ['/search'] },
];

// govukServiceNavigation as base.njk calls it: only which item is active changes.
const NAV_START = '\n  <section aria-label="Service information" class="govuk-service-navigation"\ndata-module="govuk-service-navigation"\n>\n'
  + '      <div class="govuk-width-container">\n\n    <div class="govuk-service-navigation__container">\n      \n'
  + '        <span class="govuk-service-navigation__service-name">\n            <a href="/" class="govuk-service-navigation__link">\n'
  + '              Meetings and decisions\n            </a>\n        </span>\n\n      \n'
  + '        <nav aria-label="Menu" class="govuk-service-navigation__wrapper">\n'
  + '          <button type="button" class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle" aria-controls="navigation" hidden aria-hidden="true">\n'
  + '            Menu\n          </button>\n\n          <ul class="govuk-service-navigation__list" id="navigation" >\n\n            ';
const NAV_END = '\n            </ul>\n        </nav>\n    </div>\n\n    </div>\n\n  </section>\n';
const NAV_ITEMS = NAVIGATION.map((n) => ({
  paths: n.paths,
  off: `\n              \n              <li class="govuk-service-navigation__item">\n                  <a class="govuk-service-navigation__link" href="${n.href}">\n`
    + `                                    \n${n.text}\n                  </a>\n              </li>\n`,
  on: `\n              \n              <li class="govuk-service-navigation__item govuk-service-navigation__item--active">\n`
    + `                  <a class="govuk-service-navigation__link" href="${n.href}" aria-current="true">\n                                    \n`
    + `                  <strong class="govuk-service-navigation__active-fallback">${n.text}</strong>\n\n                  </a>\n              </li>\n`,
}));

function serviceNavigation(currentPath: string): string {
  let out = NAV_START;
  for (const item of NAV_ITEMS) out += item.paths.some((p) => currentPath.startsWith(p)) ? item.on : item.off;
  return out + NAV_END;
}

function header(c: LayoutContext): string {
  const t = c.theme;
  let out = '\n<div class="moot-header">\n  <div class="govuk-width-container moot-header__container">\n    <a href="/" class="moot-header__home">';
  if (t.logo) out += `<img class="moot-header__logo" src="/theme/${esc(t.logo.file)}" alt="${esc(t.logo.showName ? '' : (t.logo.alt || c.councilName))}">`;
  if (!t.logo || t.logo.showName) out += `<span class="moot-header__name">${esc(c.councilName)}</span>`;
  out += `</a>\n    <nav class="moot-header__links" aria-label="${c.account ? 'Your account' : 'Council links'}">\n      <ul class="moot-header__list">\n`;
  for (const l of t.headerLinks ?? []) out += `<li><a class="moot-header__link" href="${esc(l.href)}">${esc(l.text)}</a></li>`;
  if (t.website) out += `<li><a class="moot-header__link" href="${esc(t.website.href)}">${esc(t.website.text)}</a></li>`;
  if (c.account) {
    out += `          <li class="moot-header__who">Signed in as <strong>${esc(c.account.displayName)}</strong></li>\n`
      + '          <li><a class="moot-header__link" href="/account">Your account</a></li>\n';
    if (c.csrfToken) {
      out += `<li><form method="post" action="/account/sign-out" class="moot-header__form"><input type="hidden" name="_csrf" value="${esc(c.csrfToken)}">`
        + '<button type="submit" class="moot-header__button">Sign out</button></form></li>';
    }
  } else out += '          <li><a class="moot-header__link" href="/account/sign-in">Sign in</a></li>\n';
  return `${out}      </ul>\n    </nav>\n  </div>\n</div>\n`;
}

function footer(c: LayoutContext): string {
  const t = c.theme;
  let out = '\n<div class="govuk-footer moot-footer">\n  <div class="govuk-width-container">\n    <div class="govuk-footer__meta">\n'
    + '      <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">\n';
  if (t.footerLinks?.length || t.website) {
    out += `        <h2 class="govuk-visually-hidden">${esc(c.councilName)}</h2>\n        <ul class="govuk-footer__inline-list">\n`;
    if (t.website) out += `<li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="${esc(t.website.href)}">${esc(t.website.text)}</a></li>`;
    for (const l of t.footerLinks ?? []) out += `<li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="${esc(l.href)}">${esc(l.text)}</a></li>`;
    out += '        </ul>\n';
  }
  out += '        <h2 class="govuk-visually-hidden">Support links</h2>\n        <ul class="govuk-footer__inline-list">\n'
    + '          <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/accessibility">Accessibility</a></li>\n'
    + '          <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/sitemap.xml">Sitemap</a></li>\n'
    + '          <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/open-data">Open data</a></li>\n'
    + '          <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/api/openapi.json">API (OpenAPI)</a></li>\n'
    + '        </ul>\n';
  if (t.footerText) out += `<p class="govuk-body-s moot-footer__text">${esc(t.footerText)}</p>`;
  return `${out}        <p class="govuk-body-s moot-footer__text">Published by ${esc(c.councilName)} using Moot, open-source committee software.</p>\n`
    + '      </div>\n    </div>\n  </div>\n</div>\n';
}

/** A whole page: the layout around a page's `content` block (and its `headExtra` block, if any). */
export function layout(c: LayoutContext, content: string, headExtra: string = ''): string {
  const t = c.theme;
  let out = '<!DOCTYPE html>\n<html lang="en-GB" class="govuk-template">\n  <head>\n    <meta charset="utf-8">\n    <title>'
    + `${c.pageTitle ? `${esc(c.pageTitle)} &ndash; ` : ''}${esc(c.councilName)}</title>\n`
    + '    <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">\n'
    + `    <meta name="theme-color" content="${esc(t.colours.headerBackground || '#1d70b8')}">\n\n`
    + '  <link rel="stylesheet" href="/govuk/govuk-frontend.min.css">\n  <link rel="stylesheet" href="/static/moot.css">\n'
    + '  <link rel="stylesheet" href="/theme/colours.css">\n';
  if (t.stylesheet) out += `<link rel="stylesheet" href="/theme/${esc(t.stylesheet)}">`;
  if (c.canonicalUrl) out += `<link rel="canonical" href="${esc(c.canonicalUrl)}">`;
  for (const f of c.feeds ?? []) out += `<link rel="alternate" type="${esc(f.type)}" title="${esc(f.title)}" href="${esc(f.href)}">\n`;
  out += `${headExtra}\n`;
  out += t.favicon ? `<link rel="icon" href="/theme/${esc(t.favicon)}">` : '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">';
  out += '\n  </head>\n  <body class="govuk-template__body">\n'
    + `    <script${c.cspNonce ? ` nonce="${esc(c.cspNonce)}"` : ''}>document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');</script>\n`
    + '\n        <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">Skip to main content</a>\n\n\n    \n\n'
    + '  <header class="govuk-template__header">\n' + header(c) + '    ' + serviceNavigation(c.currentPath) + '\n';
  const area = c.areaNavigation;
  if (area && area.length) {
    out += '    <nav class="moot-area-nav" aria-label="Your area">\n      <div class="govuk-width-container">\n        <ul class="moot-area-nav__list">\n';
    for (const l of area) out += `<li><a class="govuk-link govuk-link--no-visited-state" href="${esc(l.href)}"${l.active ? ' aria-current="page"' : ''}>${esc(l.text)}</a></li>`;
    out += '        </ul>\n      </div>\n    </nav>\n';
  }
  out += '  </header>\n\n      <div class="govuk-width-container">\n';
  if (c.breadcrumbs) out += govukBreadcrumbs({ items: c.breadcrumbs });
  out += '        <main class="govuk-main-wrapper" id="main-content">\n'
    + content
    + '        </main>\n      </div>\n\n    \n\n  <footer class="govuk-template__footer">\n' + footer(c) + '  </footer>\n\n'
    + '  <script type="module" src="/govuk/govuk-frontend.min.js"></script>\n  <script type="module" src="/static/init.js"></script>\n'
    + '  </body>\n</html>\n';
  return out;
}
