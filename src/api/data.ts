// Read endpoints for performance and budget figures: the published data sets (a dashboard or budget report per
// period, as the open-data JSON), and indicators with their history. Drafts follow the one visibility rule: the
// public (and anyone not entitled) sees published figures only.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { periodFromSlug } from '../domain/indicators.js';
import { NotFoundError } from '../errors.js';
import { requireAction } from '../http/guards.js';
import { formatProblem, type DataFileKind } from '../services/data-files.js';
import { actorOf } from '../services/accounts.js';
import { exportDataSet, importDataFile } from '../services/data-files.js';
import {
  attachDataSetToComingItem, dataSetFor, dataSetHref, detachDataSet, indicatorHistory, listAllDataSets, publicIndicators, publishDataSet, PublicationRefused, unpublishDataSet, type DataKind,
} from '../services/data.js';
import type { Store } from '../services/unit.js';
import { notFound, pageOf } from './http.js';
import { errorSchema, pagination, readResponses, writeResponses } from './schemas.js';
import { zodRoute } from './zod.js';

const optionalAuth: { [name: string]: string[] }[] = [{}, { bearerAuth: [] }];
const PERIOD_KINDS = ['indicator-values', 'revenue', 'capital'] as const;

const data: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  const db = store.db;
  const apiUrl = (kind: string, period: string) => `/api/v1/data-sets/${kind}/${period.toLowerCase().replace(/\s+/g, '-')}`;

  app.get<{ Querystring: { kind?: DataKind; limit: number; offset: number; cursor?: string } }>('/v1/data-sets', {
    schema: { tags: ['performance and budgets'], summary: 'Published performance dashboards and revenue/capital budget monitoring reports, one per period', security: optionalAuth,
      querystring: { type: 'object', additionalProperties: false, properties: { kind: { type: 'string', enum: [...PERIOD_KINDS] }, ...pagination } },
      response: readResponses('A page of data sets', true) },
  }, async (request) => {
    const sets = (await listAllDataSets(db, request.viewer, request.query.kind)).filter((d) => d.kind !== 'indicators');
    return pageOf(sets.map((d) => ({
      kind: d.kind, period: d.period, title: d.title, version: d.publishedVersion, publishedAt: d.publishedAt, draftVersion: d.currentVersion !== d.publishedVersion ? d.currentVersion : null,
      url: apiUrl(d.kind, d.period), page: dataSetHref(d), csv: `/data/${d.kind}/${d.period.toLowerCase().replace(/\s+/g, '-')}.csv`,
    })), request.query.limit, request.query.offset, request.query.cursor);
  });

  app.get<{ Params: { kind: string; period: string } }>('/v1/data-sets/:kind/:period', {
    schema: { tags: ['performance and budgets'], summary: 'One period\'s figures: every indicator with RAG, direction and expected range, or every budget line with computed totals (£\'000s)', security: optionalAuth,
      params: { type: 'object', required: ['kind', 'period'], properties: { kind: { type: 'string', enum: [...PERIOD_KINDS] }, period: { type: 'string', pattern: '^[A-Za-z0-9-]+$', maxLength: 20 } } },
      response: readResponses('A data set') },
  }, async (request, reply) => {
    try {
      const ds = await dataSetFor(db, request.viewer, request.params.kind as DataKind, periodFromSlug(request.params.period).code);
      if (ds.publishedVersion === null) throw new NotFoundError(ds.title);
      return (await exportDataSet(db, request.viewer, ds)).json;
    } catch (e) {
      if (e instanceof NotFoundError || (e as Error).name === 'PeriodError') return notFound(reply, `The ${request.params.kind} figures for ${request.params.period}`);
      throw e;
    }
  });

  app.get<{ Querystring: { limit: number; offset: number; cursor?: string } }>('/v1/indicators', {
    schema: { tags: ['performance and budgets'], summary: 'Performance indicators with published results: owner, polarity, unit, targets and floors by year', security: optionalAuth,
      querystring: { type: 'object', additionalProperties: false, properties: { ...pagination } }, response: readResponses('A page of indicators', true) },
  }, async (request) => {
    const all = await publicIndicators(db, request.viewer);
    return pageOf(all.map(({ id: _id, ...i }) => ({ ...i, url: `/api/v1/indicators/${encodeURIComponent(i.ref)}` })), request.query.limit, request.query.offset, request.query.cursor);
  });

  app.get<{ Params: { ref: string } }>('/v1/indicators/:ref', {
    schema: { tags: ['performance and budgets'], summary: 'An indicator and every published result', security: optionalAuth,
      params: { type: 'object', required: ['ref'], properties: { ref: { type: 'string', maxLength: 20 } } }, response: readResponses('An indicator') },
  }, async (request, reply) => {
    try {
      const h = await indicatorHistory(db, request.viewer, request.params.ref);
      const { id: _id, ...indicator } = h.indicator;
      return { indicator, values: h.values };
    } catch (e) {
      if (e instanceof NotFoundError) return notFound(reply, `The indicator "${request.params.ref}"`);
      throw e;
    }
  });
};

