// The "Open data" page and its downloads: every dataset as CSV and JSON (all years or one), the Popolo / Open
// Civic Data export, and each councillor's voting and attendance record (page and CSV). All built for the public
// viewer by services/open-data.ts, which asks the one visibility rule about every row; kept in memory until the
// record changes (the data version), so a download is regenerated when its year's record does. A year's PDFs as a
// zip (pdfs-YEAR.zip) through the same bulkPdfZip as `moot export bulk --with-pdfs`, streamed as it is made (never
// kept: a year's PDFs can be hundreds of megabytes).
import { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import {
  bulkPdfFiles, bulkPdfZip, councillorRecord, DATASET_DESCRIPTIONS, DATASETS, datasetRows, OPEN_DATA_LICENCE, openDataYears, POPOLO_COLLECTIONS, popoloExport, toCsv,
  type Dataset, type PopoloCollection,
} from '../../../services/open-data.js';
import { dataVersion } from '../../../services/site.js';
import type { Store } from '../../../services/unit.js';
import { origin, publicCache, todayIso } from './http.js';

const FILE = /^(meetings|items|papers|decisions|attendance|votes|popolo(?:-(?:organizations|persons|posts|memberships|events|vote_events))?)(?:-(\d{4}))?\.(csv|json)$/;

const openData: FastifyPluginAsync<{ store: Store; today?: () => string }> = async (app, { store, today }) => {
  // Built downloads, for the data version they were built from.
  let cache = { version: '', builtAt: new Date(), files: new Map<string, unknown>() };
  // Keyed by the day too: a decision's phase (open for call-in, implementable) changes with the day, not the record.
  async function cached<T = string>(name: string, build: () => Promise<T>): Promise<T> {
    const key = `${name}|${todayIso(today)}`;
    const version = await dataVersion(store);
    if (cache.version !== version) cache = { version, builtAt: new Date(), files: new Map() };
    const hit = cache.files.get(key);
    if (hit !== undefined) return hit as T;
    const body = await build();
    if (cache.version === version) cache.files.set(key, body);
    return body;
  }

  /** Per year, the PDFs its zip holds (count and bytes, from the zip's own list), for the page. */
  const pdfSizes = (base: string) => cached(`pdfs-sizes|${base}`, async () => {
    const out = new Map<number, { files: number; bytes: number }>();
    for (const f of await bulkPdfFiles(store, { baseUrl: base })) {
      const y = Number(f.date.slice(0, 4));
      const s = out.get(y) ?? { files: 0, bytes: 0 };
      out.set(y, { files: s.files + 1, bytes: s.bytes + f.size });
    }
    return out;
  });

  const send = (reply: FastifyReply, body: string, format: 'csv' | 'json', name: string) => {
    publicCache(reply, 600);
    return reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
      .header('content-disposition', `${format === 'csv' ? 'attachment' : 'inline'}; filename="${name}"`).header('access-control-allow-origin', '*').send(body);
  };

  app.get('/open-data', async (request, reply) => {
    const years = await openDataYears(store.db);
    const base = origin(request);
    const sizes = new Map<string, number>();
    for (const d of DATASETS) sizes.set(d, Buffer.byteLength(await cached(`${d}.csv|${base}`, async () => toCsv(await datasetRows(store, d, { baseUrl: base, today: todayIso(today) })))));
    const pdfs = await pdfSizes(base);
    const builtOn = cache.builtAt.toISOString().slice(0, 10);
    return reply.render('pages/public/open-data.njk', {
      pageTitle: 'Open data', canonicalUrl: `${base}/open-data`, licence: OPEN_DATA_LICENCE, years, base,
      datasets: DATASETS.map((d) => ({ name: d, description: DATASET_DESCRIPTIONS[d], size: sizes.get(d) ?? 0 })),
      pdfs: Object.fromEntries(years.map((y) => [y, pdfs.get(y) ?? { files: 0, bytes: 0 }])), builtOn,
      popolo: POPOLO_COLLECTIONS, generatedFor: (await dataVersion(store)).slice(0, 12),
      breadcrumbs: [{ text: 'Home', href: '/' }],
    });
  });

  // A year's public PDFs (papers and agenda packs) in one zip; a year with no record has none (404).
  app.get<{ Params: { year: string } }>('/open-data/pdfs-:year(^\\d{4}).zip', async (request, reply) => {
    const year = Number(request.params.year);
    if (!(await openDataYears(store.db)).includes(year)) return reply.callNotFound();
    const { chunks } = await bulkPdfZip(store, { baseUrl: origin(request), year });
    publicCache(reply, 600);
    return reply.type('application/zip').header('content-disposition', `attachment; filename="pdfs-${year}.zip"`)
      .header('access-control-allow-origin', '*').send(Readable.from(chunks));
  });

  app.get<{ Params: { file: string } }>('/open-data/:file', async (request, reply) => {
    const m = FILE.exec(request.params.file);
    if (!m) return reply.callNotFound();
    const [, what, yearText, format] = m;
    const year = yearText ? Number(yearText) : undefined;
    if (year !== undefined && !(await openDataYears(store.db)).includes(year)) return reply.callNotFound();
    const base = origin(request);
    if (what.startsWith('popolo')) {
      if (format !== 'json') return reply.callNotFound();
      const collection = what.slice('popolo-'.length) as PopoloCollection | '';
      const body = await cached(`${what}|${year}|${base}`, async () => {
        const all = await popoloExport(store, { baseUrl: base, year });
        return JSON.stringify(collection ? all[collection] : all);
      });
      return send(reply, body, 'json', request.params.file);
    }
    const dataset = what as Dataset;
    const body = await cached(`${dataset}.${format}|${year}|${base}`, async () => {
      const rows = await datasetRows(store, dataset, { baseUrl: base, year, today: todayIso(today) });
      return format === 'csv' ? toCsv(rows) : JSON.stringify({ dataset, year: year ?? null, licence: OPEN_DATA_LICENCE.name, rows });
    });
    return send(reply, body, format as 'csv' | 'json', request.params.file);
  });

  app.get<{ Params: { slug: string } }>('/people/:slug/votes', async (request, reply) => {
    const record = await councillorRecord(store, request.params.slug);
    if (!record) return reply.callNotFound();
    const base = origin(request);
    return reply.render('pages/public/person-votes.njk', {
      pageTitle: `${record.person.name}: voting and attendance record`, canonicalUrl: `${base}/people/${record.person.slug}/votes`, record,
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Councillors', href: '/people' }, { text: record.person.name, href: `/people/${record.person.slug}` }],
    });
  });

  app.get<{ Params: { slug: string } }>('/people/:slug/votes.csv', async (request, reply) => {
    const record = await councillorRecord(store, request.params.slug);
    if (!record) return reply.callNotFound();
    const base = origin(request);
    const rows = record.votes.map((v) => ({ date: v.date, body: v.body, minute: v.minute, item: v.item, motion: v.motion, vote: v.vote, result: v.result,
      for: v.for, against: v.against, abstained: v.abstained, url: `${base}/meetings/${v.meetingSlug}#minutes` }));
    return send(reply, toCsv(rows, ['date', 'body', 'minute', 'item', 'motion', 'vote', 'result', 'for', 'against', 'abstained', 'url']), 'csv', `${record.person.slug}-votes.csv`);
  });

  app.get<{ Params: { slug: string } }>('/people/:slug/attendance.csv', async (request, reply) => {
    const record = await councillorRecord(store, request.params.slug);
    if (!record) return reply.callNotFound();
    const base = origin(request);
    const rows = record.attendance.map((a) => ({ date: a.date, body: a.body, attendance: a.attendance, substitute_for: a.substituteFor, url: `${base}/meetings/${a.meetingSlug}` }));
    return send(reply, toCsv(rows, ['date', 'body', 'attendance', 'substitute_for', 'url']), 'csv', `${record.person.slug}-attendance.csv`);
  });
};

export default openData;
