// The councillors' area (/my): my meetings (of the bodies I sit on, and meetings a clerk granted me), my papers
// with exempt ones included where the policy entitles me (tagged "Exempt — not for publication", downloaded
// through a guarded route), my declarations, and my register of interests kept with its history.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../../domain/policy.js';
import { actorOf } from '../../../services/accounts.js';
import { addInterest, declarationsOfPerson, editInterest, INTEREST_CATEGORIES, listInterests, meetingsOfBodiesOrGranted, papersOfMeetings, removeInterest } from '../../../services/councillors.js';
import { documentAccess, documentFile } from '../../../services/documents.js';
import { agendaPublished, documentPublished, exemptLabel, itemExempt, paperExempt } from '../../../services/visibility.js';
import { textToParagraphs, type Store } from '../../../services/unit.js';
import { MEETING_STATUS_LABELS, type MeetingStatus } from '../../../domain/types.js';
import { requireAction } from '../../../http/guards.js';
import callIns, { notLinked } from './call-ins.js';
import ownDecisions from './decisions.js';
import { errorPage, field, postForm, type ErrorSummary } from '../../forms.js';
import { sendUpload } from '../../../http/files.js';

export interface CouncillorOptions {
  store: Store;
  today?: () => string;
}

/** How far back "recent" meetings and papers go. */
const RECENT_DAYS = 120;

