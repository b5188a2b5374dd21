// Every public URL for sitemap.xml and the crawl in the tests: only what the public may see is listed.
import type { ExpressionBuilder } from 'kysely';
import { AGENDA_PUBLIC_STATUSES, documentPublished, paperExempt, PUBLIC_DECISION_STATUSES } from '../../domain/visibility.js';
import type { Queryable } from '../db.js';
import type { Database } from '../schema.js';

/** SQL form of domain/visibility.ts `agendaPublished`: published, held, or historic; never merely cancelled. */
function agendaPublishedSql(eb: ExpressionBuilder<Database, 'meeting'>) {
  return eb.or([eb('meeting.agenda_published_at', 'is not', null), eb('meeting.historic', '=', 1), eb('meeting.status', 'in', [...AGENDA_PUBLIC_STATUSES])]);
}

export interface SitemapEntry {
  path: string;
  lastmod: string | null;
}

export async function publicUrls(db: Queryable): Promise<SitemapEntry[]> {
  const [bodies, meetings, items, documents, people, decisions, years, reviews] = await Promise.all([
    db.selectFrom('body').select('slug').orderBy('slug').execute(),
    db.selectFrom('meeting').select(['slug', 'updated_at']).orderBy('date').orderBy('id').execute(),
    db.selectFrom('agenda_item').innerJoin('meeting', 'meeting.id', 'agenda_item.meeting_id')
      .select(['meeting.slug', 'agenda_item.code']).where(agendaPublishedSql).orderBy('meeting.date').orderBy('agenda_item.position').execute(),
    // Public papers only: current version not exempt, not of an exempt item or section (bar an unrestricted Record
    // of Decision), published, on a published agenda. (Earlier exempt versions are not listed: only the paper's page.)
    db.selectFrom('document').innerJoin('meeting', 'meeting.id', 'document.meeting_id')
      .innerJoin('document_version', (j) => j.onRef('document_version.document_id', '=', 'document.id').onRef('document_version.version', '=', 'document.current_version'))
      .leftJoin('agenda_item', 'agenda_item.id', 'document.agenda_item_id').leftJoin('agenda_section', 'agenda_section.id', 'agenda_item.section_id')
      .select(['document.slug', 'document.created_at'])
      .where('document_version.classification', '!=', 'exempt')
      .where((eb) => eb.or([
        eb.and([
          eb.or([eb('agenda_item.exempt', 'is', null), eb('agenda_item.exempt', '=', 0)]),
          eb.or([eb('agenda_section.exempt', 'is', null), eb('agenda_section.exempt', '=', 0)]),
        ]),
        eb('document.kind', '=', 'record-of-decision'),
      ]))
      .where((eb) => eb.or([eb('document.workflow_status', 'is', null), eb('document.workflow_status', 'in', ['approved', 'published'])]))
      .where(agendaPublishedSql).orderBy('document.id').execute(),
    db.selectFrom('person').select('slug').where('kind', 'in', ['councillor', 'co-opted']).orderBy('slug').execute(),
    db.selectFrom('decision').select(['slug', 'published_on']).where('classification', '!=', 'exempt').where('status', 'in', [...PUBLIC_DECISION_STATUSES]).orderBy('taken_on').execute(),
    db.selectFrom('meeting').select((eb) => eb.fn('substr', ['date', eb.val(1), eb.val(4)]).as('year')).distinct().execute(),
    // Select committee reviews (public from their start) and their final reports, by the same paper rule as above.
    db.selectFrom('scrutiny_review').leftJoin('document', 'document.id', 'scrutiny_review.report_document_id')
      .leftJoin('document_version', (j) => j.onRef('document_version.document_id', '=', 'document.id').onRef('document_version.version', '=', 'document.current_version'))
      .select(['scrutiny_review.slug', 'scrutiny_review.started_on', 'document.slug as report_slug', 'document.workflow_status', 'document_version.classification', 'document_version.created_at as report_created_at'])
      .orderBy('scrutiny_review.started_on').orderBy('scrutiny_review.id').execute(),
  ]);
  const out: SitemapEntry[] = [
    { path: '/', lastmod: null }, { path: '/bodies', lastmod: null }, { path: '/calendar', lastmod: null }, { path: '/decisions', lastmod: null },
    { path: '/people', lastmod: null }, { path: '/archive', lastmod: null }, { path: '/search', lastmod: null }, { path: '/accessibility', lastmod: null },
  ];
  for (const b of bodies) out.push({ path: `/bodies/${b.slug}`, lastmod: null });
  for (const m of meetings) out.push({ path: `/meetings/${m.slug}`, lastmod: m.updated_at.slice(0, 10) });
  for (const i of items) out.push({ path: `/meetings/${i.slug}/items/${encodeURIComponent(i.code)}`, lastmod: null });
  for (const d of documents) out.push({ path: `/documents/${d.slug}`, lastmod: d.created_at.slice(0, 10) });
  for (const p of people) out.push({ path: `/people/${p.slug}`, lastmod: null });
  for (const d of decisions) out.push({ path: `/decisions/${d.slug}`, lastmod: d.published_on });
  for (const y of years) out.push({ path: `/archive/${String(y.year)}`, lastmod: null });
  if (reviews.length) out.push({ path: '/reviews', lastmod: null });
  for (const r of reviews) {
    out.push({ path: `/reviews/${r.slug}`, lastmod: null });
    if (r.report_slug && !paperExempt({ classification: r.classification ?? 'unrestricted', kind: 'report', itemExempt: false }) && documentPublished({ workflowStatus: r.workflow_status })) out.push({ path: `/documents/${r.report_slug}`, lastmod: r.report_created_at?.slice(0, 10) ?? null });
  }
  return out;
}
