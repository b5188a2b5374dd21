// Write endpoints, mirroring the workspace operations of the store layer: bodies, people, memberships, meetings,
// agenda sections and items, attendance, declarations, minutes, decisions, papers. Only Democratic Services
// (clerks, administrators) may write, with an API token (or a signed-in session sending its CSRF token). Each
// request is one transaction, and every change is audited by the store.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor, AttendanceKind, BodyKind, DocumentKind, InterestKind, MembershipRole, PersonKind } from '../domain/types.js';
import { DECISION_TAKER_KINDS, DOCUMENT_KINDS } from '../domain/types.js';
import { ValidationError } from '../errors.js';
import { actorOf } from '../services/accounts.js';
import { addSectionWithItems } from '../services/agenda.js';
import { addBodyWithNewName, addMembership, getBody } from '../services/bodies.js';
import { takeDecision } from '../services/executive/decisions.js';
import { decisionContentBody } from './own-decisions.js';
import { isoDate, zodRoute } from './zod.js';
import { uploadMeetingPaper } from '../services/documents.js';
import { getMeeting, scheduleMeeting } from '../services/meetings.js';
import { addPerson, getPerson } from '../services/people.js';
import { removePersonPhoto, uploadPersonPhoto } from '../services/photos.js';
import { recordAttendance, recordDeclarations, recordMinutes, type MinuteEntry } from '../services/proceedings.js';
import { requireAction } from '../http/guards.js';
import { notFound } from './http.js';
import { acceptMultipart, isUploadedFile, type MultipartBody } from '../http/multipart.js';
import type { ApiRouteOptions } from './read.js';
import {
  attendanceSchema, declarationsSchema, minutesSchema, newAgendaSectionSchema, newBodySchema, newMeetingSchema, newMembershipSchema,
  newPaperSchema, newPersonSchema, slugParams, writeResponses,
} from './schemas.js';

const bearer: { [name: string]: string[] }[] = [{ bearerAuth: [] }];

const positiveId = z.number().int().positive().max(2 ** 31 - 1);
/** The clerk's decision: the content every decision form has, with the taker, meeting, item and notice exception. */
const clerkDecisionBody = z.strictObject({
  ...decisionContentBody,
  takerKind: z.enum(DECISION_TAKER_KINDS).describe('Who took it: a body (Cabinet or a committee), a Cabinet Member, or an officer under delegated authority'),
  takerName: z.string().trim().min(1).max(300).describe('The decision taker as printed, for example Cabinet or Mr J Smith, Cabinet Member for Finance'),
  takerBodyId: positiveId.nullish(), takerPersonId: positiveId.nullish(), portfolio: z.string().trim().max(300).nullish(),
  meetingId: positiveId.nullish(), agendaItemId: positiveId.nullish(),
  key: z.boolean().optional().describe('A key decision'),
  urgent: z.boolean().optional(),
  exempt: z.boolean().optional().describe('Taken in private: the record is public with its exempt part left out (exemptParagraphs required)'),
  classification: z.enum(['unrestricted', 'exempt']).optional().describe('"exempt": taken in private, as exempt: true'),
  status: z.enum(['draft', 'proposed']).optional().describe('"draft" (the default): taken, to be published; "proposed": published before it is taken'),
  exception: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('general-exception'), chairNotifiedOn: isoDate.nullish(), publishedOn: isoDate.nullish(), reason: z.string().max(5000).nullish() }),
    z.strictObject({ kind: z.literal('special-urgency'), agreedOn: isoDate.nullish(), agreedBy: z.string().max(300).nullish(), reason: z.string().max(5000).nullish() }),
  ]).nullish().describe('Where a key decision was not on the forward plan 28 clear days before: the general exception or special urgency'),
});

function actor(request: FastifyRequest): Actor {
  return actorOf(request.account!);
}

const paperFields = z.object({
  title: z.string().trim().min(1, 'Enter the title of the paper').max(500),
  kind: z.enum(DOCUMENT_KINDS).default('report'),
  agendaItemCode: z.string().trim().max(20).nullish(),
  classification: z.enum(['unrestricted', 'exempt']).default('unrestricted'),
  exemptParagraphs: z.array(z.coerce.number().int().min(1).max(7)).default([]),
});

const isMultipart = (request: FastifyRequest) => String(request.headers['content-type'] ?? '').startsWith('multipart/');

/** The file of a multipart/form-data upload (the "file" part). */
function multipartFile(raw: Record<string, unknown>, what: string): { fileName: string; bytes: Uint8Array } {
  const file = (raw as MultipartBody).file;
  if (!isUploadedFile(file)) throw new ValidationError(`Attach the ${what} as the "file" part`, 'file');
  return { fileName: file.fileName, bytes: file.bytes };
}

