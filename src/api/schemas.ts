// JSON schemas shared by the API routes. They validate requests and, through @fastify/swagger, make the OpenAPI
// document. Response schemas stay open (additionalProperties) so the document describes without trimming.
import { ATTENDANCE_KINDS, BODY_KINDS, AGENDA_STYLES, DOCUMENT_KINDS, INTEREST_KINDS, MEMBERSHIP_ROLES, PERSON_KINDS } from '../domain/types.js';

export const errorSchema = {
  type: 'object',
  description: 'An error, as problem details (RFC 9457, application/problem+json)',
  required: ['error', 'message'],
  properties: {
    type: { type: 'string', description: 'A URI naming the kind of problem' },
    title: { type: 'string', description: 'The kind of problem, in words' },
    status: { type: 'integer', description: 'The HTTP status' },
    detail: { type: 'string', description: 'What was wrong, in words (the same as message)' },
    instance: { type: 'string', description: 'The path that was asked for' },
    error: { type: 'string', description: 'A short code: validation, not-found, forbidden, unauthorised, …' },
    message: { type: 'string', description: 'What was wrong, in words' },
    field: { type: 'string', description: 'The request field at fault, when there is one' },
  },
} as const;

const open = (description: string, properties: Record<string, unknown> = {}) => ({ type: 'object', description, additionalProperties: true, properties });

export const pageSchema = (description: string) => open(description, {
  items: { type: 'array', items: { type: 'object', additionalProperties: true } },
  total: { type: 'integer', description: 'How many there are in all (for pagination)' },
  limit: { type: 'integer' },
  offset: { type: 'integer' },
  nextCursor: { type: ['string', 'null'], description: 'Pass as cursor to get the next page; null on the last page' },
});

/** Responses for a read route: the body, and the errors any route may give. */
export function readResponses(description: string, paged = false) {
  return {
    200: paged ? pageSchema(description) : open(description),
    400: errorSchema,
    401: errorSchema,
    403: errorSchema,
    404: errorSchema,
  };
}

export function writeResponses(description: string, status = 201) {
  return {
    [status]: open(description),
    400: errorSchema,
    401: errorSchema,
    403: errorSchema,
    404: errorSchema,
  };
}

export const pagination = {
  limit: { type: 'integer', minimum: 1, maximum: 100, default: 20, description: 'How many to return (1–100)' },
  offset: { type: 'integer', minimum: 0, default: 0, description: 'How many to skip (or use cursor)' },
  cursor: { type: 'string', maxLength: 40, pattern: '^[A-Za-z0-9_-]+$', description: 'nextCursor from the previous page' },
} as const;

export const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A date, YYYY-MM-DD' } as const;
export const clockTime = { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'A time, HH:MM (24-hour)' } as const;
const text = (maxLength = 2000) => ({ type: 'string', maxLength });
const nullableText = (maxLength = 2000) => ({ type: ['string', 'null'], maxLength });
const exemptParagraphs = { type: 'array', items: { type: 'integer', minimum: 1, maximum: 7 }, description: 'Paragraphs of Part 1 of Schedule 12A' } as const;

export const slugParams = { type: 'object', required: ['slug'], properties: { slug: { type: 'string', pattern: '^[a-z0-9-]+$', maxLength: 200 } } } as const;

export const newBodySchema = {
  type: 'object', required: ['name', 'kind'], additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    kind: { type: 'string', enum: [...BODY_KINDS] },
    size: { type: ['integer', 'null'], minimum: 1, maximum: 500 },
    agendaStyle: { type: 'string', enum: [...AGENDA_STYLES] },
    purpose: nullableText(),
  },
} as const;

export const newPersonSchema = {
  type: 'object', required: ['surname', 'kind'], additionalProperties: false,
  properties: {
    title: nullableText(40), forenames: nullableText(200), initials: nullableText(40), surname: { type: 'string', minLength: 1, maxLength: 200 },
    postNominals: nullableText(100), kind: { type: 'string', enum: [...PERSON_KINDS] }, groupId: { type: ['integer', 'null'] },
    jobTitle: nullableText(200), division: nullableText(200), email: { type: ['string', 'null'], format: 'email', maxLength: 320 }, phone: nullableText(60),
  },
} as const;

export const newMembershipSchema = {
  type: 'object', required: ['bodyId', 'personId', 'role', 'startsOn'], additionalProperties: false,
  properties: {
    bodyId: { type: 'integer' }, personId: { type: 'integer' }, role: { type: 'string', enum: [...MEMBERSHIP_ROLES] }, groupId: { type: ['integer', 'null'] },
    coOptedCategory: nullableText(200), votingNote: nullableText(200), startsOn: isoDate, endsOn: { ...isoDate, type: ['string', 'null'] },
  },
} as const;

