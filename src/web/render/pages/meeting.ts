// pages/public/meeting.njk as a plain function (issue 17): a meeting's page. What it shows of exempt items, packs and
// minutes is what the page's data holds for this viewer (services/meetings.ts asks the one visibility rule).
import type { MeetingPage } from '../../../services/meetings.js';
import { anchor, interestKind, packKind, plural, sectionTitle } from '../../routes/public/filters.js';
import { displayDate, displayTime, fileSize } from '../filters.js';
import { esc, trim } from '../html.js';
import { govukDetails, govukSummaryList, govukTag, govukWarningText, type SummaryRow } from '../govuk.js';
import { layout, type LayoutContext } from '../layout.js';
import { attendees, exemptTag, feedLinks, paperList, personLink } from '../macros.js';

export type MeetingContext = LayoutContext & {
  page: MeetingPage; statusTag: { text: string; classes: string }; bodyKindLabel: string; jsonLd: string;
  alertsHref?: string; alertsLabel?: string;
};

function packsHtml(page: MeetingPage): string {
  const m = page.meeting;
  let out = '<h2 class="govuk-heading-m" id="packs">Documents</h2>\n<ul class="govuk-list">\n';
  let earlier = '';
  for (const p of page.packs) {
    if (p.latest) {
      out += `  <li><a class="govuk-link" href="${esc(p.url)}">`
        + (p.kind === 'minutes' && m.status === 'minutes-drafted' ? `Printed draft minutes${p.audience !== 'public' ? ' (confidential)' : ''}` : esc(packKind(p.kind, p.audience)))
        + ` <span class="moot-meta">(PDF, ${esc(fileSize(p.size))}, ${esc(plural(p.pageCount, 'page'))})</span></a>`
        + (p.version > 1 ? ` <span class="moot-meta">version ${esc(p.version)}</span>` : '')
        + (p.lateReason ? `<br><span class="moot-meta">Issued late: ${esc(p.lateReason)}</span>` : '')
        + (p.note ? `<br><span class="moot-meta">Reissued ${esc(displayDate(p.publishedAt))}: ${esc(p.note)}</span>` : '')
        + '</li>\n';
    } else {
      earlier += `<li><a class="govuk-link" href="${esc(p.url)}">${esc(packKind(p.kind, p.audience))}, version ${esc(p.version)} (PDF, ${esc(fileSize(p.size))})</a>`
        + ` <span class="moot-meta">published ${esc(displayDate(p.publishedAt))}</span></li>`;
    }
  }
  out += '</ul>\n';
  if (trim(earlier)) out += govukDetails({ summaryText: 'Earlier versions', html: `<ul class="govuk-list">${earlier}</ul>` });
  return out;
}

function agendaHtml(page: MeetingPage): string {
  const m = page.meeting;
  let out = '';
  for (const section of page.agenda) {
    out += `  <h3 class="govuk-heading-s moot-section-heading">${section.letter ? `${esc(section.letter)}. ` : ''}${esc(sectionTitle(section.title))}</h3>\n`;
    if (section.exempt && section.items.length) {
      out += `<p class="govuk-body-s">${page.held ? 'The press and public were excluded for these items.' : 'During these items the press and public are likely to be excluded.'}</p>`;
    }
    if (!section.items.length) out += '<p class="govuk-body moot-meta">There are no items for consideration.</p>';
    out += '  <ol class="moot-agenda">\n';
    for (const i of section.items) {
      out += `    <li class="moot-agenda-item" id="item-${esc(i.code)}">\n      <span class="moot-item-code">${esc(i.code)}</span>\n      <div class="moot-item-body">\n`
        + `      <p class="govuk-body govuk-!-margin-bottom-1"><a class="govuk-link govuk-!-font-weight-bold" href="/meetings/${esc(m.slug)}/items/${esc(encodeURIComponent(i.code))}">${esc(i.title)}</a>\n`;
      if (i.pageStart) {
        // Escaped twice over, as the template's captured range is (page numbers: the same text).
        const range = esc(trim(i.pageEnd && i.pageEnd != i.pageStart ? `(Pages ${esc(i.pageStart)} - ${esc(i.pageEnd)})` : `(Page ${esc(i.pageStart)})`));
        out += '<span class="moot-meta">'
          + (i.pageLink ? `<a class="govuk-link moot-page-range" href="${esc(i.pageLink)}">${range}<span class="govuk-visually-hidden"> in ${esc(i.pageIn)}</span></a>` : range)
          + '</span>';
      }
      if (i.toFollow && !i.papers.length && !page.held) out += '<strong class="govuk-tag govuk-tag--yellow">To follow</strong>';
      if (i.withdrawn) out += '<strong class="govuk-tag govuk-tag--grey">Withdrawn</strong>';
      if (i.reportWithdrawn) out += '<strong class="govuk-tag govuk-tag--grey">Report withdrawn</strong>';
      out += '      </p>\n';
      if (i.exempt) out += `<p class="govuk-body govuk-!-margin-bottom-1">${exemptTag(i.exemptLabel)}</p>`;
      if (i.purpose) out += `<p class="govuk-body govuk-!-margin-bottom-1 moot-purpose">${esc(i.purpose)}</p>`;
      if (i.urgentReason) out += `<p class="govuk-body-s">Urgent item: ${esc(i.urgentReason)}</p>`;
      if (i.presenters.length) out += `<p class="govuk-body-s govuk-!-margin-bottom-1">Presented by ${esc(i.presenters.join(', '))}</p>`;
      out += `      ${paperList(i.papers)}\n      </div>\n    </li>\n`;
    }
    out += '  </ol>\n';
  }
  return out;
}

