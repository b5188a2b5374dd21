// The agenda builder: sections, items with codes from the numbering rules, order, withdrawal and deferral.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { EXEMPT_PARAGRAPHS, EXEMPT_PARAGRAPH_DESCRIPTIONS } from '../../../domain/types.js';
import { itemOr404, meetingOr404, selectItems, meetingLabel, type WorkspaceOptions } from './common.js';
import { actor, inSentence, checkbox, idOf, lines, list, optionalText, parseForm, postForm, requiredText, str, type FieldError, type Parsed } from './form.js';
import { addItem, addSection, assignReport, deferItem, type ItemFields, type ItemGuest, itemReports, loadAgenda, meetingDates, meetingsOpenForItems, moveItem, papersByItem, reportAuthors, setWithdrawn, updateItem } from '../../../services/agenda.js';
import { itemPapers, textToParagraphs } from '../../../services/documents.js';
import { REPORT_STATUS_LABELS, type ReportStatus } from '../../../services/reports.js';
import { parseJson } from '../../../services/unit.js';
import { formatDisplayDate } from '../../format.js';
import { addGeneratedPaperItem, GENERATED_PAPER_KINDS, GENERATED_PAPER_TITLES, generatedPapersOn } from '../../../services/executive/papers.js';

const itemSchema = z.object({
  sectionId: idOf('Select the section the item goes in'),
  title: requiredText('Enter the title of the item', 300),
  purpose: optionalText('Purpose', 500),
  presenters: optionalText('Presenters', 1000),
  toFollow: checkbox,
  urgent: checkbox,
  urgentReason: optionalText('Reason for urgency', 1000),
  exempt: checkbox,
  exemptParagraphs: z.array(z.coerce.number().int().min(1).max(7)).catch([] as never),
  publicInterestReason: optionalText('Public interest reason', 2000),
}).superRefine((v, ctx) => {
  if (v.urgent && !v.urgentReason) ctx.addIssue({ code: 'custom', path: ['urgentReason'], message: 'Enter the Chairman\'s reason for taking the item as urgent' });
  if (v.exempt && !v.exemptParagraphs.length) ctx.addIssue({ code: 'custom', path: ['exemptParagraphs'], message: 'Select at least one paragraph of Schedule 12A for an exempt item' });
  if (v.exempt && !v.publicInterestReason) ctx.addIssue({ code: 'custom', path: ['publicInterestReason'], message: 'Enter why the public interest in keeping the item exempt outweighs disclosing it' });
});

const GUEST_ROWS = 3;
const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;

/** Guests from the form's rows (guestName-1, guestRole-1, guestTime-1…); blank rows are skipped. */
export function guestsOf(form: Record<string, unknown>): { guests: ItemGuest[]; errors: FieldError[] } {
  const guests: ItemGuest[] = [];
  const errors: FieldError[] = [];
  for (let n = 1; n <= GUEST_ROWS; n++) {
    const name = str(form, `guestName-${n}`).trim();
    const role = str(form, `guestRole-${n}`).trim();
    const time = str(form, `guestTime-${n}`).trim();
    if (!name && !role && !time) continue;
    if (!name) { errors.push({ field: `guestName-${n}`, text: `Guest ${n}: enter the guest's name` }); continue; }
    if (name.length > 200 || role.length > 300) { errors.push({ field: `guestName-${n}`, text: `Guest ${n}: the name must be 200 characters or fewer and the role 300` }); continue; }
    const m = TIME.exec(time);
    if (time && !m) { errors.push({ field: `guestTime-${n}`, text: `Guest ${n}: enter the time slot as hours and minutes on the 24-hour clock, for example 10:30` }); continue; }
    guests.push({ name, role: role || null, timeSlot: m ? `${m[1].padStart(2, '0')}:${m[2]}` : null });
  }
  return { guests, errors };
}

/** The stored guests as the form's rows. */
function guestValues(json: string): Record<string, string> {
  const out: Record<string, string> = {};
  parseJson<ItemGuest[]>(json, []).slice(0, GUEST_ROWS).forEach((g, i) => {
    out[`guestName-${i + 1}`] = g.name;
    out[`guestRole-${i + 1}`] = g.role ?? '';
    out[`guestTime-${i + 1}`] = g.timeSlot ?? '';
  });
  return out;
}