/** The file of a JSON upload ({fileName, contentBase64}), and the body's other fields. */
function base64File(raw: Record<string, unknown>, what: string): { fileName: string; bytes: Uint8Array; rest: Record<string, unknown> } {
  const { contentBase64: base64, fileName, ...rest } = raw;
  if (typeof base64 !== 'string' || !base64) throw new ValidationError(`The field "contentBase64" is required: the ${what}, base64-encoded`, 'contentBase64');
  if (!/^[A-Za-z0-9+/=\s]+$/.test(base64)) throw new ValidationError('The field "contentBase64" is not base64', 'contentBase64');
  if (typeof fileName !== 'string' || !fileName.trim()) throw new ValidationError('The field "fileName" is required', 'fileName');
  return { fileName: fileName.trim(), bytes: new Uint8Array(Buffer.from(base64, 'base64')), rest };
}

/** Reads an uploaded file from JSON ({fileName, contentBase64}) or multipart/form-data (the "file" part), naming the field that is wrong. */
function readUpload(request: FastifyRequest, what: string): { fileName: string; bytes: Uint8Array } {
  const raw = (request.body ?? {}) as Record<string, unknown>;
  if (isMultipart(request)) return multipartFile(raw, what);
  const { rest, ...file } = base64File(raw, what);
  const extra = Object.keys(rest)[0];
  if (extra) throw new ValidationError(`The field "${extra}" is not recognised`, extra);
  return file;
}

/** Reads an uploaded paper from JSON (base64) or multipart/form-data, naming the field that is wrong. */
function readPaper(request: FastifyRequest): z.infer<typeof paperFields> & { fileName: string; bytes: Uint8Array } {
  const raw = (request.body ?? {}) as Record<string, unknown>;
  let fields: Record<string, unknown>;
  let fileName: string;
  let bytes: Uint8Array;
  if (isMultipart(request)) {
    const body = raw as MultipartBody;
    ({ fileName, bytes } = multipartFile(raw, 'paper'));
    fileName ||= 'paper.pdf';
    const paras = typeof body.exemptParagraphs === 'string' ? body.exemptParagraphs.split(',').map((s) => s.trim()).filter(Boolean) : [];
    fields = { ...Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string' && v !== '')), exemptParagraphs: paras };
  } else {
    ({ fileName, bytes, rest: fields } = base64File(raw, 'PDF'));
  }
  const parsed = paperFields.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || 'body';
    throw new ValidationError(`The field "${field}" ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`, field);
  }
  if (parsed.data.classification === 'exempt' && !parsed.data.exemptParagraphs.length) {
    throw new ValidationError('An exempt paper needs its paragraph of Schedule 12A in "exemptParagraphs"', 'exemptParagraphs');
  }
  return { ...parsed.data, fileName: fileName.split(/[\\/]/).pop() ?? fileName, bytes };
}