export const newMeetingSchema = {
  type: 'object', required: ['bodyId', 'date'], additionalProperties: false,
  properties: {
    bodyId: { type: 'integer' }, date: isoDate, time: { ...clockTime, type: ['string', 'null'] }, venue: nullableText(300),
    webcastUrl: { type: ['string', 'null'], format: 'uri', maxLength: 500 },
    contacts: { type: 'array', items: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: text(200), phone: nullableText(60), email: nullableText(320) } } },
  },
} as const;

const agendaItemSchema = {
  type: 'object', required: ['code', 'title'], additionalProperties: false,
  properties: {
    code: { type: 'string', minLength: 1, maxLength: 20 }, title: { type: 'string', minLength: 1, maxLength: 500 }, purpose: nullableText(),
    presenters: { type: 'array', items: text(300) }, toFollow: { type: 'boolean' }, urgentReason: nullableText(), exempt: { type: 'boolean' },
    exemptParagraphs, publicInterestReason: nullableText(),
  },
} as const;

export const newAgendaSectionSchema = {
  type: 'object', required: ['title', 'items'], additionalProperties: false,
  properties: { letter: nullableText(4), title: { type: 'string', minLength: 1, maxLength: 300 }, exempt: { type: 'boolean' }, items: { type: 'array', items: agendaItemSchema } },
} as const;

export const attendanceSchema = {
  type: 'object', required: ['entries'], additionalProperties: false,
  properties: {
    entries: {
      type: 'array', maxItems: 500,
      items: {
        type: 'object', required: ['name', 'kind'], additionalProperties: false,
        properties: { personId: { type: ['integer', 'null'] }, name: { type: 'string', minLength: 1, maxLength: 300 }, kind: { type: 'string', enum: [...ATTENDANCE_KINDS] },
          role: nullableText(200), substituteForPersonId: { type: ['integer', 'null'] }, substituteForName: nullableText(300), forItemId: { type: ['integer', 'null'] } },
      },
    },
  },
} as const;

export const declarationsSchema = {
  type: 'object', required: ['entries'], additionalProperties: false,
  properties: {
    entries: {
      type: 'array', maxItems: 500,
      items: {
        type: 'object', required: ['personName', 'kind', 'nature'], additionalProperties: false,
        properties: { agendaItemId: { type: ['integer', 'null'] }, personId: { type: ['integer', 'null'] }, personName: { type: 'string', minLength: 1, maxLength: 300 },
          kind: { type: 'string', enum: [...INTEREST_KINDS] }, nature: { type: 'string', minLength: 1, maxLength: 2000 }, dispensation: nullableText() },
      },
    },
  },
} as const;

const resolutionSchema = { type: 'object', required: ['text'], additionalProperties: false, properties: { text: text(10000), parts: { type: 'array', items: { type: 'object', required: ['label', 'text'], properties: { label: text(10), text: text(10000) } } } } } as const;
const voteSchema = { type: 'object', required: ['motion'], additionalProperties: false, properties: { motion: text(), for: { type: 'array', items: text(300) }, against: { type: 'array', items: text(300) }, abstained: { type: 'array', items: text(300) } } } as const;

export const minutesSchema = {
  type: 'object', required: ['minutes'], additionalProperties: false,
  properties: {
    minutes: {
      type: 'array', maxItems: 500,
      items: {
        type: 'object', required: ['title'], additionalProperties: false,
        properties: { agendaItemId: { type: ['integer', 'null'] }, number: nullableText(20), title: { type: 'string', minLength: 1, maxLength: 500 },
          paragraphs: { type: 'array', items: text(20000) }, resolutions: { type: 'array', items: resolutionSchema }, votes: { type: 'array', items: voteSchema },
          postMeetingNote: nullableText(), exempt: { type: 'boolean' } },
      },
    },
  },
} as const;

/** A paper as JSON with the file in base64 (the route also takes multipart/form-data with a `file` part). */
export const newPaperSchema = {
  type: 'object', required: ['title', 'fileName', 'contentBase64'], additionalProperties: false,
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 500 }, kind: { type: 'string', enum: [...DOCUMENT_KINDS] }, agendaItemCode: nullableText(20),
    classification: { type: 'string', enum: ['unrestricted', 'exempt'] }, exemptParagraphs, fileName: { type: 'string', minLength: 1, maxLength: 255 },
    contentBase64: { type: 'string', minLength: 1, description: 'The PDF, base64-encoded' },
  },
} as const;
