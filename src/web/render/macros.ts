// partials/macros.njk, partials/table.njk and partials/feed-links.njk as plain functions: what Nunjucks writes for
// them, byte for byte. Text escaped; the html they return is safe to put in as it is.
import { docKind, meetingStatus } from '../routes/public/filters.js';
import { displayDate, displayTime, fileSize } from './filters.js';
import { esc, replaceAll } from './html.js';
import { govukTable, govukTableParts, type TableCell, type TableParams } from './govuk.js';
import { headingLabel, stackableTable } from './stackable-table.js';
import type { Feed } from './layout.js';

export function personLink(name: string | null | undefined, slug: string | null | undefined): string {
  return slug ? `<a class="govuk-link" href="/people/${esc(slug)}">${esc(name)}</a>` : esc(name);
}

/** The tag says "Exempt"; the label says under what. */
export function exemptTag(label: string | null | undefined): string {
  return `<strong class="govuk-tag govuk-tag--red moot-exempt-tag">Exempt</strong> <span class="moot-meta">${esc(replaceAll(replaceAll(label, 'Exempt: ', 'under '), 'Exempt under', 'under'))}</span>`;
}

export interface Paper {
  slug: string; title: string; kind: string; pageCount?: number | null; hasFile?: boolean; size?: number | null;
  withdrawn?: { on: string; reason: string } | null;
}

export function paperList(papers: readonly Paper[]): string {
  if (!papers.length) return '';
  let out = '<ul class="govuk-list moot-papers">\n';
  for (const p of papers) {
    out += `  <li>\n    <a class="govuk-link" href="/documents/${esc(p.slug)}">${esc(p.title)}</a>\n    <span class="moot-meta">(${esc(docKind(p.kind))}`;
    if (p.pageCount) out += `, ${esc(p.pageCount)} page${p.pageCount != 1 ? 's' : ''}`;
    out += ')</span>\n';
    if (p.hasFile) {
      out += `&ndash; <a class="govuk-link" href="/documents/${esc(p.slug)}.pdf">PDF<span class="govuk-visually-hidden"> of ${esc(p.title)}</span></a>`;
      if (p.size) out += ` <span class="moot-meta">${esc(fileSize(p.size))}</span>`;
    }
    if (p.withdrawn) {
      out += `<br><strong class="govuk-tag govuk-tag--grey">Withdrawn</strong> <span class="moot-meta moot-withdrawn">Withdrawn on ${esc(displayDate(p.withdrawn.on))}: ${esc(p.withdrawn.reason)}</span>`;
    }
    out += '  </li>\n';
  }
  return `${out}</ul>\n`;
}

export interface ListedMeeting { slug: string; body_name?: string; date: string; time?: string | null; status: string }

export function meetingList(meetings: readonly ListedMeeting[], showBody = true): string {
  let out = '<ul class="govuk-list moot-meeting-list">\n';
  for (const m of meetings) {
    // Each item one template literal, its fixed text in as few pieces as the values allow (issue 17).
    out += `  <li>\n    <a class="govuk-link" href="/meetings/${esc(m.slug)}">${showBody ? `${esc(m.body_name)}, ` : ''}${esc(displayDate(m.date))}`
      + `${m.time ? `, ${esc(displayTime(m.time))}` : ''}${m.status === 'cancelled' || m.status === 'postponed'
        ? `</a>\n <strong class="govuk-tag govuk-tag--red">${esc(meetingStatus(m.status))}</strong>  </li>\n` : '</a>\n  </li>\n'}`;
  }
  return `${out}</ul>\n`;
}

export interface Attendee { name: string; personSlug?: string | null; role?: string | null; substituteFor?: string | null; forItem?: string | null }

export function attendees(list: readonly Attendee[]): string {
  let out = '<ul class="govuk-list">';
  for (const p of list) {
    out += `<li>${personLink(p.name, p.personSlug)}${p.role ? ` (${esc(p.role)})` : ''}${p.substituteFor ? ` (Substitute for ${esc(p.substituteFor)})` : ''}`
      + `${p.forItem ? ` (present for item ${esc(p.forItem)})` : ''}</li>`;
  }
  return `${out}</ul>`;
}

/** mootTable: govukTable with each cell labelled by its column, to reflow on a narrow screen. */
export function mootTable(params: TableParams & { stack?: boolean }): string {
  const rows = params.rows ?? [];
  // A cell that already has a data-label keeps its place among its attributes: stackableTable's own copy.
  if (params.stack === false || !params.head?.length || rows.some((r) => r?.some((c) => c.attributes && 'data-label' in c.attributes))) {
    return govukTable(stackableTable(params as Parameters<typeof stackableTable>[0]) as TableParams);
  }
  return govukTable({ ...params, classes: `${params.classes ?? ''} moot-stack`.trim() }, params.head.map((h) => headingLabel(h as Parameters<typeof headingLabel>[0])));
}

/**
 * mootTable cut into the text around its cells' contents (govukTableParts), for a table whose rows are all alike:
 * made once, each row one template literal. `columns`: each column's body cell (its format), plain cells by default.
 */
export function mootTableParts(params: TableParams & { head: TableCell[] }, columns: readonly TableCell[] = params.head.map(() => ({}))) {
  return govukTableParts({ ...params, classes: `${params.classes ?? ''} moot-stack`.trim() }, columns, params.head.map((h) => headingLabel(h as Parameters<typeof headingLabel>[0])));
}

/** partials/feed-links.njk */
export function feedLinks(c: { feeds?: Feed[]; alertsHref?: string; alertsLabel?: string }): string {
  let out = '';
  const feeds = c.feeds;
  if (feeds && feeds.length) {
    out += '<p class="govuk-body-s moot-no-print">Follow this page in a feed reader: ';
    feeds.forEach((f, i) => {
      out += `<a class="govuk-link" href="${esc(f.href)}" type="${esc(f.type)}">${f.type === 'application/atom+xml' ? 'Atom feed' : 'RSS feed'}`
        + `<span class="govuk-visually-hidden"> for ${esc(replaceAll(replaceAll(f.title, ' (Atom)', ''), ' (RSS)', ''))}</span></a>${i < feeds.length - 1 ? ' or ' : ''}`;
    });
    out += '</p>';
  }
  if (c.alertsHref) out += `<p class="govuk-body-s moot-no-print"><a class="govuk-link" href="${esc(c.alertsHref)}">Get email alerts<span class="govuk-visually-hidden"> ${esc(c.alertsLabel || '')}</span></a></p>`;
  return out;
}