export default data;

const importSchema = {
  type: 'object', required: ['kind', 'fileName', 'contentBase64'], additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: ['indicators', 'indicator-values', 'revenue', 'capital'] },
    period: { type: 'string', maxLength: 20, description: 'Month 2025-06, quarter 2025-26 Q1 or year 2025-26 (required for budgets)' },
    fileName: { type: 'string', maxLength: 200, description: 'Ends .csv or .xlsx' },
    contentBase64: { type: 'string' },
    threshold: { type: 'number', description: "Variances over this many £'000s need narrative (default 100)" },
    dryRun: { type: 'boolean', description: 'Check only: report the problems and write nothing' },
    publish: { type: 'boolean', description: 'Publish what was imported if its checks pass' },
  },
} as const;

/** Importing figures through the API: Democratic Services only; the same checks and versions as `moot data import`. */
export const dataWrite: FastifyPluginAsync<{ store: Store; today: () => string }> = async (app, { store, today }) => {
  const guard = requireAction('manage-record');
  app.post<{ Body: { kind: DataFileKind; period?: string; fileName: string; contentBase64: string; threshold?: number; dryRun?: boolean; publish?: boolean } }>('/v1/data/imports', {
    preValidation: guard,
    schema: { tags: ['performance and budgets'], summary: 'Import indicators, indicator values or a revenue/capital report (CSV or XLSX, layout in docs/data-import.md); every problem at once, nothing written on error', security: [{ bearerAuth: [] }], body: importSchema,
      response: { 200: { type: 'object', additionalProperties: true }, 201: { type: 'object', additionalProperties: true }, 400: { type: 'object', additionalProperties: true }, 401: { type: 'object', additionalProperties: true }, 403: { type: 'object', additionalProperties: true }, 422: { type: 'object', additionalProperties: true } } },
  }, async (request, reply) => {
    const b = request.body;
    const actor = actorOf(request.account!);
    const bytes = new Uint8Array(Buffer.from(b.contentBase64, 'base64'));
    const result = await importDataFile(store.db, actor, {
      fileName: b.fileName, bytes, kind: b.kind, period: b.period ?? null, dryRun: b.dryRun,
      narrativeThreshold: b.threshold === undefined ? undefined : Math.round(b.threshold * 100_000),
    });
    if (result.outcome.problems.length) {
      reply.code(422);
      return { error: 'unprocessable', message: `${result.outcome.problems.length} problem(s); nothing was imported`, problems: result.outcome.problems.map((p) => ({ ...p, text: formatProblem(p) })) };
    }
    if (!result.saved) return { dryRun: true, rows: result.outcome.rowCount, problems: [] };
    const published: string[] = [];
    const refused: { period: string; problems: string[] }[] = [];
    if (b.publish && b.kind !== 'indicators') {
      for (const s of result.saved.saved) {
        try {
          await publishDataSet(store.db, actor, s.dataSetId);
          published.push(s.period);
        } catch (e) {
          if (e instanceof PublicationRefused) refused.push({ period: s.period, problems: e.problems.map((p) => p.message) });
          else throw e;
        }
      }
    }
    reply.code(201);
    return { saved: result.saved.saved, indicatorsAdded: result.saved.indicatorsAdded, indicatorsChanged: result.saved.indicatorsChanged,
      publicationProblems: result.saved.publicationProblems.map((p) => p.message), published, refused };
  });

  // ---------------------------------------------------------------- a period's figures: publication and agenda items
  const dataSetParams = z.strictObject({ kind: z.enum(PERIOD_KINDS), period: z.string().regex(/^[A-Za-z0-9-]+$/).max(20).describe('The period as in its address: 2025-06, 2025-26-q1, 2025-26') });
  const itemParams = dataSetParams.extend({ itemId: z.coerce.number().int().positive().max(2 ** 31 - 1) });
  const attachBody = z.strictObject({ agendaItemId: z.number().int().positive().describe('An item of a meeting still to be held') });
  const refusedSchema = { ...errorSchema, description: 'Publication refused: every check that failed', properties: { ...errorSchema.properties, problems: {
    type: 'array', items: { type: 'object', additionalProperties: true, properties: { table: { type: 'string' }, row: { type: ['integer', 'null'] }, column: { type: ['string', 'null'] }, message: { type: 'string' } } } } } };
  const writeDoc = (summary: string, description: string, status = 200) => ({ tags: ['performance and budgets'], summary, security: [{ bearerAuth: [] }], response: { ...writeResponses(description, status), 422: refusedSchema } });
  /** The data set a path names, drafts included (only Democratic Services reach these routes). */
  const dataSetOf = async (request: FastifyRequest<{ Params: { kind: string; period: string } }>) => {
    let code: string;
    try {
      code = periodFromSlug(request.params.period).code;
    } catch {
      throw new NotFoundError(`The ${request.params.kind} figures for ${request.params.period}`);
    }
    return dataSetFor(store.db, request.viewer, request.params.kind as DataKind, code);
  };
  const state = (ds: { kind: string; period: string; title: string; currentVersion: number | null; publishedVersion: number | null }) =>
    ({ kind: ds.kind, period: ds.period, title: ds.title, version: ds.currentVersion, publishedVersion: ds.publishedVersion, url: `/api/v1/data-sets/${ds.kind}/${ds.period.toLowerCase().replace(/\s+/g, '-')}` });

  app.post<{ Params: { kind: string; period: string } }>('/v1/data-sets/:kind/:period/publication', {
    preValidation: guard, ...zodRoute({ params: dataSetParams }, writeDoc('Publish the current version of a period\u2019s figures, after the arithmetic checks (422 lists every check that failed)', 'The data set')),
  }, async (request, reply) => {
    const ds = await dataSetOf(request);
    try {
      return state(await publishDataSet(store.db, actorOf(request.account!), ds.id));
    } catch (e) {
      if (!(e instanceof PublicationRefused)) throw e;
      reply.code(422);
      return { error: 'unprocessable', message: e.message, field: 'checks', problems: e.problems };
    }
  });

  app.delete<{ Params: { kind: string; period: string } }>('/v1/data-sets/:kind/:period/publication', {
    preValidation: guard, ...zodRoute({ params: dataSetParams }, writeDoc('Withdraw a period\u2019s figures from the public (their versions stay)', 'The data set')),
  }, async (request) => {
    const ds = await dataSetOf(request);
    await unpublishDataSet(store.db, actorOf(request.account!), ds.id);
    return state(await dataSetFor(store.db, request.viewer, ds.kind, ds.period));
  });

  app.post<{ Params: { kind: string; period: string }; Body: z.output<typeof attachBody> }>('/v1/data-sets/:kind/:period/agenda-items', {
    preValidation: guard, ...zodRoute({ params: dataSetParams, body: attachBody }, writeDoc('Add the report of a period\u2019s figures to an agenda item of a meeting still to be held (printed in the pack)', 'Attached', 201)),
  }, async (request, reply) => {
    const ds = await dataSetOf(request);
    const added = await attachDataSetToComingItem(store.db, actorOf(request.account!), request.body.agendaItemId, ds.id, today());
    reply.code(added ? 201 : 200);
    return { dataSet: state(ds), agendaItemId: request.body.agendaItemId, attached: true };
  });

  app.delete<{ Params: { kind: string; period: string; itemId: number } }>('/v1/data-sets/:kind/:period/agenda-items/:itemId', {
    preValidation: guard, ...zodRoute({ params: itemParams }, writeDoc('Remove the report of a period\u2019s figures from an agenda item', 'Removed')),
  }, async (request, reply) => {
    const ds = await dataSetOf(request);
    const removed = await detachDataSet(store.db, actorOf(request.account!), request.params.itemId, ds.id);
    if (!removed) return notFound(reply, `The figures on agenda item ${request.params.itemId}`);
    return { dataSet: state(ds), agendaItemId: request.params.itemId, attached: false };
  });
};
