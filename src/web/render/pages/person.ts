// pages/public/person.njk as a plain function (issue 17): a councillor's (or officer's) page.
import type { personPage as readPersonPage } from '../../../services/people.js';
import { interestKind } from '../../routes/public/filters.js';
import { displayDate } from '../filters.js';
import { esc, replaceAll } from '../html.js';
import { govukDetails, govukSummaryList, type SummaryRow } from '../govuk.js';
import { layout, type LayoutContext } from '../layout.js';
import { feedLinks, mootTableParts } from '../macros.js';

export type PersonContext = LayoutContext & {
  page: NonNullable<Awaited<ReturnType<typeof readPersonPage>>>;
  /** How many of each committee's meetings are listed (the most recent); the attendance page lists every one. */
  recentMeetings: number;
  alertsHref?: string;
  alertsLabel?: string;
};

// The tables' fixed text, made once: a row is one template literal (issue 17).
const MEMBERSHIPS = mootTableParts({ head: [{ text: 'Committee' }, { text: 'Role' }, { text: 'From' }, { text: 'To' }] });
const NUMERIC = { format: 'numeric' };
const ATTENDANCE = mootTableParts({ caption: 'Meetings attended while a member', captionClasses: 'govuk-table__caption--s',
  head: [{ text: 'Committee' }, { text: 'Expected', ...NUMERIC }, { text: 'Present', ...NUMERIC }, { text: 'Attendance', ...NUMERIC }] }, [{}, NUMERIC, NUMERIC, NUMERIC]);
const IN_FORCE = mootTableParts({ caption: 'Interests registered now', captionClasses: 'govuk-table__caption--s', head: [{ text: 'Category' }, { text: 'Interest' }, { text: 'Registered' }] });
const EARLIER = mootTableParts({ caption: 'Entries no longer on the register', captionClasses: 'govuk-table__caption--s',
  head: [{ text: 'Category' }, { text: 'Interest' }, { text: 'Registered' }, { text: 'Removed or changed' }] });