const write: FastifyPluginAsync<ApiRouteOptions> = async (app, { store }) => {
  // Before schema validation: without the right to write, the answer is 401/403 whatever the body holds.
  const guard = requireAction('manage-record');
  acceptMultipart(app);

  const meetingBySlug = (slug: string) => getMeeting(store.db, slug);

  app.post<{ Body: { name: string; kind: BodyKind; size?: number | null; agendaStyle?: 'numbered' | 'lettered'; purpose?: string | null } }>('/v1/bodies', {
    preValidation: guard, schema: { tags: ['bodies'], summary: 'Add a body', security: bearer, body: newBodySchema, response: writeResponses('The new body') },
  }, async (request, reply) => {
    const id = await addBodyWithNewName(store, actor(request), request.body);
    const body = (await getBody(store.db, id))!;
    reply.code(201).header('location', `/api/v1/bodies/${body.slug}`);
    return { id: body.id, slug: body.slug, name: body.name, kind: body.kind, url: `/api/v1/bodies/${body.slug}` };
  });

  app.post<{ Body: { surname: string; kind: PersonKind } & Record<string, string | number | null> }>('/v1/people', {
    preValidation: guard, schema: { tags: ['people'], summary: 'Add a person', security: bearer, body: newPersonSchema, response: writeResponses('The new person') },
  }, async (request, reply) => {
    const id = await addPerson(store, actor(request), request.body);
    const p = (await getPerson(store.db, id))!;
    reply.code(201).header('location', `/api/v1/people/${p.slug}`);
    return { id: p.id, slug: p.slug, url: `/api/v1/people/${p.slug}` };
  });

  app.post<{ Body: { bodyId: number; personId: number; role: MembershipRole; startsOn: string; endsOn?: string | null; groupId?: number | null; coOptedCategory?: string | null; votingNote?: string | null } }>('/v1/memberships', {
    preValidation: guard, schema: { tags: ['bodies'], summary: 'Add a membership of a body', security: bearer, body: newMembershipSchema, response: writeResponses('The new membership') },
  }, async (request, reply) => {
    const id = await addMembership(store, actor(request), request.body);
    reply.code(201);
    return { id };
  });

  app.post<{ Body: { bodyId: number; date: string; time?: string | null; venue?: string | null; webcastUrl?: string | null; contacts?: { name: string; phone?: string | null; email?: string | null }[] } }>('/v1/meetings', {
    preValidation: guard, schema: { tags: ['meetings'], summary: 'Schedule a meeting', security: bearer, body: newMeetingSchema, response: writeResponses('The new meeting') },
  }, async (request, reply) => {
    const b = request.body;
    const contacts = (b.contacts ?? []).map((c) => ({ name: c.name, phone: c.phone ?? null, email: c.email ?? null }));
    const created = await scheduleMeeting(store, actor(request), { ...b, contacts });
    reply.code(201).header('location', `/api/v1/meetings/${created.slug}`);
    return { id: created.id, slug: created.slug, url: `/api/v1/meetings/${created.slug}` };
  });

  type SectionBody = { letter?: string | null; title: string; exempt?: boolean; items: { code: string; title: string; exempt?: boolean; exemptParagraphs?: number[]; publicInterestReason?: string | null }[] };
  app.post<{ Params: { slug: string }; Body: SectionBody }>('/v1/meetings/:slug/agenda-sections', {
    preValidation: guard, schema: { tags: ['meetings'], summary: 'Add an agenda section with its items', security: bearer, params: slugParams, body: newAgendaSectionSchema, response: writeResponses('The new items') },
  }, async (request, reply) => {
    const m = await meetingBySlug(request.params.slug);
    if (!m) return notFound(reply, `The meeting "${request.params.slug}"`);
    const items = await addSectionWithItems(store, actor(request), m.id, request.body);
    reply.code(201);
    return { items };
  });

  type AttendanceBody = { entries: { personId?: number | null; name: string; kind: AttendanceKind; role?: string | null; substituteForPersonId?: number | null; substituteForName?: string | null; forItemId?: number | null }[] };
  app.put<{ Params: { slug: string }; Body: AttendanceBody }>('/v1/meetings/:slug/attendance', {
    preValidation: guard, schema: { tags: ['meetings'], summary: 'Record attendance (replaces the record)', security: bearer, params: slugParams, body: attendanceSchema, response: writeResponses('Attendance recorded', 200) },
  }, async (request, reply) => {
    const m = await meetingBySlug(request.params.slug);
    if (!m) return notFound(reply, `The meeting "${request.params.slug}"`);
    await recordAttendance(store, actor(request), m.id, request.body.entries);
    return { recorded: request.body.entries.length };
  });

  type DeclarationsBody = { entries: { agendaItemId?: number | null; personId?: number | null; personName: string; kind: InterestKind; nature: string; dispensation?: string | null }[] };
  app.put<{ Params: { slug: string }; Body: DeclarationsBody }>('/v1/meetings/:slug/declarations', {
    preValidation: guard, schema: { tags: ['meetings'], summary: 'Record declarations of interest (replaces the record)', security: bearer, params: slugParams, body: declarationsSchema, response: writeResponses('Declarations recorded', 200) },
  }, async (request, reply) => {
    const m = await meetingBySlug(request.params.slug);
    if (!m) return notFound(reply, `The meeting "${request.params.slug}"`);
    await recordDeclarations(store, actor(request), m.id, request.body.entries);
    return { recorded: request.body.entries.length };
  });

  app.put<{ Params: { slug: string }; Body: { minutes: MinuteEntry[] } }>('/v1/meetings/:slug/minutes', {
    preValidation: guard, schema: { tags: ['meetings'], summary: 'Record the minutes (replaces them); numbers are allocated from the body’s sequence', security: bearer, params: slugParams, body: minutesSchema, response: writeResponses('The minute numbers', 200) },
  }, async (request, reply) => {
    const m = await meetingBySlug(request.params.slug);
    if (!m) return notFound(reply, `The meeting "${request.params.slug}"`);
    const numbers = await recordMinutes(store, actor(request), m.id, request.body.minutes.map((x) => ({ ...x, resolutions: x.resolutions?.map((r) => ({ text: r.text, parts: r.parts ?? [] })) })));
    return { numbers };
  });

  // The clerk's Record of Decision: the same use-case as the workspace form (takeDecision), so the same checks apply
  // (reasons and alternatives for an executive decision, the forward plan link, a key decision's 28 clear days or the
  // general exception or special urgency recorded, the Schedule 12A paragraphs of a decision taken in private); a
  // refusal is the API's error naming the field. Publication is POST /v1/decisions/{slug}/publication.
  app.post<{ Body: z.output<typeof clerkDecisionBody> }>('/v1/decisions', {
    preValidation: guard, ...zodRoute({ body: clerkDecisionBody }, {
      tags: ['decisions'], summary: 'Record a decision (or a proposed decision) as the workspace form does; its number (YY/NNNNN) is allocated', security: bearer,
      response: writeResponses('The new decision') }),
  }, async (request, reply) => {
    const { status, classification, exception, ...body } = request.body;
    const created = await takeDecision(store.db, actor(request), {
      ...body, key: body.key ?? false, proposed: body.proposed || status === 'proposed', exempt: body.exempt || classification === 'exempt',
      exception: exception?.kind === 'general-exception' ? { kind: 'general-exception', chairNotifiedOn: exception.chairNotifiedOn ?? null, publishedOn: exception.publishedOn ?? null, reason: exception.reason ?? null }
        : exception?.kind === 'special-urgency' ? { kind: 'special-urgency', agreedOn: exception.agreedOn ?? null, agreedBy: exception.agreedBy ?? null, reason: exception.reason ?? null } : null,
    });
    reply.code(201).header('location', `/api/v1/decisions/${created.slug}`);
    return { id: created.id, number: created.number, slug: created.slug, url: `/api/v1/decisions/${created.slug}` };
  });

  app.post<{ Params: { slug: string } }>('/v1/meetings/:slug/papers', {
    preValidation: guard,
    // The body is read by readPaper (JSON with base64, or multipart); the schema here documents the JSON form.
    validatorCompiler: () => () => true,
    schema: { tags: ['documents'], summary: 'Upload a paper (PDF) to a meeting, as JSON with base64 or as multipart/form-data', security: bearer, params: slugParams,
      consumes: ['application/json', 'multipart/form-data'], body: newPaperSchema, response: writeResponses('The new paper') },
  }, async (request, reply) => {
    const m = await meetingBySlug(request.params.slug);
    if (!m) return notFound(reply, `The meeting "${request.params.slug}"`);
    const paper = readPaper(request);
    const created = await uploadMeetingPaper(store, actor(request), m.id, { ...paper, kind: paper.kind as DocumentKind });
    reply.code(201).header('location', `/api/v1/documents/${created.slug}`);
    return { id: created.id, slug: created.slug, pageCount: created.pageCount, url: `/api/v1/documents/${created.slug}` };
  });

  // A person's photo (a councillor's, on their public page): checked and re-encoded by the service, as on the
  // workspace form; a new one replaces the old, which stays in the record.
  app.put<{ Params: { slug: string } }>('/v1/people/:slug/photo', {
    preValidation: guard,
    // The body is read by readUpload (JSON with base64, or multipart); the schema here documents the JSON form.
    validatorCompiler: () => () => true,
    schema: { tags: ['people'], summary: 'Upload a person\u2019s photo (JPEG or PNG), as JSON with base64 or as multipart/form-data (the "file" part); it replaces any earlier one', security: bearer,
      params: slugParams, consumes: ['application/json', 'multipart/form-data'],
      body: { type: 'object', required: ['fileName', 'contentBase64'], additionalProperties: false, properties: {
        fileName: { type: 'string', minLength: 1, maxLength: 255 }, contentBase64: { type: 'string', minLength: 1, description: 'The image, base64-encoded' } } },
      response: writeResponses('The person\u2019s photo', 200) },
  }, async (request, reply) => {
    const person = /^[a-z0-9-]{1,200}$/.test(request.params.slug) ? await getPerson(store.db, request.params.slug) : undefined;
    if (!person) return notFound(reply, `The person "${request.params.slug}"`);
    await uploadPersonPhoto(store, actor(request), person.id, readUpload(request, 'photo'));
    return { person: person.slug, photoUrl: `/people/${person.slug}/photo` };
  });

  app.delete<{ Params: { slug: string } }>('/v1/people/:slug/photo', {
    preValidation: guard,
    schema: { tags: ['people'], summary: 'Remove a person\u2019s photo (the image stays in the record)', security: bearer, params: slugParams,
      response: { ...writeResponses('Removed', 204), 204: { type: 'null', description: 'Removed' } } },
  }, async (request, reply) => {
    const person = await getPerson(store.db, request.params.slug);
    if (!person) return notFound(reply, `The person "${request.params.slug}"`);
    await removePersonPhoto(store, actor(request), person.id);
    return reply.code(204).send();
  });
};

export default write;
