// The agenda through the API, by the services the workspace's agenda builder calls: add one item to a section,
// change an item, move it up or down (before the agenda is published), withdraw and reinstate it, defer it to a
// later meeting of the body, assign its report to an author, add a paper generated from the record (follow-up
// schedule, work programme); and schedule a series of meetings. Democratic Services only ('manage-record', checked
// before the body is read); each request is one transaction, audited by the store. Answers carry an item's code,
// title and state, never its purpose or papers: those are read from the meeting, under the one visibility rule.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../domain/types.js';
import { requireAction } from '../http/guards.js';
import { actorOf } from '../services/accounts.js';
import { addItem, assignReport, deferItem, getAgendaItem, moveItem, setWithdrawn, updateItem, type ItemFields, type ItemGuest } from '../services/agenda.js';
import { reinstatePaper, withdrawPaper } from '../services/documents.js';
import { addGeneratedPaperItem, GENERATED_PAPER_KINDS } from '../services/executive/papers.js';
import { getMeeting, scheduleSeries } from '../services/meetings.js';
import { parseJson, textToParagraphs } from '../services/unit.js';
import { notFound } from './http.js';
import type { ApiRouteOptions } from './read.js';
import { writeResponses } from './schemas.js';
import { changedText, idParams, isoDate, optionalText, requiredText, slugParam, zodRoute } from './zod.js';

const bearer: { [name: string]: string[] }[] = [{ bearerAuth: [] }];
const actor = (request: FastifyRequest): Actor => actorOf(request.account!);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time, HH:MM on the 24-hour clock');

const guest = z.strictObject({ name: requiredText(200), role: optionalText(300), timeSlot: clock.nullish().transform((t) => t ?? null) });
const fields = {
  sectionId: z.number().int().positive().describe('The agenda section (its id in the meeting\u2019s agenda)'),
  title: requiredText(300),
  purpose: optionalText(500),
  presenters: z.array(requiredText(300)).max(20),
  toFollow: z.boolean().describe('The report is to follow'),
  urgentReason: optionalText(1000).describe('The Chairman\u2019s reason for taking the item as urgent; null when it is not urgent'),
  exempt: z.boolean().describe('Exempt under Schedule 12A (an item in an exempt section is exempt whatever this says)'),
  exemptParagraphs: z.array(z.number().int().min(1).max(7)).max(7),
  publicInterestReason: optionalText(2000).describe('Why the public interest in withholding the item outweighs disclosure (exempt items)'),
  guests: z.array(guest).max(20).describe('Guests invited to speak to the item, printed on the agenda'),
};
const newItem = z.strictObject({
  ...fields, presenters: fields.presenters.default([]), toFollow: fields.toFollow.default(false), exempt: fields.exempt.default(false),
  exemptParagraphs: fields.exemptParagraphs.default([]), guests: fields.guests.default([]),
});
const itemChanges = z.strictObject({
  sectionId: fields.sectionId.optional(), title: fields.title.optional(), purpose: changedText(500), presenters: fields.presenters.optional(), toFollow: fields.toFollow.optional(),
  urgentReason: changedText(1000), exempt: fields.exempt.optional(), exemptParagraphs: fields.exemptParagraphs.optional(), publicInterestReason: changedText(2000),
  guests: fields.guests.optional(),
});

const moveBody = z.strictObject({ direction: z.enum(['up', 'down']) });
const deferBody = z.strictObject({ toMeeting: z.string().regex(/^[a-z0-9-]+$/).max(200).describe('The later meeting of the same body (its slug)') });
const assignBody = z.strictObject({ authorPersonId: z.number().int().positive().describe('A person with a report author account'), title: requiredText(300).describe('The title of the report') });
const generatedBody = z.strictObject({ kind: z.enum(GENERATED_PAPER_KINDS) });
const paperWithdrawalBody = z.strictObject({ reason: requiredText(1000).describe('Why the paper is withdrawn: shown beside it on the public pages and printed on the reissued agenda') });
const paperReinstatementBody = z.strictObject({ reason: requiredText(1000).describe('Why the paper is reinstated: shown in its history on the public pages and printed on the reissued agenda') });
const seriesBody = z.strictObject({
  bodyId: z.number().int().positive(),
  from: isoDate.describe('The first day of the series'),
  to: isoDate.describe('The last day of the series (at most a year after the first)'),
  pattern: z.enum(['weekly', 'monthly']),
  weekday: z.number().int().min(1).max(5).describe('1 Monday … 5 Friday'),
  everyWeeks: z.number().int().min(1).max(12).optional().describe('Weekly: every how many weeks'),
  nth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)]).optional().describe('Monthly: which weekday of the month (-1 the last)'),
  time: clock,
  venue: requiredText(300),
  contacts: z.array(z.strictObject({ name: requiredText(200), phone: optionalText(50), email: optionalText(200) })).max(5).default([]),
  standingItems: z.boolean().default(true).describe('Give each meeting the body\u2019s standing agenda items'),
}).superRefine((v, ctx) => {
  if (v.pattern === 'weekly' && v.everyWeeks === undefined) ctx.addIssue({ code: 'custom', path: ['everyWeeks'], message: 'is required for a weekly series' });
  if (v.pattern === 'monthly' && v.nth === undefined) ctx.addIssue({ code: 'custom', path: ['nth'], message: 'is required for a monthly series' });
});

