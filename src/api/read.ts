// Read endpoints: bodies, people, meetings (agenda, papers, attendance, minutes, decisions), documents and their
// files, decisions, search. They work without a token (the public's view) and answer each viewer through the
// same read models as the pages, so exempt content reaches only those the policy entitles.
import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../services/unit.js';
import { readBodiesByKind, readBodyPage } from '../services/bodies.js';
import { pageOfDecisions, readDecisionPage } from '../services/decisions.js';
import { documentAccess, documentFile, readDocumentPage, textToParagraphs } from '../services/documents.js';
import { pageOfMeetings, readMeetingPage } from '../services/meetings.js';
import { readPeopleDirectory, readPersonPage } from '../services/people.js';
import { searchAs, SEARCH_KINDS, SEARCH_SORTS, type SearchKind, type SearchSort } from '../services/search.js';
import { BODY_KINDS, DECISION_STATUSES, MEETING_STATUSES } from '../domain/types.js';
import { DECISION_CALL_IN_FILTERS, PUBLIC_DECISION_PHASES, type DecisionCallInFilter, type DecisionPhase } from '../domain/executive.js';
import { forbidden, notFound, pageMeta, pageOf, position } from './http.js';
import { isoDate, pagination, readResponses, slugParams } from './schemas.js';
import { sendUpload } from '../http/files.js';

export interface ApiRouteOptions {
  store: Store;
  today: () => string;
}

const optionalAuth: { [name: string]: string[] }[] = [{}, { bearerAuth: [] }];

