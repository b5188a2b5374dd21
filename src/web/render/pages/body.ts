// pages/public/body.njk as a plain function (issue 17): a committee, its members by group, its meetings.
import type { bodyPage as readBodyPage } from '../../../services/bodies.js';
import type { publishedReviews } from '../../../services/executive/scrutiny.js';
import { displayDate } from '../filters.js';
import { esc } from '../html.js';
import { govukSummaryList, type SummaryRow } from '../govuk.js';
import { layout, type LayoutContext } from '../layout.js';
import { feedLinks, meetingList, mootTableParts, personLink } from '../macros.js';

export type BodyContext = LayoutContext & {
  page: NonNullable<Awaited<ReturnType<typeof readBodyPage>>>;
  reviews?: Awaited<ReturnType<typeof publishedReviews>>;
  alertsHref?: string; alertsLabel?: string;
};

// The seats table's fixed text, made once: a row is one template literal (issue 17).
const NUMERIC = { format: 'numeric' };
const SEATS = mootTableParts({ caption: 'Seats by political group', captionClasses: 'govuk-table__caption--s', firstCellIsHeader: true,
  head: [{ text: 'Group' }, { text: 'Seats', ...NUMERIC }, { text: 'Vacant', ...NUMERIC }] }, [{}, NUMERIC, NUMERIC]);

export function bodyPage(c: BodyContext): string {
  const page = c.page;
  const body = page.body;
  let out = body.kindLabel !== body.name ? `<span class="govuk-caption-l">${esc(body.kindLabel)}</span>` : '';
  out += `<h1 class="govuk-heading-l">${esc(body.name)}</h1>\n<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">\n`;
  if (body.purpose) out += `<p class="govuk-body-l">${esc(body.purpose)}</p>`;
  out += '\n<h2 class="govuk-heading-m">Membership</h2>\n';
  const summary: SummaryRow[] = [];
  if (page.chairman) summary.push({ key: { text: page.chairman.roleLabel }, value: { html: personLink(page.chairman.name, page.chairman.slug) } });
  if (page.viceChairman) summary.push({ key: { text: page.viceChairman.roleLabel }, value: { html: personLink(page.viceChairman.name, page.viceChairman.slug) } });
  if (page.size) {
    const vacancies = page.vacancies ? `, ${page.vacancies}${page.vacancies == 1 ? ' vacancy' : ' vacancies'}` : '';
    summary.push({ key: { text: 'Members' }, value: { text: `${page.size} seats${vacancies}` } });
  }
  if (summary.length) out += govukSummaryList({ rows: summary });
  out += '\n';
  if (page.membersByGroup.length) {
    const [group, seats, vacant] = SEATS.before;
    out += SEATS.start;
    for (const g of page.membersByGroup) out += `${group}${esc(g.name)}${seats}${esc(g.seats)}${vacant}${g.seats > g.filled ? g.seats - g.filled : 0}${SEATS.after}`;
    out += `${SEATS.end}\n`;
    for (const g of page.membersByGroup) {
      out += `<h3 class="govuk-heading-s">${esc(g.name)} (${esc(g.seats)})</h3>\n<ul class="govuk-list">`;
      for (const p of g.members) out += `<li>${personLink(p.name, p.slug)}${p.roleNote ? ` (${esc(p.roleNote)})` : ''}</li>`;
      if (g.seats > g.filled) for (let n = 0; n < g.seats - g.filled; n++) out += '<li class="moot-meta">Vacancy</li>';
      out += '</ul>\n';
    }
  } else out += '<p class="govuk-body">No members are recorded.</p>';
  out += '\n';
  if (page.coOpted.length) {
    out += '<h3 class="govuk-heading-s">Co-opted members</h3>\n<ul class="govuk-list">';
    for (const p of page.coOpted) {
      out += `<li>${personLink(p.name, p.slug)}${p.category ? ` (${esc(p.category)})` : ''}`
        + `${p.votingNote ? ` &ndash; ${esc(p.votingNote)}` : p.role === 'co-opted-non-voting' ? ' &ndash; non-voting' : ''}</li>`;
    }
    out += '</ul>\n';
  }
  if (page.substitutes.length) {
    out += '<h3 class="govuk-heading-s">Substitutes</h3>\n<ul class="govuk-list">';
    for (const p of page.substitutes) out += `<li>${personLink(p.name, p.slug)}${p.group ? ` (${esc(p.group)})` : ''}</li>`;
    out += '</ul>\n';
  }
  out += '\n<h2 class="govuk-heading-m">Upcoming meetings</h2>\n';
  out += page.upcoming.length ? meetingList(page.upcoming, false) : '<p class="govuk-body">No meetings are scheduled.</p>';
  out += '<h2 class="govuk-heading-m">Past meetings</h2>\n';
  out += page.past.length ? meetingList(page.past, false) : '<p class="govuk-body">There are no past meetings.</p>';
  const reviews = c.reviews ?? [];
  if (reviews.length) {
    out += '<h2 class="govuk-heading-m" id="reviews">Select committee reviews</h2>\n<ul class="govuk-list">';
    for (const r of reviews) {
      out += `<li><a class="govuk-link" href="/reviews/${esc(r.slug)}">${esc(r.title)}</a> <span class="moot-meta">&ndash; ${esc(r.stageLabel)}, started ${esc(displayDate(r.startedOn))}</span></li>`;
    }
    out += '</ul>\n';
  }
  if (page.years.length) {
    // The text around each year, with the committee's slug and name escaped once.
    const query = `?body=${esc(body.slug)}">`;
    const hidden = `<span class="govuk-visually-hidden"> meetings of ${esc(body.name)}</span></a>`;
    const last = page.years.length - 1;
    out += '<p class="govuk-body">Meetings by year:\n';
    page.years.forEach((y, i) => {
      const year = esc(y.year);
      out += `<a class="govuk-link" href="/archive/${year}${query}${year}${hidden}${i < last ? ', ' : ''}`;
    });
    out += '</p>\n';
  }
  out += '</div>\n<div class="govuk-grid-column-one-third moot-no-print">\n<h2 class="govuk-heading-s">Subscribe</h2>\n'
    + `<p class="govuk-body-s"><a class="govuk-link" href="/bodies/${esc(body.slug)}/calendar.ics">Add the ${esc(body.name)} meetings to your calendar (iCalendar)</a></p>\n`
    + `<p class="govuk-body-s"><a class="govuk-link" href="/calendar?body=${esc(body.slug)}">Calendar of meetings</a></p>\n`
    + feedLinks(c) + '</div></div>\n';
  return layout(c, out);
}
