// pages/public/search.njk as a plain function (issue 17): the search form, the filter form (rendered by Nunjucks once
// per filter state, routes/public/search.ts), the ranked hits and the pages. Every search shows different hits, so
// its page is rendered for each request; this costs less than the render memo's key of its context did.
import { displayDate } from '../filters.js';
import { esc } from '../html.js';
import { govukPagination, type Pagination } from '../govuk.js';
import { layout, type LayoutContext } from '../layout.js';
import { feedLinks } from '../macros.js';

export interface SearchHitView {
  url: string;
  title: string;
  page?: number | null;
  label: string;
  bodyName?: string | null;
  meeting?: { slug: string; date: string } | null;
  date?: string | null;
  /** Already HTML: the matched words marked, the rest escaped (store/search/snippet.ts). */
  snippet: string;
}

export type SearchContext = LayoutContext & {
  filtersHtml: string;
  text?: string;
  results: { total: number } | null;
  page: number;
  pages: number;
  hits: readonly SearchHitView[];
  pagination: Pagination | null;
  alertsHref?: string; alertsLabel?: string;
};

// govukInput and govukButton as the template calls them: only the input's value changes.
const FORM_START = '<form method="get" action="/search" role="search">\n<div class="govuk-grid-row">\n<div class="govuk-grid-column-two-thirds">\n'
  + '  <div class="moot-search-row">\n  <div class="govuk-form-group">\n  <label class="govuk-label govuk-label--s" for="q">\n    Search for\n  </label>\n'
  + '  <div id="q-hint" class="govuk-hint">\n    Words, &quot;an exact phrase&quot;, or the start of a word followed by *\n  </div>\n'
  + '  <input class="govuk-input moot-search-input" id="q" name="q" type="search" spellcheck="false"';
const FORM_END = ' aria-describedby="q-hint">\n</div>\n\n  </div>\n'
  + '  <button type="submit" class="govuk-button moot-search-submit" data-module="govuk-button">\n  Search\n</button>\n</div>\n</div>\n<div class="govuk-grid-row">\n';

function hitItem(h: SearchHitView): string {
  let meta = esc(h.label);
  if (h.bodyName) meta += ` · ${esc(h.bodyName)}`;
  if (h.meeting) meta += `, <a class="govuk-link" href="/meetings/${esc(h.meeting.slug)}">meeting on ${esc(displayDate(h.meeting.date))}</a>`;
  else if (h.date) meta += ` · ${esc(displayDate(h.date, false))}`;
  return '    <li class="moot-result">\n'
    + `      <h2 class="govuk-heading-s govuk-!-margin-bottom-1"><a class="govuk-link" href="${esc(h.url)}">${esc(h.title)}${h.page ? `, page ${esc(h.page)}` : ''}</a></h2>\n`
    + `      <p class="govuk-body-s moot-meta govuk-!-margin-bottom-1">${meta}</p>\n`
    + `      <p class="govuk-body moot-snippet">${h.snippet}</p>\n    </li>\n`;
}

export function searchPage(c: SearchContext): string {
  let out = `<h1 class="govuk-heading-l">${c.text ? 'Search results' : 'Search meetings, papers and decisions'}</h1>\n`
    + FORM_START + (c.text === undefined || c.text === null ? '' : ` value="${esc(c.text)}"`) + FORM_END
    + `${c.filtersHtml}\n<div class="govuk-grid-column-two-thirds">\n`;
  const results = c.results;
  if (results) {
    out += `  <p class="govuk-body" role="status">${esc(results.total)} result${results.total != 1 ? 's' : ''}${c.pages > 1 ? `, page ${esc(c.page)} of ${esc(c.pages)}` : ''}</p>\n`;
    if (c.hits.length) {
      out += `  <ol class="govuk-list moot-results" start="${esc((c.page - 1) * 10 + 1)}">\n`;
      for (const h of c.hits) out += hitItem(h);
      out += '  </ol>\n';
    } else out += '  <p class="govuk-body">No results. Try fewer words, or remove some filters.</p>\n';
    if (c.pagination) out += govukPagination(c.pagination);
  } else {
    out += '  <p class="govuk-body">Search the agendas, papers, minutes and decisions of every meeting, and the council\'s councillors.</p>\n';
  }
  out += '</div>\n</div>\n</form>\n' + feedLinks(c);
  return layout(c, out);
}