const toFields = (d: z.infer<typeof itemSchema>): ItemFields => ({
  sectionId: d.sectionId, title: d.title, purpose: d.purpose, presenters: lines(d.presenters), toFollow: d.toFollow,
  urgentReason: d.urgent ? d.urgentReason : null, exempt: d.exempt, exemptParagraphs: d.exemptParagraphs, publicInterestReason: d.publicInterestReason,
});

/** Reads the item form: its fields and its guests' rows. */
function readItemForm(form: Record<string, unknown>): Parsed<ItemFields & { guests: ItemGuest[] }> {
  const parsed = parseForm(itemSchema, { ...form, exemptParagraphs: list(form, 'exemptParagraphs') });
  const guests = guestsOf(form);
  const errors: FieldError[] = [...(parsed.ok ? [] : parsed.errors), ...guests.errors];
  return parsed.ok && !errors.length ? { ok: true, data: { ...toFields(parsed.data), guests: guests.guests } } : { ok: false, errors };
}

const agenda: FastifyPluginAsync<WorkspaceOptions> = async (app, { store }) => {
  /** The agenda page; after a refused change, with the error summary (and the section form's values). */
  const agendaPage = async (meeting: NonNullable<Awaited<ReturnType<typeof meetingOr404>>>, extra: Record<string, unknown> = {}) => {
    const sections = await loadAgenda(store.db, meeting.id);
    const papers = await papersByItem(store.db, meeting.id);
    const deferredTo = await meetingDates(store.db, sections.flatMap((s) => s.items.map((i) => i.deferred_to_meeting_id ?? 0)));
    return {
      pageTitle: `${extra.errorList ? 'Error: ' : ''}Agenda: ${meetingLabel(meeting)}`, meeting, columnClass: 'govuk-grid-column-full', values: {},
      sections: sections.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i, papers: papers.get(i.id) ?? [], paragraphs: textToParagraphs(i.exempt_paragraphs), deferredToDate: deferredTo.find((m) => m.id === i.deferred_to_meeting_id)?.date })) })),
      editable: meeting.status === 'scheduled' || meeting.status === 'agenda-published', renumbers: meeting.status === 'scheduled',
      generated: await generatedPaperChoices(meeting.id),
      ...extra,
    };
  };

  /** The papers the pack prints from the record (follow-up schedule, work programme): on the agenda or not yet. */
  const generatedPaperChoices = async (meetingId: number) => {
    const on = await generatedPapersOn(store.db, meetingId);
    return GENERATED_PAPER_KINDS.map((kind) => ({ kind, title: GENERATED_PAPER_TITLES[kind], item: on.find((g) => g.kind === kind) ?? null }));
  };

  app.post<{ Params: { id: string; kind: string } }>('/workspace/meetings/:id/generated/:kind', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    return postForm(request, reply, {
      fallbackField: 'generated',
      refusal: (fe) => ({ field: 'generated', text: fe.text }),
      save: async () => {
        const item = await addGeneratedPaperItem(store.db, actor(request), meeting.id, request.params.kind);
        return `/workspace/meetings/${meeting.id}/agenda#item-${item.itemId}`;
      },
      rerender: async (_form, errors) => reply.render('pages/workspace/agenda.njk', await agendaPage(meeting, errors)),
    });
  });

  app.get('/workspace/meetings/:id/agenda', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    return reply.render('pages/workspace/agenda.njk', await agendaPage(meeting));
  });

  const sectionSchema = z.object({ title: requiredText('Enter the section title', 200), exempt: checkbox });
  app.post('/workspace/meetings/:id/sections', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    return postForm(request, reply, {
      schema: sectionSchema,
      fallbackField: 'title',
      // A refusal about the meeting as a whole (its status) belongs to the section form's title box all the same.
      refusal: (fe) => (fe.field === 'title' || fe.field === 'exempt' ? fe : { field: 'title', text: fe.text }),
      save: async (data) => {
        await addSection(store, actor(request), meeting.id, data);
        return `/workspace/meetings/${meeting.id}/agenda`;
      },
      rerender: async (form, errors) => reply.render('pages/workspace/agenda.njk', await agendaPage(meeting, { values: { title: str(form, 'title'), exempt: str(form, 'exempt') }, ...errors })),
    });
  });

  const formContext = async (meetingId: number, values: Record<string, unknown>) => {
    const sections = await loadAgenda(store.db, meetingId);
    const chosen = list(values, 'exemptParagraphs');
    return {
      values,
      sectionItems: selectItems(sections.map((s) => ({ value: s.id, text: `${s.letter ? `${s.letter}. ` : ''}${s.title}${s.exempt ? ' (exempt)' : ''}` })), values.sectionId as string, 'Choose a section'),
      paragraphItems: EXEMPT_PARAGRAPHS.map((p) => ({ value: String(p), text: `Paragraph ${p}`, hint: { text: EXEMPT_PARAGRAPH_DESCRIPTIONS[p] }, checked: chosen.includes(String(p)) })),
      guestRows: Array.from({ length: GUEST_ROWS }, (_, i) => i + 1),
    };
  };

  app.get('/workspace/meetings/:id/items/new', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    const sectionId = str(request.query as Record<string, string>, 'section');
    return reply.render('pages/workspace/item-form.njk', { pageTitle: 'Add an agenda item', meeting, action: `/workspace/meetings/${meeting.id}/items/new`, ...(await formContext(meeting.id, { sectionId })) });
  });

  app.post('/workspace/meetings/:id/items/new', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    return postForm(request, reply, {
      schema: readItemForm,
      fallbackField: 'title',
      save: async (fields) => {
        await addItem(store, actor(request), meeting.id, fields);
        return `/workspace/meetings/${meeting.id}/agenda`;
      },
      rerender: async (form, errors) => reply.render('pages/workspace/item-form.njk', { pageTitle: 'Error: Add an agenda item', meeting, action: `/workspace/meetings/${meeting.id}/items/new`, ...(await formContext(meeting.id, form)), ...errors }),
    });
  });

  /** The item page: its form, its papers, and the reports assigned to authors (with the assignment form). */
  const itemPage = async (found: NonNullable<Awaited<ReturnType<typeof itemOr404>>>, values: Record<string, unknown>, assign: Record<string, unknown>) => {
    const { item, meeting } = found;
    const [papers, reports, authors] = await Promise.all([itemPapers(store.db, item.id), itemReports(store.db, item.id), reportAuthors(store.db)]);
    return {
      pageTitle: `Item ${item.code}`, meeting, item, action: `/workspace/items/${item.id}`, papers,
      reports: reports.map((r) => ({ ...r, statusLabel: REPORT_STATUS_LABELS[r.status as ReportStatus] ?? r.status })),
      assignable: meeting.status === 'scheduled' || meeting.status === 'agenda-published',
      assign, authorItems: selectItems(authors.map((a) => ({ value: a.id, text: a.jobTitle ? `${a.name}, ${a.jobTitle}` : a.name })), assign.authorPersonId as string, 'Choose an author'),
      ...(await formContext(meeting.id, values)),
    };
  };
  const storedValues = (item: NonNullable<Awaited<ReturnType<typeof itemOr404>>>['item']) => ({
    sectionId: String(item.section_id ?? ''), title: item.title, purpose: item.purpose ?? '', presenters: parseJson<string[]>(item.presenters_json, []).join('\n'),
    toFollow: item.to_follow ? 'yes' : '', urgent: item.urgent_reason ? 'yes' : '', urgentReason: item.urgent_reason ?? '', exempt: item.exempt ? 'yes' : '',
    exemptParagraphs: textToParagraphs(item.exempt_paragraphs).map(String), publicInterestReason: item.public_interest_reason ?? '',
    ...guestValues(item.guests_json),
  });

  app.get('/workspace/items/:id', async (request, reply) => {
    const found = await itemOr404(store.db, request, reply);
    if (!found) return reply;
    const notice = (request.query as Record<string, string>).assigned ? 'Report assigned: it is in the author\'s list of reports' : null;
    return reply.render('pages/workspace/item-form.njk', { ...(await itemPage(found, storedValues(found.item), { reportTitle: found.item.title })), notice });
  });

  const assignSchema = z.object({ authorPersonId: idOf('Select the author who will write the report'), reportTitle: requiredText('Enter the title of the report', 300) });
  app.post('/workspace/items/:id/assign-report', async (request, reply) => {
    const found = await itemOr404(store.db, request, reply);
    if (!found) return reply;
    return postForm(request, reply, {
      schema: assignSchema,
      fallbackField: 'authorPersonId',
      save: async (data) => {
        await assignReport(store, actor(request), found.item.id, { authorPersonId: data.authorPersonId, title: data.reportTitle });
        return `/workspace/items/${found.item.id}?assigned=1#reports`;
      },
      rerender: async (form, errors) => {
        const ctx = await itemPage(found, storedValues(found.item), { authorPersonId: str(form, 'authorPersonId'), reportTitle: str(form, 'reportTitle') });
        return reply.render('pages/workspace/item-form.njk', { ...ctx, pageTitle: `Error: ${ctx.pageTitle}`, ...errors });
      },
    });
  });

  app.post('/workspace/items/:id', async (request, reply) => {
    const found = await itemOr404(store.db, request, reply);
    if (!found) return reply;
    const { item, meeting } = found;
    return postForm(request, reply, {
      schema: readItemForm,
      fallbackField: 'title',
      save: async (fields) => {
        await updateItem(store, actor(request), item.id, fields);
        return `/workspace/meetings/${meeting.id}/agenda`;
      },
      rerender: async (form, errors) => {
        const ctx = await itemPage(found, form, { reportTitle: item.title });
        return reply.render('pages/workspace/item-form.njk', { ...ctx, pageTitle: `Error: ${ctx.pageTitle}`, ...errors });
      },
    });
  });

  /** A move, withdrawal or reinstatement; refused, the agenda again, the summary linking to the item's row. */
  const itemAction = (request: FastifyRequest, reply: FastifyReply, found: NonNullable<Awaited<ReturnType<typeof itemOr404>>>, what: string, act: () => Promise<unknown>) =>
    postForm(request, reply, {
      fallbackField: 'item',
      refusal: (fe) => ({ field: `item-${found.item.id}`, text: `Item ${found.item.code} was not ${what}: ${inSentence(fe.text)}` }),
      save: async () => {
        await act();
        return `/workspace/meetings/${found.meeting.id}/agenda#item-${found.item.id}`;
      },
      rerender: async (_form, errors) => reply.render('pages/workspace/agenda.njk', await agendaPage(found.meeting, errors)),
    });

  for (const direction of ['up', 'down'] as const) {
    app.post(`/workspace/items/:id/move-${direction}`, async (request, reply) => {
      const found = await itemOr404(store.db, request, reply);
      if (!found) return reply;
      return itemAction(request, reply, found, 'moved', () => moveItem(store, actor(request), found.item.id, direction));
    });
  }

  for (const [path, withdrawn] of [['withdraw', true], ['reinstate', false]] as const) {
    app.post(`/workspace/items/:id/${path}`, async (request, reply) => {
      const found = await itemOr404(store.db, request, reply);
      if (!found) return reply;
      return itemAction(request, reply, found, withdrawn ? 'withdrawn' : 'reinstated', () => setWithdrawn(store, actor(request), found.item.id, withdrawn));
    });
  }

  const deferContext = async (found: NonNullable<Awaited<ReturnType<typeof itemOr404>>>, selected: string) => {
    const later = await meetingsOpenForItems(store.db, found.meeting.body_id, found.meeting.date);
    return { pageTitle: `Defer item ${found.item.code}`, ...found, meetingItems: selectItems(later.map((m) => ({ value: m.id, text: formatDisplayDate(m.date) })), selected, 'Choose a meeting'), hasLater: later.length > 0 };
  };

  app.get('/workspace/items/:id/defer', async (request, reply) => {
    const found = await itemOr404(store.db, request, reply);
    if (!found) return reply;
    return reply.render('pages/workspace/defer.njk', await deferContext(found, ''));
  });

  app.post('/workspace/items/:id/defer', async (request, reply) => {
    const found = await itemOr404(store.db, request, reply);
    if (!found) return reply;
    return postForm(request, reply, {
      schema: z.object({ toMeetingId: idOf('Select the meeting to defer the item to') }),
      fallbackField: 'toMeetingId',
      save: async (data) => {
        await deferItem(store, actor(request), found.item.id, data.toMeetingId);
        return `/workspace/meetings/${found.meeting.id}/agenda#item-${found.item.id}`;
      },
      rerender: async (form, errors) => reply.render('pages/workspace/defer.njk', { ...(await deferContext(found, str(form, 'toMeetingId'))), ...errors }),
    });
  });
};

export default agenda;