function attendanceHtml(page: MeetingPage): string {
  const a = page.attendance!;
  let out = '<h2 class="govuk-heading-m" id="attendance">Attendance</h2>\n';
  if (a.present.length) out += `<h3 class="govuk-heading-s">Present</h3>${attendees(a.present)}`;
  if (a.apologies.length) out += `<h3 class="govuk-heading-s">Apologies</h3>${attendees(a.apologies)}`;
  if (page.substitutes.length) {
    out += '<h3 class="govuk-heading-s">Substitutes</h3><ul class="govuk-list">';
    for (const s of page.substitutes) out += `<li>${personLink(s.name, s.personSlug)} for ${esc(s.for)}</li>`;
    out += '</ul>';
  }
  if (a.absent.length) out += `<h3 class="govuk-heading-s">Absent</h3>${attendees(a.absent)}`;
  if (a.alsoPresent.length) out += `<h3 class="govuk-heading-s">Also present</h3>${attendees(a.alsoPresent)}`;
  if (a.inAttendance.length) out += `<h3 class="govuk-heading-s">In attendance</h3>${attendees(a.inAttendance)}`;
  if (!(a.present.length || a.apologies.length)) out += '<p class="govuk-body">No attendance has been recorded.</p>';
  out += '\n<h2 class="govuk-heading-m" id="declarations">Declarations of interest</h2>\n';
  if (page.declarations.length) {
    out += '<ul class="govuk-list">';
    for (const d of page.declarations) {
      out += `<li>${personLink(d.name, d.personSlug)} declared ${esc(interestKind(d.kind))}${d.itemCode ? ` in item ${esc(d.itemCode)}` : ''}: ${esc(d.nature)}`
        + `${d.dispensation ? ` (dispensation: ${esc(d.dispensation)})` : ''}</li>`;
    }
    out += '</ul>\n';
  } else out += '<p class="govuk-body">None were declared.</p>';
  return out;
}

function minutesHtml(page: MeetingPage): string {
  const m = page.meeting;
  let out = '<h2 class="govuk-heading-m" id="minutes">Minutes</h2>\n<p class="govuk-body">';
  if (m.status === 'minutes-approved') {
    out += 'Approved as a correct record'
      + (m.minutesApprovedAt ? ` at the <a class="govuk-link" href="/meetings/${esc(m.minutesApprovedAt.slug)}">meeting on ${esc(displayDate(m.minutesApprovedAt.date))}</a>` : '')
      + (m.minutesAmendments ? `, subject to: ${esc(m.minutesAmendments)}` : '') + '.';
  } else out += 'Draft minutes, to be approved at the next meeting.';
  out += '</p>\n';
  for (const mn of page.minutes) {
    out += `<div class="moot-minute" id="minute-${esc(anchor(mn.number))}">\n  <h3 class="govuk-heading-s">${esc(mn.number)}. ${esc(mn.title)}`
      + `${mn.itemCode ? ` <span class="moot-meta">(Item ${esc(mn.itemCode)})</span>` : ''}</h3>\n`;
    if (mn.exempt) out += `<p class="govuk-body">${exemptTag(mn.exemptLabel)}</p>`;
    for (const para of mn.paragraphs) out += `<p class="govuk-body">${esc(para)}</p>`;
    for (const r of mn.resolutions) {
      out += `<p class="govuk-body govuk-!-font-weight-bold">${esc(r.text)}</p>`;
      if (r.parts.length) {
        out += '<ul class="govuk-list">';
        for (const part of r.parts) out += `<li>${esc(part.label)} ${esc(part.text)}</li>`;
        out += '</ul>';
      }
    }
    for (const v of mn.votes) {
      out += `<p class="govuk-body-s">Recorded vote on ${esc(v.motion)}: for ${v.for.length}, against ${v.against.length}, abstained ${v.abstained.length}.</p>`;
    }
    if (mn.postMeetingNote) out += `<p class="govuk-body-s">Post-meeting note: ${esc(mn.postMeetingNote)}</p>`;
    out += '</div>\n';
  }
  return out;
}