function daysBefore(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

const councillor: FastifyPluginAsync<CouncillorOptions> = async (app, { store, today }) => {
  // The folder's one guard: a hook on this plugin, so it runs before every route here and in call-ins.ts.
  app.addHook('preHandler', requireAction('declare-interests'));
  await app.register(callIns, { store, today });
  await app.register(ownDecisions, { store, today });
  const db = store.db;
  const todayIso = today ?? (() => new Date().toISOString().slice(0, 10));

  function personOf(request: FastifyRequest, reply: FastifyReply): number | null {
    const v = request.viewer;
    if (v.kind === 'user' && v.personId !== null) return v.personId;
    notLinked(reply);
    return null;
  }

  /** Meetings of the bodies I sit on and those granted to me, from RECENT_DAYS ago onwards. */
  async function myMeetings(request: FastifyRequest) {
    const v = request.viewer;
    if (v.kind !== 'user') return [];
    const bodyIds = [...v.bodyIds];
    const granted = [...v.grantedMeetingIds];
    if (!bodyIds.length && !granted.length) return [];
    const rows = await meetingsOfBodiesOrGranted(db, bodyIds, granted, daysBefore(todayIso(), RECENT_DAYS));
    return rows.map((m) => ({ ...m, granted: !bodyIds.includes(m.body_id), statusLabel: MEETING_STATUS_LABELS[m.status as MeetingStatus] ?? m.status }));
  }

  app.get('/my', async (request, reply) => {
    if (personOf(request, reply) === null) return reply;
    return reply.render('pages/councillor/index.njk', { pageTitle: 'Your councillor area' });
  });

  app.get('/my/meetings', async (request, reply) => {
    if (personOf(request, reply) === null) return reply;
    const meetings = await myMeetings(request);
    const t = todayIso();
    return reply.render('pages/councillor/meetings.njk', {
      pageTitle: 'Your meetings', upcoming: meetings.filter((m) => m.date >= t), recent: meetings.filter((m) => m.date < t).reverse(),
      breadcrumbs: [{ text: 'Your councillor area', href: '/my' }],
    });
  });

  app.get('/my/papers', async (request, reply) => {
    if (personOf(request, reply) === null) return reply;
    const meetings = (await myMeetings(request)).filter((m) => agendaPublished(m));
    const byId = new Map(meetings.map((m) => [m.id, m]));
    const docs = meetings.length ? await papersOfMeetings(db, [...byId.keys()]) : [];
    const v = request.viewer;
    const groups = meetings.map((m) => ({
      meeting: m,
      papers: docs.filter((d) => d.meeting_id === m.id && documentPublished(d)).map((d) => {
        const exempt = paperExempt({ classification: d.classification, kind: d.kind, itemExempt: itemExempt({ exempt: d.item_exempt }, { exempt: d.section_exempt }) });
        const paras = textToParagraphs(d.exempt_paragraphs).length ? textToParagraphs(d.exempt_paragraphs) : textToParagraphs(d.item_paragraphs);
        return { ...d, exempt, exemptLabel: exempt ? exemptLabel(paras) : null, allowed: can(v, 'download', { bodyId: m.body_id, meetingId: m.id, exempt }) };
      }).filter((d) => d.allowed),
    })).filter((g) => g.papers.length).reverse();
    return reply.render('pages/councillor/papers.njk', { pageTitle: 'Your papers', groups, breadcrumbs: [{ text: 'Your councillor area', href: '/my' }] });
  });

  // Exempt papers are served only here (and on the document pages) and only after the policy agrees.
  app.get<{ Params: { slug: string } }>('/my/papers/:slug', async (request, reply) => {
    const m = /^([a-z0-9-]+)\.pdf$/.exec(request.params.slug);
    if (!m) return reply.callNotFound();
    const found = await documentAccess(db, m[1], request.viewer);
    if (found.access === 'exempt') {
      return errorPage(reply, 403, { pageTitle: 'This paper is not available', heading: 'This paper is not available to you', message: `${found.label}. Only members of the committee, and councillors Democratic Services have granted access, can read it.` });
    }
    if (!found.doc) return reply.callNotFound();
    const file = await documentFile(db, found.doc.id, found.doc.current_version);
    if (!file) return reply.callNotFound();
    return sendUpload(reply, { bytes: file.bytes, contentType: file.content_type, fileName: `${found.doc.slug}.pdf` }, `${found.doc.slug}.pdf`, 'private, no-store');
  });

  app.get('/my/declarations', async (request, reply) => {
    const personId = personOf(request, reply);
    if (personId === null) return reply;
    const declarations = await declarationsOfPerson(db, personId);
    return reply.render('pages/councillor/declarations.njk', { pageTitle: 'Your declarations of interest', declarations, breadcrumbs: [{ text: 'Your councillor area', href: '/my' }] });
  });

  const categoryItems = (selected: string) => [{ value: '', text: 'Choose a category' }, ...INTEREST_CATEGORIES.map((c) => ({ value: c, text: c, selected: c === selected }))];

  async function interestsPage(reply: FastifyReply, personId: number, ctx: { errors?: ErrorSummary; values?: Record<string, string> } = {}) {
    const all = await listInterests(db, personId, { includeHistory: true });
    return reply.render('pages/councillor/interests.njk', {
      pageTitle: `${ctx.errors ? 'Error: ' : ''}Your register of interests`,
      current: all.filter((i) => i.removed_on === null), history: all.filter((i) => i.removed_on !== null),
      values: ctx.values ?? {}, categoryItems: categoryItems(ctx.values?.category ?? ''), breadcrumbs: [{ text: 'Your councillor area', href: '/my' }],
      ...ctx.errors,
    });
  }

  /** The interest form's two fields. */
  const interestOf = (form: Record<string, unknown>) => ({ category: field(form, 'category'), description: field(form, 'description') });

  app.get('/my/interests', async (request, reply) => {
    const personId = personOf(request, reply);
    return personId === null ? reply : interestsPage(reply, personId);
  });

  app.post('/my/interests', async (request, reply) => {
    const personId = personOf(request, reply);
    if (personId === null) return reply;
    return postForm(request, reply, {
      fallbackField: 'description',
      save: async (form) => {
        await addInterest(store, actorOf(request.account!), personId, interestOf(form), todayIso());
        return '/my/interests';
      },
      rerender: (form, errors) => interestsPage(reply, personId, { errors, values: interestOf(form) }),
    });
  });

  async function entry(request: FastifyRequest<{ Params: { id: string } }>, personId: number) {
    const id = Number(request.params.id);
    if (!Number.isInteger(id)) return null;
    return (await listInterests(db, personId)).find((i) => i.id === id) ?? null;
  }

  app.get<{ Params: { id: string } }>('/my/interests/:id/edit', async (request, reply) => {
    const personId = personOf(request, reply);
    if (personId === null) return reply;
    const row = await entry(request, personId);
    if (!row) return reply.callNotFound();
    return reply.render('pages/councillor/interest-edit.njk', { pageTitle: 'Change an interest', row, values: row, categoryItems: categoryItems(row.category), breadcrumbs: [{ text: 'Your register of interests', href: '/my/interests' }] });
  });

  app.post<{ Params: { id: string } }>('/my/interests/:id', async (request, reply) => {
    const personId = personOf(request, reply);
    if (personId === null) return reply;
    const row = await entry(request, personId);
    if (!row) return reply.callNotFound();
    return postForm(request, reply, {
      fallbackField: 'description',
      save: async (form) => {
        await editInterest(store, actorOf(request.account!), personId, row.id, interestOf(form), todayIso());
        return '/my/interests';
      },
      rerender: (form, errors) => {
        const values = interestOf(form);
        return reply.render('pages/councillor/interest-edit.njk', { pageTitle: 'Error: Change an interest', row, values, categoryItems: categoryItems(values.category), ...errors });
      },
    });
  });

  app.post<{ Params: { id: string } }>('/my/interests/:id/remove', async (request, reply) => {
    const personId = personOf(request, reply);
    if (personId === null) return reply;
    const row = await entry(request, personId);
    if (!row) return reply.callNotFound();
    await removeInterest(store, actorOf(request.account!), personId, row.id, todayIso());
    return reply.redirect('/my/interests', 303);
  });
};

export default councillor;