const read: FastifyPluginAsync<ApiRouteOptions> = async (app, { store, today }) => {
  const db = store.db;

  app.get<{ Querystring: { kind?: string; limit: number; offset: number; cursor?: string } }>('/v1/bodies', {
    schema: { tags: ['bodies'], summary: 'Bodies: Council, Cabinet, committees and panels', security: optionalAuth,
      querystring: { type: 'object', additionalProperties: false, properties: { kind: { type: 'string', enum: [...BODY_KINDS] }, ...pagination } },
      response: readResponses('A page of bodies', true) },
  }, async (request) => {
    const groups = await readBodiesByKind(db);
    const all = groups.flatMap((g) => g.bodies.map((b) => ({ id: b.id, slug: b.slug, name: b.name, kind: b.kind, kindLabel: g.label, purpose: b.purpose, url: `/api/v1/bodies/${b.slug}` })))
      .filter((b) => !request.query.kind || b.kind === request.query.kind);
    return pageOf(all, request.query.limit, request.query.offset, request.query.cursor);
  });

  app.get<{ Params: { slug: string } }>('/v1/bodies/:slug', {
    schema: { tags: ['bodies'], summary: 'A body: membership by group, chairmen, co-opted members, its meetings', security: optionalAuth, params: slugParams, response: readResponses('A body') },
  }, async (request, reply) => {
    const body = await readBodyPage(db, request.params.slug, today());
    return body ?? notFound(reply, `The body "${request.params.slug}"`);
  });

  app.get<{ Querystring: { kind?: 'councillor' | 'co-opted'; limit: number; offset: number; cursor?: string } }>('/v1/people', {
    schema: { tags: ['people'], summary: 'Councillors and co-opted members', security: optionalAuth,
      querystring: { type: 'object', additionalProperties: false, properties: { kind: { type: 'string', enum: ['councillor', 'co-opted'] }, ...pagination } },
      response: readResponses('A page of people', true) },
  }, async (request) => {
    const dir = await readPeopleDirectory(db, { kind: request.query.kind });
    return pageOf(dir.people.map((p) => ({ ...p, url: `/api/v1/people/${p.slug}` })), request.query.limit, request.query.offset, request.query.cursor);
  });

  app.get<{ Params: { slug: string } }>('/v1/people/:slug', {
    schema: { tags: ['people'], summary: 'A person: memberships, attendance record, declarations of interest', security: optionalAuth, params: slugParams, response: readResponses('A person') },
  }, async (request, reply) => {
    const person = await readPersonPage(db, request.params.slug);
    if (!person) return notFound(reply, `The person "${request.params.slug}"`);
    const { id: _id, photo_sha256: photo, ...rest } = person.person;
    return { ...person, person: { ...rest, photoUrl: photo ? `/people/${rest.slug}/photo` : null } };
  });

  app.get<{ Querystring: { body?: string; from?: string; to?: string; status?: string; limit: number; offset: number; cursor?: string } }>('/v1/meetings', {
    schema: { tags: ['meetings'], summary: 'Meetings, most recent first', security: optionalAuth,
      querystring: { type: 'object', additionalProperties: false, properties: {
        body: { type: 'string', description: 'A body’s slug' }, from: isoDate, to: isoDate, status: { type: 'string', enum: [...MEETING_STATUSES] }, ...pagination } },
      response: readResponses('A page of meetings', true) },
  }, async (request) => {
    const f = { ...request.query, ...position(request.query) };
    const { rows, total } = await pageOfMeetings(db, f);
    return {
      items: rows.map((m) => ({ id: m.id, slug: m.slug, date: m.date, time: m.time, venue: m.venue, status: m.status, historic: !!m.historic,
        body: { id: m.body_id, slug: m.body_slug, name: m.body_name }, url: `/api/v1/meetings/${m.slug}` })),
      ...pageMeta(total, f.limit, f.offset),
    };
  });

  app.get<{ Params: { slug: string } }>('/v1/meetings/:slug', {
    schema: { tags: ['meetings'], summary: 'A meeting: agenda with papers, packs, attendance, declarations, minutes, decisions', security: optionalAuth, params: slugParams,
      response: readResponses('A meeting, with exempt detail only for viewers entitled to it') },
  }, async (request, reply) => {
    const page = await readMeetingPage(db, request.params.slug, request.viewer);
    if (!page) return notFound(reply, `The meeting "${request.params.slug}"`);
    const paperUrls = <T extends { slug: string }>(papers: T[]) => papers.map((p) => ({ ...p, url: `/api/v1/documents/${p.slug}` }));
    return {
      ...page,
      agenda: page.agenda.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i, papers: paperUrls(i.papers) })) })),
      items: undefined,
      otherPapers: paperUrls(page.otherPapers),
    };
  });

  app.get<{ Params: { slug: string } }>('/v1/documents/:slug', {
    schema: { tags: ['documents'], summary: 'A paper’s metadata and its versions', security: optionalAuth, params: slugParams, response: readResponses('A document') },
  }, async (request, reply) => {
    const found = await documentAccess(db, request.params.slug, request.viewer);
    if (found.access === 'exempt') return forbidden(reply, `This paper is not for publication (${found.label})`);
    if (!found.doc) return notFound(reply, `The document "${request.params.slug}"`);
    const d = found.doc;
    const content = await readDocumentPage(db, d);
    const base = `/api/v1/documents/${d.slug}`;
    return {
      slug: d.slug, title: d.title, kind: d.kind, classification: d.classification, exempt: !!found.exempt,
      exemptParagraphs: textToParagraphs(d.exempt_paragraphs), workflowStatus: d.workflow_status, currentVersion: d.current_version,
      meeting: d.meeting_slug ? { slug: d.meeting_slug, date: d.meeting_date, body: d.body_name, url: `/api/v1/meetings/${d.meeting_slug}` } : null,
      agendaItem: d.item_code ? { code: d.item_code, title: d.item_title } : null,
      // A withdrawn paper: the day (council time) and why; its versions stay listed as its history.
      withdrawn: d.withdrawn ? { on: d.withdrawn.on, at: d.withdrawn_at, reason: d.withdrawn.reason } : null,
      // Earlier withdrawals the public saw, each with its reinstatement (day and why).
      reinstatements: d.reinstatements,
      versions: (content?.versions ?? []).map((v) => ({ version: v.version, size: v.size, sha256: v.sha256, pageCount: v.page_count, note: v.note, createdAt: v.created_at,
        url: `${base}/versions/${v.version}`, fileUrl: v.sha256 ? `${base}/versions/${v.version}/file` : null })),
    };
  });

  const versionParams = { type: 'object', required: ['slug', 'version'], properties: { slug: slugParams.properties.slug, version: { type: 'integer', minimum: 1 } } } as const;

  app.get<{ Params: { slug: string; version: number } }>('/v1/documents/:slug/versions/:version', {
    schema: { tags: ['documents'], summary: 'One version of a paper, with its text page by page', security: optionalAuth, params: versionParams, response: readResponses('A document version') },
  }, async (request, reply) => {
    const found = await documentAccess(db, request.params.slug, request.viewer, request.params.version);
    if (found.access === 'exempt') return forbidden(reply, `This paper is not for publication (${found.label})`);
    if (!found.doc) return notFound(reply, `The document "${request.params.slug}"`);
    const content = await readDocumentPage(db, found.doc, request.params.version);
    if (!content) return notFound(reply, `Version ${request.params.version} of "${request.params.slug}"`);
    const v = content.version;
    return { slug: found.doc.slug, version: v.version, fileName: v.file_name, size: v.size, sha256: v.sha256, pageCount: v.page_count, note: v.note, createdAt: v.created_at,
      pages: v.pages, fileUrl: v.sha256 ? `/api/v1/documents/${found.doc.slug}/versions/${v.version}/file` : null };
  });

  app.get<{ Params: { slug: string; version: number } }>('/v1/documents/:slug/versions/:version/file', {
    schema: { tags: ['documents'], summary: 'Download a version’s file (PDF)', security: optionalAuth, params: versionParams,
      produces: ['application/pdf'], response: { 200: { description: 'The file', type: 'string', format: 'binary' }, ...Object.fromEntries(Object.entries(readResponses('')).filter(([k]) => k !== '200')) } },
  }, async (request, reply) => {
    const found = await documentAccess(db, request.params.slug, request.viewer, request.params.version);
    if (found.access === 'exempt') return forbidden(reply, `This paper is not for publication (${found.label})`);
    if (!found.doc) return notFound(reply, `The document "${request.params.slug}"`);
    const file = await documentFile(db, found.doc.id, request.params.version);
    if (!file) return notFound(reply, `A file for version ${request.params.version} of "${request.params.slug}"`);
    // Served as PDF or as an opaque download, never as anything a browser would run.
    return sendUpload(reply, { bytes: file.bytes, contentType: file.content_type, fileName: file.file_name }, `${found.doc.slug}.pdf`);
  });

  app.get<{ Querystring: { taker?: string; key?: boolean; from?: string; to?: string; status?: string; phase?: DecisionPhase; callIn?: DecisionCallInFilter; limit: number; offset: number; cursor?: string } }>('/v1/decisions', {
    schema: { tags: ['decisions'], summary: 'Records of Decision, most recent first', security: optionalAuth,
      querystring: { type: 'object', additionalProperties: false, properties: {
        taker: { type: 'string', description: 'The decision taker, as printed' }, key: { type: 'boolean', description: 'Key decisions only (true) or non-key only (false)' },
        from: isoDate, to: isoDate, status: { type: 'string', enum: [...DECISION_STATUSES], description: 'The state as recorded (published covers both open for call-in and implementable)' },
        phase: { type: 'string', enum: [...PUBLIC_DECISION_PHASES], description: 'Where the decision stands today, as its page says (each item\u2019s phase)' },
        callIn: { type: 'string', enum: [...DECISION_CALL_IN_FILTERS], description: 'open: the call-in period is open today; called-in: a valid call-in stopped it (since considered or not); not-called-in: never validly called in' },
        ...pagination } },
      response: readResponses('A page of decisions', true) },
  }, async (request) => {
    const f = { ...request.query, ...position(request.query), today: today() };
    const { rows, total } = await pageOfDecisions(db, request.viewer, f);
    const items = rows.map((d) => ({
      slug: d.slug, number: d.number, subject: d.subject, takerKind: d.taker_kind, takerName: d.taker_name, takenOn: d.taken_on, status: d.status, phase: d.phase, phaseLabel: d.phaseLabel,
      key: !!d.key_decision, urgent: !!d.urgent, classification: d.classification, publishedOn: d.published_on, callInEndsOn: d.call_in_ends_on,
      // A decision taken in private is public with its exempt part left out: that it was, and under which paragraphs.
      containsExemptInformation: !!d.contains_exempt_information, exemptParagraphs: d.contains_exempt_information ? textToParagraphs(d.exempt_paragraphs) : [],
      url: `/api/v1/decisions/${d.slug}`,
    }));
    return { items, ...pageMeta(total, f.limit, f.offset) };
  });

  app.get<{ Params: { slug: string } }>('/v1/decisions/:slug', {
    schema: { tags: ['decisions'], summary: 'A Record of Decision with any call-ins', security: optionalAuth, params: slugParams, response: readResponses('A decision') },
  }, async (request, reply) => {
    const found = await readDecisionPage(db, request.params.slug, request.viewer, today());
    return found ?? notFound(reply, `The decision "${request.params.slug}"`);
  });

  app.get<{ Querystring: { q: string; kinds?: string; from?: string; to?: string; sort?: SearchSort; limit: number; offset: number; cursor?: string } }>('/v1/search', {
    schema: { tags: ['search'], summary: 'Full-text search of papers, items, minutes, decisions, people and meetings', security: optionalAuth,
      querystring: { type: 'object', required: ['q'], additionalProperties: false, properties: {
        q: { type: 'string', maxLength: 500, description: 'Words to find; "quoted phrases", -excluded' },
        kinds: { type: 'string', pattern: `^(${SEARCH_KINDS.join('|')})(,(${SEARCH_KINDS.join('|')}))*$`, description: `Comma-separated: ${SEARCH_KINDS.join(', ')}` },
        from: isoDate, to: isoDate, sort: { type: 'string', enum: [...SEARCH_SORTS], description: 'relevance (the default) or date (newest first)' }, ...pagination } },
      response: readResponses('Search results', true) },
  }, async (request) => {
    const { q, kinds, from, to, sort } = request.query;
    const { limit, offset } = position(request.query);
    const result = await searchAs(store, request.viewer, { text: q, kinds: kinds ? (kinds.split(',') as SearchKind[]) : undefined, from, to, sort, limit, offset });
    return { items: result.hits, ...pageMeta(result.total, limit, offset) };
  });
};

export default read;