export function meetingPage(c: MeetingContext): string {
  const page = c.page;
  const m = page.meeting;
  const body = page.body;
  const headExtra = `<script type="application/ld+json" nonce="${esc(c.cspNonce)}">${c.jsonLd}</script>`;
  let out = c.bodyKindLabel !== body.name ? `<span class="govuk-caption-l">${esc(c.bodyKindLabel)}</span>` : '';
  out += `<h1 class="govuk-heading-l">${esc(body.name)}<span class="govuk-visually-hidden">,</span> <span class="moot-h1-date">${esc(displayDate(m.date))}`
    + `${m.time ? `, ${esc(displayTime(m.time))}` : ''}</span></h1>\n<p class="govuk-body">${govukTag(c.statusTag)}`
    + `${m.historic ? ' <span class="moot-meta">Record imported from the published pack.</span>' : ''}</p>\n`;
  if (m.status === 'cancelled' || m.status === 'postponed') {
    out += govukWarningText({ text: `This meeting has been ${m.status}.${m.statusReason ? ` ${m.statusReason}` : ''}`, iconFallbackText: 'Warning' }) + '\n';
  }
  out += '\n<div class="govuk-grid-row">\n<div class="govuk-grid-column-two-thirds">\n';
  const rows: SummaryRow[] = [
    { key: { text: 'Date' }, value: { text: displayDate(m.date) } },
    { key: { text: 'Time' }, value: { text: displayTime(m.time) || 'To be confirmed' } },
    { key: { text: 'Venue' }, value: { text: m.venue || 'To be confirmed' } },
    // As the template concatenates it: the slug as it is, the name escaped.
    { key: { text: 'Committee' }, value: { html: `<a class="govuk-link" href="/bodies/${body.slug}">${esc(body.name)}</a>` } },
  ];
  if (m.contacts.length) {
    let contacts = '';
    for (const ct of m.contacts) {
      contacts += `<p class="govuk-body govuk-!-margin-bottom-1">${esc(ct.name)}${ct.phone ? `, ${esc(ct.phone)}` : ''}`
        + `${ct.email ? `, <a class="govuk-link" href="mailto:${esc(ct.email)}">${esc(ct.email)}</a>` : ''}</p>`;
    }
    rows.push({ key: { text: 'Ask for' }, value: { html: contacts } });
  }
  if (m.webcastUrl) rows.push({ key: { text: 'Webcast' }, value: { html: `<a class="govuk-link" href="${esc(m.webcastUrl)}" rel="external">Watch the webcast</a>` } });
  if (m.publishedOn) rows.push({ key: { text: 'Agenda published' }, value: { text: displayDate(m.publishedOn) + (m.signatory ? ` by ${m.signatory}` : '') } });
  out += govukSummaryList({ rows }) + '\n\n';
  const upcoming = !page.held && !m.historic && m.status !== 'cancelled' && m.status !== 'postponed';
  if (upcoming) {
    out += `<p class="govuk-body"><a class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" href="/meetings/${esc(m.slug)}/calendar.ics" download>Add to calendar`
      + `<span class="govuk-visually-hidden">: ${esc(body.name)}, ${esc(displayDate(m.date))}</span></a></p>\n<h2 class="govuk-heading-m" id="attend">Attend or watch</h2>\n`
      + `<p class="govuk-body">The meeting is open to the public${page.agenda.some((s) => s.exempt) ? ', except while the items marked exempt are discussed' : ''}`
      + `. You do not need to book: come to ${esc(m.venue || 'the venue, once it is confirmed,')}${m.time ? ` a few minutes before ${esc(displayTime(m.time))}` : ''}`
      + '. Seats for the public are limited.</p>\n';
    out += m.webcastUrl ? `<p class="govuk-body">You can also <a class="govuk-link" href="${esc(m.webcastUrl)}" rel="external">watch it live online</a>, and the recording stays there afterwards.</p>`
      : '<p class="govuk-body">This meeting is not webcast.</p>';
    if (m.contacts.length) {
      const first = m.contacts[0];
      out += `<p class="govuk-body">To ask a question, speak on an item, or for help with access, contact ${esc(first.name)}`
        + `${first.email ? ` at <a class="govuk-link" href="mailto:${esc(first.email)}">${esc(first.email)}</a>` : ''}${first.phone ? ` or on ${esc(first.phone)}` : ''} before the meeting.</p>`;
    }
  } else if (page.held && m.webcastUrl) {
    out += `<p class="govuk-body"><a class="govuk-link" href="${esc(m.webcastUrl)}" rel="external">Watch the recording of this meeting</a></p>\n`;
  }
  out += '\n';
  if (page.packs.length) out += packsHtml(page);
  out += '\n<h2 class="govuk-heading-m" id="agenda">Agenda</h2>\n';
  if (!page.published) out += '<p class="govuk-body">The agenda has not been published yet. It is published at least five clear working days before the meeting.</p>\n';
  else if (!page.agenda.length) out += `<p class="govuk-body">No agenda is held for this meeting${m.historic ? ': its record was imported from the minutes' : ''}.</p>\n`;
  out += agendaHtml(page);
  if (page.otherPapers.length) out += `<h3 class="govuk-heading-s">Other papers</h3>${paperList(page.otherPapers)}`;
  out += '\n';
  if (page.attendance) out += attendanceHtml(page);
  out += '\n';
  if (page.minutes.length) out += minutesHtml(page);
  out += '\n';
  if (page.decisions.length) {
    out += '<h2 class="govuk-heading-m" id="decisions">Decisions</h2>\n<ul class="govuk-list">';
    for (const d of page.decisions) {
      out += `<li><a class="govuk-link" href="/decisions/${esc(d.slug)}">${esc(d.number)}: ${esc(d.subject)}</a>${d.key ? ' <strong class="govuk-tag govuk-tag--purple">Key decision</strong>' : ''}`
        + (d.itemCode ? `<br><span class="govuk-body-s">On <a class="govuk-link" href="/meetings/${esc(m.slug)}/items/${esc(encodeURIComponent(d.itemCode))}">Item ${esc(d.itemCode)}: ${esc(d.itemTitle)}</a></span>` : '')
        + '</li>';
    }
    out += '</ul>\n';
  }
  out += '</div>\n<div class="govuk-grid-column-one-third moot-no-print">\n  <h2 class="govuk-heading-s">On this page</h2>\n  <ul class="govuk-list govuk-body-s">\n'
    + (upcoming ? '<li><a class="govuk-link" href="#attend">Attend or watch</a></li>' : '')
    + (page.packs.length ? '<li><a class="govuk-link" href="#packs">Documents</a></li>' : '')
    + '    <li><a class="govuk-link" href="#agenda">Agenda</a></li>\n'
    + (page.attendance ? '<li><a class="govuk-link" href="#attendance">Attendance</a></li><li><a class="govuk-link" href="#declarations">Declarations of interest</a></li>' : '')
    + (page.minutes.length ? '<li><a class="govuk-link" href="#minutes">Minutes</a></li>' : '')
    + (page.decisions.length ? '<li><a class="govuk-link" href="#decisions">Decisions</a></li>' : '')
    + '  </ul>\n  <h2 class="govuk-heading-s">Subscribe</h2>\n'
    + `  <p class="govuk-body-s"><a class="govuk-link" href="/meetings/${esc(m.slug)}/calendar.ics">Add this meeting to your calendar (iCalendar)</a></p>\n`
    + `  <p class="govuk-body-s"><a class="govuk-link" href="/bodies/${esc(body.slug)}/calendar.ics">${esc(body.name)} calendar (iCalendar)</a></p>\n`
    + feedLinks(c) + '</div>\n</div>\n';
  return layout(c, out, headExtra);
}
