// Performance and budget figures in the workspace (issue 14): a clerk uploads a spreadsheet, sees every problem
// against its sheet, row and cell (nothing is written while there is one), corrects the file and uploads it again;
// a file without problems becomes a draft version, shown here with its RAG ratings, computed totals and the
// arithmetic checks publication applies; the clerk adds the generated report to an agenda item and publishes.
//
// Drafts are shown only through the data service, which asks policy.can (src/domain/visibility.ts) whether the
// viewer may read unpublished figures; the public pages never see them. The upload is multipart, parsed in this
// plugin's scope so the CSRF check sees the form's token (see papers.ts).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { parsePeriod } from '../../../domain/indicators.js';
import { NotFoundError } from '../../../errors.js';
import { acceptMultipart, type UploadedFile } from '../../../http/multipart.js';
import { dataTemplate, formatProblem, importDataFile, MAX_DATA_FILE_BYTES, type DataFileKind } from '../../../services/data-files.js';
import {
  attachDataSetToComingItem,
  dataReportModel,
  dataSetById,
  dataSetHref,
  DATA_KIND_LABELS,
  detachDataSet,
  itemsOpenForData,
  listAllDataSets,
  listItemData,
  listItemsForDataSet,
  listVersions,
  publicationProblems,
  publishDataSet,
  PublicationRefused,
  unpublishDataSet,
  type DataSetRow,
} from '../../../services/data.js';
import { todayOf, type WorkspaceOptions } from './common.js';
import { formatDisplayDate } from '../../format.js';
import { actor, paramId, postForm, str, type FieldError, type Parsed } from './form.js';

const KINDS: readonly DataFileKind[] = ['indicator-values', 'revenue', 'capital', 'indicators'];
const KIND_HINTS: Record<DataFileKind, string> = {
  'indicator-values': 'Results for a period: one row per indicator (the quarterly performance dashboard)',
  revenue: 'Revenue budget monitoring: cash limits and variances by portfolio and budget line, in £\'000s',
  capital: 'Capital budget monitoring: cash limits by year, variances and re-phasing, in £\'000s',
  indicators: 'The indicator catalogue: references, owners, polarity, and each year\'s target and floor',
};
/** Rows of the file shown under the problems: those with a problem, up to this many. */
const PREVIEW_ROWS = 100;