type ItemRow = NonNullable<Awaited<ReturnType<typeof getAgendaItem>>>;
const itemUrl = (id: number) => `/api/v1/agenda-items/${id}`;

const agenda: FastifyPluginAsync<ApiRouteOptions> = async (app, { store }) => {
  const guard = requireAction('manage-record');
  const db = store.db;
  /** An item's state: no purpose, papers or reasons (read those from the meeting, as the viewer may see them). */
  const summary = async (id: number) => {
    const i = (await getAgendaItem(db, id))!;
    const m = (await getMeeting(db, i.meeting_id))!;
    return { id: i.id, code: i.code, sectionId: i.section_id, exempt: i.exempt === 1, withdrawn: i.withdrawn === 1, deferredToMeetingId: i.deferred_to_meeting_id, meeting: m.slug, url: itemUrl(i.id) };
  };
  /** Runs `then` with the agenda item, or answers 404 when there is none. */
  const withItem = async <T>(reply: FastifyReply, id: number, then: (item: ItemRow) => Promise<T>) => {
    const item = await getAgendaItem(db, id);
    return item ? then(item) : notFound(reply, `The agenda item ${id}`);
  };
  const current = (i: ItemRow): ItemFields => ({
    sectionId: i.section_id ?? 0, title: i.title, purpose: i.purpose, presenters: parseJson<string[]>(i.presenters_json, []), toFollow: i.to_follow === 1, urgentReason: i.urgent_reason,
    exempt: i.exempt === 1, exemptParagraphs: textToParagraphs(i.exempt_paragraphs), publicInterestReason: i.public_interest_reason, guests: parseJson<ItemGuest[]>(i.guests_json, []),
  });

  app.post<{ Params: { slug: string }; Body: z.output<typeof newItem> }>('/v1/meetings/:slug/items', {
    preValidation: guard, ...zodRoute({ params: slugParam, body: newItem }, {
      tags: ['meetings'], summary: 'Add an item to a section of the agenda (before the closing urgent-business item; after publication, a late item coded after the one before it)',
      security: bearer, response: writeResponses('The new item') }),
  }, async (request, reply) => {
    const m = await getMeeting(db, request.params.slug);
    if (!m) return notFound(reply, `The meeting "${request.params.slug}"`);
    const created = await addItem(store, actor(request), m.id, request.body);
    reply.code(201).header('location', itemUrl(created.id));
    return summary(created.id);
  });

  app.patch<{ Params: { id: number }; Body: z.output<typeof itemChanges> }>('/v1/agenda-items/:id', {
    preValidation: guard, ...zodRoute({ params: idParams, body: itemChanges }, {
      tags: ['meetings'], summary: 'Change an agenda item: the fields sent replace the item\u2019s (null clears an optional one); made exempt after publication, the public packs are withheld',
      security: bearer, response: writeResponses('The item', 200) }),
  }, (request, reply) => withItem(reply, request.params.id, async (item) => {
    // Keys sent replace the item's (a text sent as null or blank clears it); keys left out keep their value.
    const given = Object.fromEntries(Object.entries(request.body).filter(([, v]) => v !== undefined));
    const next: ItemFields = { ...current(item), ...given };
    await updateItem(store, actor(request), item.id, next);
    return summary(item.id);
  }));

  app.post<{ Params: { id: number }; Body: z.output<typeof moveBody> }>('/v1/agenda-items/:id/move', {
    preValidation: guard, ...zodRoute({ params: idParams, body: moveBody }, {
      tags: ['meetings'], summary: 'Move an item up or down its section (only before the agenda is published: the codes are then in print)', security: bearer, response: writeResponses('The item', 200) }),
  }, (request, reply) => withItem(reply, request.params.id, async (item) => {
    await moveItem(store, actor(request), item.id, request.body.direction);
    return summary(item.id);
  }));

  app.post<{ Params: { id: number } }>('/v1/agenda-items/:id/withdrawal', {
    preValidation: guard, ...zodRoute({ params: idParams }, { tags: ['meetings'], summary: 'Withdraw an item (it stays on the agenda, marked withdrawn)', security: bearer, response: writeResponses('The item', 200) }),
  }, (request, reply) => withItem(reply, request.params.id, async (item) => {
    await setWithdrawn(store, actor(request), item.id, true);
    return summary(item.id);
  }));

  app.post<{ Params: { slug: string }; Body: z.output<typeof paperWithdrawalBody> }>('/v1/documents/:slug/withdrawal', {
    preValidation: guard, ...zodRoute({ params: slugParam, body: paperWithdrawalBody }, {
      tags: ['documents'], summary: 'Withdraw a paper of an agenda item, saying why: it stays listed with its versions, marked withdrawn; the published packs that carried it are reissued as new versions without it',
      security: bearer, response: writeResponses('The paper withdrawn, and the new versions of the packs reissued (null where none was)', 200) }),
  }, async (request) => {
    const done = await withdrawPaper(store, actor(request), request.params.slug, request.body.reason);
    return { slug: done.slug, title: done.title, withdrawnAt: done.at, reissued: { agenda: done.agenda, supplementary: done.supplementary }, url: `/api/v1/documents/${done.slug}` };
  });

  app.post<{ Params: { slug: string }; Body: z.output<typeof paperReinstatementBody> }>('/v1/documents/:slug/reinstatement', {
    preValidation: guard, ...zodRoute({ params: slugParam, body: paperReinstatementBody }, {
      tags: ['documents'], summary: 'Reinstate a withdrawn paper, saying why: a paper of its item again, the published packs reissued as new versions with it; the withdrawal and the reinstatement both stay in its history',
      security: bearer, response: writeResponses('The paper reinstated, and the new versions of the packs reissued (null where none was)', 200) }),
  }, async (request) => {
    const done = await reinstatePaper(store, actor(request), request.params.slug, request.body.reason);
    return { slug: done.slug, title: done.title, reinstatedAt: done.at, reissued: { agenda: done.agenda, supplementary: done.supplementary }, url: `/api/v1/documents/${done.slug}` };
  });

  app.delete<{ Params: { id: number } }>('/v1/agenda-items/:id/withdrawal', {
    preValidation: guard, ...zodRoute({ params: idParams }, { tags: ['meetings'], summary: 'Reinstate a withdrawn item', security: bearer, response: writeResponses('The item', 200) }),
  }, (request, reply) => withItem(reply, request.params.id, async (item) => {
    await setWithdrawn(store, actor(request), item.id, false);
    return summary(item.id);
  }));

  app.post<{ Params: { id: number }; Body: z.output<typeof deferBody> }>('/v1/agenda-items/:id/deferral', {
    preValidation: guard, ...zodRoute({ params: idParams, body: deferBody }, {
      tags: ['meetings'], summary: 'Defer an item to a later meeting of the same body: it stays here marked deferred, and goes on the later agenda with its papers',
      security: bearer, response: writeResponses('The item on the later agenda') }),
  }, (request, reply) => withItem(reply, request.params.id, async (item) => {
    const to = await getMeeting(db, request.body.toMeeting);
    if (!to) return notFound(reply, `The meeting "${request.body.toMeeting}"`);
    const moved = await deferItem(store, actor(request), item.id, to.id);
    reply.code(201).header('location', itemUrl(moved.id));
    return { deferred: await summary(item.id), item: await summary(moved.id) };
  }));

  app.post<{ Params: { id: number }; Body: z.output<typeof assignBody> }>('/v1/agenda-items/:id/report-assignments', {
    preValidation: guard, ...zodRoute({ params: idParams, body: assignBody }, {
      tags: ['meetings'], summary: 'Assign the item\u2019s report to an author: a draft report in their list, classified as the item is', security: bearer, response: writeResponses('The draft report') }),
  }, (request, reply) => withItem(reply, request.params.id, async (item) => {
    const id = await assignReport(store, actor(request), item.id, { authorPersonId: request.body.authorPersonId, title: request.body.title });
    reply.code(201);
    return { reportId: id, item: await summary(item.id) };
  }));

  app.post<{ Params: { slug: string }; Body: z.output<typeof generatedBody> }>('/v1/meetings/:slug/generated-papers', {
    preValidation: guard, ...zodRoute({ params: slugParam, body: generatedBody }, {
      tags: ['meetings'], summary: 'Add an item whose paper is generated from the record when the pack is built (the follow-up schedule or the work programme), once per meeting',
      security: bearer, response: writeResponses('The new item') }),
  }, async (request, reply) => {
    const m = await getMeeting(db, request.params.slug);
    if (!m) return notFound(reply, `The meeting "${request.params.slug}"`);
    const created = await addGeneratedPaperItem(db, actor(request), m.id, request.body.kind);
    reply.code(201).header('location', itemUrl(created.itemId));
    return { kind: request.body.kind, item: await summary(created.itemId) };
  });

  app.post<{ Body: z.output<typeof seriesBody> }>('/v1/meetings/series', {
    preValidation: guard, ...zodRoute({ body: seriesBody }, {
      tags: ['meetings'], summary: 'Schedule a body\u2019s meetings for up to a year (every n weeks, or the nth weekday of each month); days the council is closed are skipped and listed',
      security: bearer, response: writeResponses('The meetings scheduled and the dates skipped') }),
  }, async (request, reply) => {
    const b = request.body;
    const pattern = b.pattern === 'weekly' ? { kind: 'weekly' as const, weekday: b.weekday, everyWeeks: b.everyWeeks! } : { kind: 'monthly' as const, weekday: b.weekday, nth: b.nth! };
    const { created, skipped } = await scheduleSeries(store, actor(request), {
      bodyId: b.bodyId, pattern, from: b.from, to: b.to, time: b.time, venue: b.venue, contacts: b.contacts, withStandingItems: b.standingItems,
    });
    reply.code(201);
    return { meetings: created.map((m) => ({ ...m, url: `/api/v1/meetings/${m.slug}` })), skipped };
  });
};

export default agenda;