export function personPage(c: PersonContext): string {
  const page = c.page;
  const p = page.person;
  const slug = esc(p.slug);
  let out = `<span class="govuk-caption-l">${p.kind === 'councillor' ? 'Councillor' : p.kind === 'co-opted' ? 'Co-opted member' : 'Officer'}</span>\n`
    + `<h1 class="govuk-heading-l">${esc(p.name)}</h1>\n<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">\n<div class="moot-person">\n`;
  if (p.hasPhoto) out += `<img class="moot-person__photo" src="/people/${slug}/photo" alt="Photo of ${esc(p.name)}" width="160">`;
  out += '<div class="moot-person__details">\n';
  const rows: SummaryRow[] = [];
  if (page.roles.length) {
    let roleList = '<ul class="govuk-list">';
    for (const r of page.roles) {
      roleList += `<li>${r.bodyName ? `${esc(r.label)}, <a class="govuk-link" href="/bodies/${esc(r.bodySlug)}">${esc(r.bodyName)}</a>`
        : `<a class="govuk-link" href="/bodies/${esc(r.bodySlug)}">${esc(r.label)}</a>`}</li>`;
    }
    rows.push({ key: { text: 'Roles' }, value: { html: `${roleList}</ul>` } });
  }
  if (page.portfolios.length) rows.push({ key: { text: 'Cabinet portfolio' }, value: { text: page.portfolios.join('; ') } });
  if (p.kind === 'councillor') rows.push({ key: { text: 'Political group' }, value: { text: p.group || 'Independent' } });
  else if (p.group) rows.push({ key: { text: 'Political group' }, value: { text: p.group } });
  if (p.division) rows.push({ key: { text: page.areaLabel }, value: { text: p.division } });
  if (p.job_title) rows.push({ key: { text: 'Job title' }, value: { text: p.job_title } });
  if (p.email) rows.push({ key: { text: 'Email' }, value: { html: `<a class="govuk-link" href="mailto:${esc(p.email)}">${esc(p.email)}</a>` } });
  if (p.phone) rows.push({ key: { text: 'Telephone' }, value: { html: `<a class="govuk-link" href="tel:${esc(replaceAll(p.phone, ' ', ''))}">${esc(p.phone)}</a>` } });
  if (p.address) rows.push({ key: { text: 'Postal address' }, value: { text: p.address, classes: 'moot-pre-line' } });
  if (rows.length) out += govukSummaryList({ rows });
  out += '</div>\n</div>\n\n<h2 class="govuk-heading-m">Committee memberships</h2>\n';
  if (page.memberships.length) {
    const [body, role, from, to] = MEMBERSHIPS.before;
    out += MEMBERSHIPS.start;
    // As the template concatenates it: the slug as it is, the name escaped.
    for (const ms of page.memberships) {
      out += `${body}<a class="govuk-link" href="/bodies/${ms.body_slug}">${esc(ms.body_name)}</a>${role}${esc(ms.roleLabel)}${from}${esc(displayDate(ms.starts_on, false))}`
        + `${to}${ms.ends_on ? esc(displayDate(ms.ends_on, false)) : 'Current'}${MEMBERSHIPS.after}`;
    }
    out += MEMBERSHIPS.end;
  } else out += '<p class="govuk-body">No memberships are recorded.</p>';
  out += '\n<h2 class="govuk-heading-m">Attendance</h2>\n';
  if (page.attendance.length) {
    const [body, expected, present, percent] = ATTENDANCE.before;
    out += ATTENDANCE.start;
    for (const a of page.attendance) {
      out += `${body}<a class="govuk-link" href="/bodies/${a.bodySlug}">${esc(a.bodyName)}</a>${expected}${a.expected}${present}${a.present}${percent}${a.percent}%${ATTENDANCE.after}`;
    }
    out += `${ATTENDANCE.end}\n`;
    for (const a of page.attendance) {
      let list = '<ul class="govuk-list">';
      const shown = Math.min(a.meetings.length, c.recentMeetings);
      for (let i = 0; i < shown; i++) {
        const mt = a.meetings[i];
        list += `<li><a class="govuk-link" href="/meetings/${esc(mt.slug)}">${esc(displayDate(mt.date))}</a>: ${esc(mt.attendance)}</li>`;
      }
      list += '</ul>';
      if (a.meetings.length > c.recentMeetings) {
        list += `<p class="govuk-body">The ${esc(c.recentMeetings)} most recent of ${a.meetings.length}: <a class="govuk-link" href="/people/${slug}/attendance#${esc(a.bodySlug)}">`
          + `every meeting of ${esc(a.bodyName)}</a></p>`;
      }
      out += govukDetails({ summaryText: `Meetings of ${a.bodyName} (${a.present} of ${a.expected})`, html: list }) + '\n';
    }
  } else out += '<p class="govuk-body">No attendance is recorded.</p>';
  out += `\n<p class="govuk-body"><a class="govuk-link" href="/people/${slug}/votes">Voting and attendance record</a> (also as CSV)</p>\n\n`
    + '<h2 class="govuk-heading-m">Declarations of interest</h2>\n';
  if (page.declarations.length) {
    out += '<ul class="govuk-list govuk-list--spaced">';
    for (const d of page.declarations) {
      out += `<li><a class="govuk-link" href="/meetings/${esc(d.meeting_slug)}">${esc(d.body_name)}, ${esc(displayDate(d.date))}</a>`
        + `${d.item_code ? `, item ${esc(d.item_code)} (${esc(d.item_title)})` : ''}: ${esc(interestKind(d.kind))} &ndash; ${esc(d.nature)}</li>`;
    }
    out += '</ul>\n';
  } else out += '<p class="govuk-body">No declarations are recorded.</p>';
  out += '\n';
  if (p.kind !== 'officer') {
    out += '<h2 class="govuk-heading-m" id="register">Register of interests</h2>\n';
    const reg = page.register;
    if (reg.lastUpdated) out += `<p class="govuk-body">Last updated ${esc(displayDate(reg.lastUpdated))}.</p>`;
    if (reg.inForce.length) {
      const [category, interest, registered] = IN_FORCE.before;
      out += IN_FORCE.start;
      for (const e of reg.inForce) out += `${category}${esc(e.category)}${interest}${esc(e.description)}${registered}${esc(displayDate(e.registered_on, false))}${IN_FORCE.after}`;
      out += `${IN_FORCE.end}\n`;
    } else out += `<p class="govuk-body">${esc(p.name)} has no interests on the register.</p>`;
    if (reg.earlier.length) {
      const [category, interest, registered, removed] = EARLIER.before;
      let history = EARLIER.start;
      for (const e of reg.earlier) {
        history += `${category}${esc(e.category)}${interest}${esc(e.description)}${registered}${esc(displayDate(e.registered_on, false))}`
          + `${removed}${esc(displayDate(e.removed_on, false))}${EARLIER.after}`;
      }
      history += `${EARLIER.end}\n<p class="govuk-body">The register as it stood on:</p>\n<ul class="govuk-list">`;
      for (const v of reg.versions) history += `<li><a class="govuk-link" href="/people/${slug}/interests?on=${esc(v)}">${esc(displayDate(v))}</a></li>`;
      out += govukDetails({ summaryText: 'Earlier versions of the register', html: `${history}</ul>\n` }) + '\n';
    }
  }
  out += '</div></div>\n' + feedLinks(c);
  return layout(c, out);
}