/** "A" → 0, "AB" → 27: the preview's column index for a problem's column letter. */
function columnIndex(letter: string): number {
  let n = 0;
  for (const ch of letter.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function stateOf(ds: DataSetRow): { text: string; colour: string } {
  if (ds.kind === 'indicators') return { text: 'In use', colour: 'blue' };
  if (ds.publishedVersion === null) return { text: 'Draft: not published', colour: 'yellow' };
  if (ds.publishedVersion !== ds.currentVersion) return { text: `Version ${ds.currentVersion} not published`, colour: 'orange' };
  return { text: 'Published', colour: 'green' };
}

const data: FastifyPluginAsync<WorkspaceOptions> = async (app, options) => {
  const { store } = options;
  // Headroom over the file limit for the other fields and the multipart framing; the file itself is checked below.
  acceptMultipart(app, MAX_DATA_FILE_BYTES + 1024 * 1024);

  app.get('/workspace/data', async (request, reply) => {
    const q = request.query as Record<string, string>;
    const sets = await listAllDataSets(store.db, request.viewer);
    const attached = new Map<number, number>();
    for (const ds of sets) attached.set(ds.id, (await listItemsForDataSet(store.db, ds.id)).length);
    const notice = q.imported ? `Figures imported: ${q.imported}` : null;
    return reply.render('pages/workspace/data-sets.njk', {
      pageTitle: 'Performance and budgets', columnClass: 'govuk-grid-column-full', notice,
      sets: sets.map((ds) => ({ ...ds, kindLabel: DATA_KIND_LABELS[ds.kind], state: stateOf(ds), items: attached.get(ds.id) ?? 0 })),
      templates: KINDS.map((k) => ({ kind: k, label: DATA_KIND_LABELS[k] })),
    });
  });

  app.get<{ Params: { file: string } }>('/workspace/data/templates/:file', async (request, reply) => {
    const m = /^(indicators|indicator-values|revenue|capital)\.(csv|xlsx)$/.exec(request.params.file);
    if (!m) return reply.callNotFound();
    const bytes = await dataTemplate(m[1] as DataFileKind, m[2] as 'csv' | 'xlsx');
    return reply
      .type(m[2] === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="moot-${m[1]}-template.${m[2]}"`)
      .send(Buffer.from(bytes));
  });

  const uploadView = (values: Record<string, string>) => ({
    pageTitle: 'Upload figures', values,
    kindItems: KINDS.map((k) => ({ value: k, text: DATA_KIND_LABELS[k], hint: { text: KIND_HINTS[k] }, checked: values.kind === k })),
  });

  app.get('/workspace/data/upload', async (request, reply) => {
    const q = request.query as Record<string, string>;
    const values = { kind: KINDS.includes(q.kind as DataFileKind) ? q.kind : '', period: typeof q.period === 'string' ? q.period : '', threshold: '' };
    return reply.render('pages/workspace/data-upload.njk', uploadView(values));
  });

  /** The upload form's typed fields, to show again (the file and the CSRF token are not). */
  const typedValues = (form: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(form).filter(([k, v]) => typeof v === 'string' && k !== '_csrf')) as Record<string, string>;

  /** The upload form read: kind, period, threshold and the file, or an error on each field wrong. */
  const readUpload = (form: Record<string, unknown>): Parsed<{ kind: DataFileKind; period: string; threshold: number | undefined; file: UploadedFile }> => {
    const values = typedValues(form);
    const errors: FieldError[] = [];
    const kind = values.kind as DataFileKind;
    if (!KINDS.includes(kind)) errors.push({ field: 'kind', text: 'Select what the file holds' });
    const period = (values.period ?? '').trim();
    if (period) {
      try {
        parsePeriod(period);
      } catch (e) {
        errors.push({ field: 'period', text: `Enter the period like 2025-06 (a month), 2025-26 Q1 (a quarter) or 2025-26 (a year): ${(e as Error).message}` });
      }
    } else if (kind === 'revenue' || kind === 'capital') {
      errors.push({ field: 'period', text: 'Enter the period the budget report covers, for example 2025-06' });
    }
    const thresholdText = (values.threshold ?? '').trim();
    const threshold = thresholdText === '' ? undefined : Number(thresholdText.replace(/,/g, ''));
    if (threshold !== undefined && (!Number.isFinite(threshold) || threshold < 0)) errors.push({ field: 'threshold', text: 'Enter the narrative threshold as a number of £\'000s, for example 100' });
    const file = form.file as UploadedFile | undefined;
    if (!file || typeof file !== 'object' || !file.bytes) errors.push({ field: 'file', text: 'Select a CSV or XLSX file to upload' });
    else if (file.bytes.byteLength > MAX_DATA_FILE_BYTES) errors.push({ field: 'file', text: `"${file.fileName}" is ${(file.bytes.byteLength / 1048576).toFixed(1)} MB; the largest file accepted is ${MAX_DATA_FILE_BYTES / 1048576} MB` });
    else if (!/\.(csv|xlsx)$/i.test(file.fileName)) errors.push({ field: 'file', text: `"${file.fileName}" is not a CSV or XLSX file: the file name must end in .csv or .xlsx` });
    return errors.length || !file ? { ok: false, errors } : { ok: true, data: { kind, period, threshold, file } };
  };

  app.post('/workspace/data/upload', (request, reply) => postForm(request, reply, {
    schema: readUpload,
    fallbackField: 'file',
    rerender: (form, errors) => reply.render('pages/workspace/data-upload.njk', { ...uploadView(typedValues(form)), pageTitle: 'Error: Upload figures', ...errors }),
    save: async ({ kind, period, threshold, file }, form) => {
      const values = typedValues(form);
      const result = await importDataFile(store.db, actor(request), {
        fileName: file.fileName, bytes: file.bytes, kind, period: period || null,
        narrativeThreshold: threshold === undefined ? undefined : Math.round(threshold * 100_000),
      });
      const problems = result.outcome.problems;
      if (problems.length || !result.saved) {
        // Every problem at once, each linked to its cell in the rows shown below; nothing was written.
        const preview = result.outcome.preview;
        const anchor = (row: number | null, column: string | null) => (row === null ? 'file-problems' : column ? `cell-${row}-${column}` : `row-${row}`);
        const byCell = new Map<string, string[]>();
        const byRow = new Map<number, string[]>();
        for (const p of problems) {
          if (p.row === null) continue;
          if (p.column) byCell.set(`${p.row}:${columnIndex(p.column)}`, [...(byCell.get(`${p.row}:${columnIndex(p.column)}`) ?? []), p.message]);
          else byRow.set(p.row, [...(byRow.get(p.row) ?? []), p.message]);
        }
        const problemRows = new Set(problems.map((p) => p.row).filter((r): r is number => r !== null));
        const rows = preview ? preview.rows.filter((r) => problemRows.has(r.row)).slice(0, PREVIEW_ROWS) : [];
        const letters = preview ? preview.headings.map((_, i) => { let s = ''; for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s; return s; }) : [];
        const shown = new Set(rows.map((r) => r.row));
        reply.code(422);
        return reply.render('pages/workspace/data-upload.njk', {
          ...uploadView(values), pageTitle: 'Error: Upload figures', columnClass: 'govuk-grid-column-full',
          errorList: problems.map((p) => ({ text: formatProblem(p), href: `#${p.row !== null && !shown.has(p.row) ? 'file-problems' : anchor(p.row, p.column)}` })),
          fileName: file.fileName, problemCount: problems.length, rowCount: result.outcome.rowCount,
          preview: preview && {
            sheet: preview.sheet, headerRow: preview.headerRow, letters, headings: preview.headings,
            rows: rows.map((r) => ({
              row: r.row, rowProblems: byRow.get(r.row) ?? [],
              cells: r.cells.map((text, i) => ({ text, letter: letters[i], problems: byCell.get(`${r.row}:${i}`) ?? [] })),
            })),
            more: problemRows.size > rows.length ? problemRows.size - rows.length : 0,
          },
          fileProblems: problems.filter((p) => p.row === null || !shown.has(p.row)).map(formatProblem),
        });
      }
      const saved = result.saved.saved;
      if (saved.length === 1 && kind !== 'indicators') {
        return `/workspace/data/${saved[0].dataSetId}?imported=${saved[0].changed ? 'new' : 'same'}`;
      }
      const summary = kind === 'indicators'
        ? `${result.saved.indicatorsAdded} indicators added, ${result.saved.indicatorsChanged} changed`
        : `${saved.filter((s) => s.changed).length} of ${saved.length} periods with new figures`;
      return `/workspace/data?imported=${encodeURIComponent(summary)}`;
    },
  }));

  async function dataSetOr404(request: FastifyRequest, reply: FastifyReply): Promise<DataSetRow | null> {
    const id = paramId(request);
    try {
      if (id) return await dataSetById(store.db, request.viewer, id);
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
    reply.callNotFound();
    return null;
  }

  async function dataSetPage(request: FastifyRequest, ds: DataSetRow, extra: Record<string, unknown> = {}) {
    const [versions, problems, items, open] = await Promise.all([
      listVersions(store.db, ds.id), ds.kind === 'indicators' ? [] : publicationProblems(store.db, ds.id),
      listItemsForDataSet(store.db, ds.id), itemsOpenForData(store.db, todayOf(options)),
    ]);
    // The draft as the pack and the item page will print it: RAG ratings, directions, computed totals, charts.
    const model = ds.kind === 'indicators' ? null : await dataReportModel(store.db, request.viewer, ds, 'current');
    const onItems = new Set(items.map((i) => i.itemId));
    const openItems = open.filter((i) => !onItems.has(i.id));
    const attachedElsewhere = new Map<number, number>();
    for (const d of await listItemData(store.db, openItems.map((i) => i.id))) attachedElsewhere.set(d.agendaItemId, (attachedElsewhere.get(d.agendaItemId) ?? 0) + 1);
    return {
      pageTitle: ds.title, columnClass: 'govuk-grid-column-full', dataSet: ds, state: stateOf(ds), versions, model, items,
      problems: problems.map((p) => ({ ...p, where: [p.table, p.row !== null ? `row ${p.row}` : null, p.column].filter(Boolean).join(', ') })),
      publicHref: ds.publishedVersion !== null && ds.kind !== 'indicators' ? dataSetHref(ds) : null,
      uploadHref: `/workspace/data/upload?kind=${ds.kind}${ds.kind === 'indicators' ? '' : `&period=${encodeURIComponent(ds.period)}`}`,
      itemOptions: [{ value: '', text: 'Choose an agenda item' }, ...openItems.map((i) => ({
        value: String(i.id), text: `${i.bodyName}, ${formatDisplayDate(i.date)}: ${i.code}. ${i.title}${i.exempt ? ' (exempt)' : ''}${attachedElsewhere.get(i.id) ? ' (has figures already)' : ''}`,
      }))],
      ...extra,
    };
  }

  app.get('/workspace/data/:id', async (request, reply) => {
    const ds = await dataSetOr404(request, reply);
    if (!ds) return reply;
    const q = request.query as Record<string, string>;
    const notice = q.imported === 'new' ? `Version ${ds.currentVersion} imported: a draft until it is published`
      : q.imported === 'same' ? 'The file holds the same figures as the current version: nothing changed'
      : q.published ? `Version ${ds.publishedVersion} published` : q.withdrawn ? 'Withdrawn from the public'
      : q.attached ? 'Added to the agenda item' : q.removed ? 'Removed from the agenda item' : null;
    return reply.render('pages/workspace/data-set.njk', { ...(await dataSetPage(request, ds)), notice });
  });

  app.post('/workspace/data/:id/publish', async (request, reply) => {
    const ds = await dataSetOr404(request, reply);
    if (!ds) return reply;
    return postForm(request, reply, {
      fallbackField: 'checks',
      // Each check publication failed, linked to the list of checks.
      refused: (e) => (e instanceof PublicationRefused
        ? e.problems.map((p) => ({ field: 'checks', text: `${[p.table, p.row !== null ? `row ${p.row}` : null, p.column].filter(Boolean).join(', ')}: ${p.message}` })) : null),
      save: async () => {
        await publishDataSet(store.db, actor(request), ds.id);
        return `/workspace/data/${ds.id}?published=1`;
      },
      rerender: async (_form, errors) => reply.render('pages/workspace/data-set.njk', { ...(await dataSetPage(request, ds)), pageTitle: `Error: ${ds.title}`, ...errors }),
    });
  });

  app.post('/workspace/data/:id/withdraw', async (request, reply) => {
    const ds = await dataSetOr404(request, reply);
    if (!ds) return reply;
    await unpublishDataSet(store.db, actor(request), ds.id);
    return reply.redirect(`/workspace/data/${ds.id}?withdrawn=1`, 303);
  });

  app.post('/workspace/data/:id/attach', async (request, reply) => {
    const ds = await dataSetOr404(request, reply);
    if (!ds) return reply;
    return postForm(request, reply, {
      schema: (form): Parsed<number> => {
        const raw = str(form, 'item');
        return /^\d+$/.test(raw) ? { ok: true, data: Number(raw) } : { ok: false, errors: [{ field: 'item', text: 'Choose the agenda item of a meeting still to be held' }] };
      },
      fallbackField: 'item',
      save: async (itemId) => {
        // The service checks the item is of a meeting still to be held (the API asks the same).
        await attachDataSetToComingItem(store.db, actor(request), itemId, ds.id, todayOf(options));
        return `/workspace/data/${ds.id}?attached=1`;
      },
      rerender: async (_form, errors) => reply.render('pages/workspace/data-set.njk', { ...(await dataSetPage(request, ds)), pageTitle: `Error: ${ds.title}`, ...errors }),
    });
  });

  app.post('/workspace/data/:id/detach', async (request, reply) => {
    const ds = await dataSetOr404(request, reply);
    if (!ds) return reply;
    const raw = String((request.body as Record<string, unknown> | undefined)?.item ?? '');
    if (/^\d+$/.test(raw)) await detachDataSet(store.db, actor(request), Number(raw), ds.id);
    return reply.redirect(`/workspace/data/${ds.id}?removed=1`, 303);
  });
};

export default data;
