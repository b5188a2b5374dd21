// Open data through the API: the Popolo / Open Civic Data export (whole, or one collection), the bulk datasets, and
// each councillor's voting and attendance record. Public content only, whoever asks (services/open-data.ts builds
// everything for the public viewer through the one visibility rule).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { COLLECTION_SCHEMA, popoloSchemas } from '../domain/popolo.js';
import {
  councillorRecord, DATASET_DESCRIPTIONS, DATASETS, datasetRows, OPEN_DATA_LICENCE, POPOLO_COLLECTIONS, popoloExport, type Dataset, type PopoloCollection,
} from '../services/open-data.js';
import type { Store } from '../services/unit.js';
import { notFound } from './http.js';
import { errorSchema, slugParams } from './schemas.js';

const optionalAuth: { [name: string]: string[] }[] = [{}, { bearerAuth: [] }];
const yearQuery = { type: 'object', additionalProperties: false, properties: { year: { type: 'integer', minimum: 1800, maximum: 2200, description: 'Meetings (and their records) of this calendar year only' } } } as const;
const errors = { 400: errorSchema, 404: errorSchema };

/** The public address links in the export are made against: the app's (AppOptions.publicUrl), as the pages' links. */
function baseUrl(request: FastifyRequest): string {
  return request.server.publicUrl ?? `${request.protocol}://${request.host}`;
}

const schemaFor = (c: PopoloCollection) => ({ type: 'array', items: popoloSchemas[COLLECTION_SCHEMA[c]] });

const openData: FastifyPluginAsync<{ store: Store; today?: () => string }> = async (app, { store, today }) => {
  app.get<{ Querystring: { year?: number } }>('/v1/export/popolo', {
    schema: { tags: ['open data'], summary: 'The public record in Popolo JSON with the Open Civic Data conventions: organizations, persons, posts, memberships, events, vote_events', security: optionalAuth,
      querystring: yearQuery,
      response: { 200: { type: 'object', required: [...POPOLO_COLLECTIONS], properties: Object.fromEntries(POPOLO_COLLECTIONS.map((c) => [c, schemaFor(c)])) }, ...errors } },
  }, async (request) => popoloExport(store, { baseUrl: baseUrl(request), year: request.query.year }));

  app.get<{ Params: { collection: PopoloCollection }; Querystring: { year?: number } }>('/v1/export/popolo/:collection', {
    schema: { tags: ['open data'], summary: 'One collection of the Popolo export', security: optionalAuth,
      params: { type: 'object', required: ['collection'], properties: { collection: { type: 'string', enum: [...POPOLO_COLLECTIONS] } } }, querystring: yearQuery,
      response: { 200: { type: 'array', description: 'Members of the collection, each as in the whole export', items: { type: 'object', additionalProperties: true } }, ...errors } },
  }, async (request) => (await popoloExport(store, { baseUrl: baseUrl(request), year: request.query.year }))[request.params.collection]);

  app.get('/v1/datasets', {
    schema: { tags: ['open data'], summary: 'The bulk datasets, with their licence and download addresses', security: optionalAuth,
      response: { 200: { type: 'object', required: ['licence', 'items'], properties: {
        licence: { type: 'object', properties: { name: { type: 'string' }, summary: { type: 'string' } } },
        items: { type: 'array', items: { type: 'object', required: ['name', 'description', 'url', 'csv', 'json'], properties: {
          name: { type: 'string' }, description: { type: 'string' }, url: { type: 'string' }, csv: { type: 'string' }, json: { type: 'string' } } } } } } } },
  }, async () => ({
    licence: OPEN_DATA_LICENCE,
    items: DATASETS.map((d) => ({ name: d, description: DATASET_DESCRIPTIONS[d], url: `/api/v1/datasets/${d}`, csv: `/open-data/${d}.csv`, json: `/open-data/${d}.json` })),
  }));

  app.get<{ Params: { dataset: Dataset }; Querystring: { year?: number } }>('/v1/datasets/:dataset', {
    schema: { tags: ['open data'], summary: 'One dataset\'s rows (every year, or one)', security: optionalAuth,
      params: { type: 'object', required: ['dataset'], properties: { dataset: { type: 'string', enum: [...DATASETS] } } }, querystring: yearQuery,
      response: { 200: { type: 'object', required: ['dataset', 'licence', 'rows'], properties: { dataset: { type: 'string' }, year: { type: ['integer', 'null'] }, licence: { type: 'string' },
        rows: { type: 'array', items: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean', 'null'] } } } } }, ...errors } },
  }, async (request) => ({ dataset: request.params.dataset, year: request.query.year ?? null, licence: OPEN_DATA_LICENCE.name,
    rows: await datasetRows(store, request.params.dataset, { baseUrl: baseUrl(request), year: request.query.year, today: today?.() }) }));

  const voteSchema = { type: 'object', required: ['date', 'body', 'minute', 'motion', 'vote', 'result'], properties: {
    date: { type: 'string' }, body: { type: 'string' }, meeting: { type: 'string' }, minute: { type: 'string' }, item: { type: 'string' }, motion: { type: 'string' },
    vote: { type: 'string', enum: ['for', 'against', 'abstained'] }, result: { type: 'string', enum: ['carried', 'lost'] }, for: { type: 'integer' }, against: { type: 'integer' }, abstained: { type: 'integer' },
    url: { type: 'string' } } } as const;
  app.get<{ Params: { slug: string } }>('/v1/people/:slug/votes', {
    schema: { tags: ['people'], summary: 'A councillor\'s recorded votes from the published minutes, newest first', security: optionalAuth, params: slugParams,
      response: { 200: { type: 'object', required: ['person', 'items'], properties: { person: { type: 'object', properties: { slug: { type: 'string' }, name: { type: 'string' } } }, items: { type: 'array', items: voteSchema } } }, ...errors } },
  }, async (request, reply) => {
    const r = await councillorRecord(store, request.params.slug);
    if (!r) return notFound(reply, `The councillor "${request.params.slug}"`);
    return { person: r.person, items: r.votes.map(({ meetingSlug, ...v }) => ({ ...v, meeting: meetingSlug, url: `/api/v1/meetings/${meetingSlug}` })) };
  });

  app.get<{ Params: { slug: string } }>('/v1/people/:slug/attendance', {
    schema: { tags: ['people'], summary: 'A councillor\'s attendance, meeting by meeting and totalled per body', security: optionalAuth, params: slugParams,
      response: { 200: { type: 'object', required: ['person', 'items', 'byBody'], properties: {
        person: { type: 'object', properties: { slug: { type: 'string' }, name: { type: 'string' } } },
        items: { type: 'array', items: { type: 'object', required: ['date', 'body', 'attendance'], properties: { date: { type: 'string' }, body: { type: 'string' }, meeting: { type: 'string' }, attendance: { type: 'string' }, substituteFor: { type: ['string', 'null'] }, url: { type: 'string' } } } },
        byBody: { type: 'array', items: { type: 'object', required: ['body', 'meetings'], properties: { body: { type: 'string' }, meetings: { type: 'integer' }, present: { type: 'integer' }, apologies: { type: 'integer' }, absent: { type: 'integer' }, other: { type: 'integer' } } } },
      } }, ...errors } },
  }, async (request, reply) => {
    const r = await councillorRecord(store, request.params.slug);
    if (!r) return notFound(reply, `The councillor "${request.params.slug}"`);
    return { person: r.person, items: r.attendance.map(({ meetingSlug, ...a }) => ({ ...a, meeting: meetingSlug, url: `/api/v1/meetings/${meetingSlug}` })), byBody: r.attendanceByBody };
  });
};

export default openData;
