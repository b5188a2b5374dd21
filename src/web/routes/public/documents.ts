// A paper: its text as HTML with page anchors (#page-N) beside the PDF, earlier versions listed and downloadable.
// Exempt papers and their files are refused (403) to anyone the policy does not entitle.
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { origin } from './http.js';
import { documentAccess, documentFile, readDocumentPage } from '../../../services/documents.js';
import { type Store } from '../../../services/unit.js';
import { sendUpload } from '../../../http/files.js';
import { formatDisplayDate } from '../../format.js';

// /documents/<slug>, /documents/<slug>.pdf, /documents/<slug>/v<N>, /documents/<slug>/v<N>.pdf
const FILE = /^([a-z0-9-]+?)(\.pdf)?$/;

function refuse(reply: FastifyReply, label: string, meetingSlug: string | null | undefined) {
  reply.code(403);
  return reply.render('pages/public/document-exempt.njk', { pageTitle: 'This document is not available', label, meetingSlug });
}

const documents: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  async function serve(request: import('fastify').FastifyRequest, reply: FastifyReply, slugWithExt: string, versionParam: string | null) {
    const m = FILE.exec(slugWithExt);
    if (!m) return reply.callNotFound();
    const [, slug, pdf] = m;
    let wanted: number | undefined;
    if (versionParam !== null) {
      const vm = /^v(\d{1,4})$/.exec(versionParam);
      if (!vm) return reply.callNotFound();
      wanted = Number(vm[1]);
    }
    // Each version is judged by its own classification: an exempt v1 stays refused after a public v2.
    const found = await documentAccess(store.db, slug, request.viewer, wanted);
    if (found.access === 'not-found' || !found.doc) {
      if (found.access === 'exempt') return refuse(reply, found.label ?? '', found.meetingSlug);
      return reply.callNotFound();
    }
    const doc = found.doc;
    const version = wanted ?? doc.current_version;
    if (pdf) {
      const file = await documentFile(store.db, doc.id, version);
      if (!file) return reply.callNotFound();
      return sendUpload(reply, { bytes: file.bytes, contentType: file.content_type, fileName: file.file_name }, `${doc.slug}.pdf`);
    }
    const content = await readDocumentPage(store.db, doc, version);
    if (!content) return reply.callNotFound();
    const base = `/documents/${doc.slug}`;
    const crumbs = [{ text: 'Home', href: '/' }];
    if (doc.body_slug) crumbs.push({ text: doc.body_name ?? '', href: `/bodies/${doc.body_slug}` });
    if (doc.meeting_slug) crumbs.push({ text: `Meeting on ${formatDisplayDate(doc.meeting_date ?? '')}`, href: `/meetings/${doc.meeting_slug}` });
    if (doc.review_slug) crumbs.push({ text: doc.review_title ?? '', href: `/reviews/${doc.review_slug}` });
    return reply.render('pages/public/document.njk', {
      pageTitle: doc.title, canonicalUrl: `${origin(request)}${base}`, doc, content, base, breadcrumbs: crumbs,
      isCurrent: version === doc.current_version,
      pdfUrl: content.version.sha256 ? (version === doc.current_version ? `${base}.pdf` : `${base}/v${version}.pdf`) : null,
    });
  }

  app.get<{ Params: { file: string } }>('/documents/:file', (request, reply) => serve(request, reply, request.params.file, null));
  app.get<{ Params: { slug: string; version: string } }>('/documents/:slug/:version', (request, reply) => {
    const v = /^(v\d{1,4})(\.pdf)?$/.exec(request.params.version);
    if (!v) return reply.callNotFound();
    return serve(request, reply, request.params.slug + (v[2] ?? ''), v[1]);
  });
};

export default documents;
