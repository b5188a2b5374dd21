// Meetings: the list, scheduling one meeting or a year's series, the meeting's page and its status actions.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { WEEKDAY_NAMES } from '../../../domain/dates.js';
import { councilCalendar, meetingOr404, selectItems, sharedRows, todayOf, meetingLabel, type WorkspaceOptions } from './common.js';
import { RECORD_TAG } from '../../../services/change-scope.js';
import { formatDisplayDate } from '../../format.js';
import { actor, inSentence, checkbox, choice, clockTime, dateOf, dateParts, idOf, isoDate, optionalText, parseForm, postForm, requiredText, str } from './form.js';
import { loadAgenda } from '../../../services/agenda.js';
import { listPublications } from '../../../services/publication/publish.js';
import { ValidationError } from '../../../errors.js';
import { withheldAgenda } from './publish.js';
import { listBodies } from '../../../services/bodies.js';
import { cancelOrPostpone, getMeeting, listMeetings, markHeld, scheduleMeetings, scheduleSeries, type SeriesPattern } from '../../../services/meetings.js';
import { getAttendance, getMinutes } from '../../../services/proceedings.js';

const common = {
  bodyId: idOf('Select the body that is meeting'),
  time: clockTime('start time'),
  venue: requiredText('Enter the venue', 300),
  contactName: optionalText('Contact name', 200),
  contactPhone: optionalText('Contact telephone', 50),
  contactEmail: optionalText('Contact email', 200),
  standing: checkbox,
};
const singleSchema = z.object({ ...common, date: isoDate('meeting date') });
const seriesSchema = z.object({
  ...common,
  from: isoDate('first date of the series'),
  to: isoDate('last date of the series'),
  pattern: choice(['weekly', 'monthly'] as const, 'Select how often the body meets'),
  weekday: z.coerce.number().int().min(1, { error: 'Select the weekday the body meets on' }).max(5, { error: 'Select the weekday the body meets on' }),
  everyWeeks: z.coerce.number({ error: 'Every how many weeks must be a whole number from 1 to 12' }).int().min(1).max(12, { error: 'Every how many weeks must be a whole number from 1 to 12' }).catch(0 as never),
  nth: z.coerce.number().int().refine((n) => [1, 2, 3, 4, -1].includes(n), { error: 'Select which weekday of the month' }).catch(0 as never),
}).superRefine((v, ctx) => {
  if (v.pattern === 'weekly' && !(v.everyWeeks >= 1)) ctx.addIssue({ code: 'custom', path: ['everyWeeks'], message: 'Every how many weeks must be a whole number from 1 to 12' });
  if (v.pattern === 'monthly' && !v.nth) ctx.addIssue({ code: 'custom', path: ['nth'], message: 'Select which weekday of the month' });
});

const WEEKDAYS = [1, 2, 3, 4, 5].map((d) => ({ value: String(d), text: WEEKDAY_NAMES[d] }));

const meetings: FastifyPluginAsync<WorkspaceOptions> = async (app, options) => {
  const { store } = options;
  const bodyItems = async (selected: unknown) => selectItems((await listBodies(store.db)).map((b) => ({ value: b.id, text: b.name })), selected as string, 'Choose a body');
  const contactsOf = (d: { contactName: string | null; contactPhone: string | null; contactEmail: string | null }) =>
    d.contactName ? [{ name: d.contactName, phone: d.contactPhone, email: d.contactEmail }] : [];

  app.get('/workspace/meetings', async (request, reply) => {
    const past = str(request.query as Record<string, string>, 'show') === 'past';
    const today = todayOf(options);
    // Meetings as listed, with their bodies' names: no person in them (RECORD_TAG).
    const rows = await sharedRows(store, request, `meetings:${past ? 'past' : 'next'}:${today}`,
      () => listMeetings(store.db, past ? { to: today, order: 'desc', limit: 100 } : { from: today, limit: 200 }), [RECORD_TAG]);
    return reply.render('pages/workspace/meetings.njk', { pageTitle: past ? 'Past meetings' : 'Meetings', meetings: rows, past, columnClass: 'govuk-grid-column-full' });
  });

  const single = 'pages/workspace/meeting-form.njk';
  app.get('/workspace/meetings/new', async (request, reply) => {
    const bodyId = str(request.query as Record<string, string>, 'body');
    return reply.render(single, { pageTitle: 'Schedule a meeting', values: { bodyId, time: '10:00', standing: 'yes' }, date: dateParts(null), bodyItems: await bodyItems(bodyId) });
  });

  app.post('/workspace/meetings/new', (request, reply) => postForm(request, reply, {
    schema: (form) => parseForm(singleSchema, { ...form, date: dateOf(form, 'date') }),
    fallbackField: 'bodyId',
    dateFields: ['date'],
    save: async (d) => {
      const calendar = await councilCalendar(store.db);
      if (!calendar.isWorkingDay(d.date)) throw new ValidationError(`The meeting date ${formatDisplayDate(d.date)} is not a working day (a weekend, bank holiday or closure day)`, 'date');
      const [m] = await scheduleMeetings(store, actor(request), { bodyId: d.bodyId, dates: [d.date], time: d.time, venue: d.venue, contacts: contactsOf(d), withStandingItems: d.standing });
      return `/workspace/meetings/${m.id}?scheduled=1`;
    },
    rerender: async (form, errors) => reply.render(single, { pageTitle: 'Error: Schedule a meeting', values: form, date: { day: str(form, 'date-day'), month: str(form, 'date-month'), year: str(form, 'date-year') }, bodyItems: await bodyItems(str(form, 'bodyId')), ...errors }),
  }));

  const seriesPage = 'pages/workspace/series-form.njk';
  const seriesContext = async (form: Record<string, unknown>) => ({
    values: form, bodyItems: await bodyItems(form.bodyId), weekdays: WEEKDAYS.map((w) => ({ ...w, checked: form.weekday === w.value })),
    from: { day: str(form, 'from-day'), month: str(form, 'from-month'), year: str(form, 'from-year') },
    to: { day: str(form, 'to-day'), month: str(form, 'to-month'), year: str(form, 'to-year') },
  });
  app.get('/workspace/meetings/series', async (_request, reply) =>
    reply.render(seriesPage, { pageTitle: 'Schedule a year\'s meetings', ...(await seriesContext({ time: '10:00', pattern: 'monthly', everyWeeks: '6', nth: '1', standing: 'yes' })) }));

  app.post('/workspace/meetings/series', (request, reply) => postForm(request, reply, {
    schema: (form) => parseForm(seriesSchema, { ...form, from: dateOf(form, 'from'), to: dateOf(form, 'to') }),
    fallbackField: 'bodyId',
    dateFields: ['from', 'to'],
    save: async (d) => {
      const pattern: SeriesPattern = d.pattern === 'weekly' ? { kind: 'weekly', weekday: d.weekday, everyWeeks: d.everyWeeks } : { kind: 'monthly', weekday: d.weekday, nth: d.nth };
      const { created, skipped } = await scheduleSeries(store, actor(request), { bodyId: d.bodyId, pattern, from: d.from, to: d.to, time: d.time, venue: d.venue, contacts: contactsOf(d), withStandingItems: d.standing });
      return reply.render('pages/workspace/series-done.njk', { pageTitle: 'Meetings scheduled', created, skipped });
    },
    rerender: async (form, errors) => reply.render(seriesPage, { pageTitle: 'Error: Schedule a year\'s meetings', ...(await seriesContext(form)), ...errors }),
  }));

  /** The meeting's page; after a refused status change, with the error summary and the cancel form's values. */
  const meetingPage = async (meeting: NonNullable<Awaited<ReturnType<typeof meetingOr404>>>, extra: Record<string, unknown> = {}) => {
    const [agenda, attendance, minutes, publications] = await Promise.all([loadAgenda(store.db, meeting.id), getAttendance(store.db, meeting.id), getMinutes(store.db, meeting.id), listPublications(store.db, meeting.id)]);
    const approvedAt = meeting.minutes_approved_at_meeting_id
      ? await getMeeting(store.db, meeting.minutes_approved_at_meeting_id) : null;
    return {
      pageTitle: `${extra.errorList ? 'Error: ' : ''}${meetingLabel(meeting)}`, meeting, approvedAt, values: {},
      itemCount: agenda.reduce((n, s) => n + s.items.length, 0), attendanceCount: attendance.length, minuteCount: minutes.length,
      contacts: JSON.parse(meeting.contacts_json) as { name: string }[], withheld: withheldAgenda(publications),
      ...extra,
    };
  };

  app.get('/workspace/meetings/:id', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    const q = request.query as Record<string, string>;
    const notice = q.scheduled ? 'Meeting scheduled' : q.saved ? 'Saved' : null;
    return reply.render('pages/workspace/meeting.njk', await meetingPage(meeting, { notice }));
  });

  const heldSchema = z.object({ heldReason: optionalText('Why the meeting went ahead without a published agenda', 500) });
  app.post('/workspace/meetings/:id/held', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    return postForm(request, reply, {
      schema: heldSchema, fallbackField: 'status',
      // The summary links to the button that was pressed, or to the reason the clerk must give.
      refusal: (fe) => ({ field: fe.field === 'heldReason' ? 'heldReason' : 'mark-held', text: `The meeting cannot be marked as held: ${inSentence(fe.text)}` }),
      save: async (d) => {
        await markHeld(store, actor(request), meeting.id, todayOf(options), d.heldReason);
        return `/workspace/meetings/${meeting.id}?saved=1`;
      },
      rerender: async (form, errors) => reply.render('pages/workspace/meeting.njk',
        await meetingPage(meeting, { values: { heldReason: str(form, 'heldReason') }, heldOpen: !!errors.fieldErrors?.heldReason || !!str(form, 'heldReason'), ...errors })),
    });
  });

  const cancelSchema = z.object({ status: choice(['cancelled', 'postponed'] as const, 'Select whether the meeting is cancelled or postponed'), reason: requiredText('Enter the reason', 500) });
  app.post('/workspace/meetings/:id/cancel', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    return postForm(request, reply, {
      schema: cancelSchema,
      fallbackField: 'status',
      save: async (data) => {
        await cancelOrPostpone(store, actor(request), meeting.id, data.status, data.reason);
        return `/workspace/meetings/${meeting.id}?saved=1`;
      },
      rerender: async (form, errors) => reply.render('pages/workspace/meeting.njk', await meetingPage(meeting, { values: { status: str(form, 'status'), reason: str(form, 'reason') }, cancelOpen: true, ...errors })),
    });
  });
};

export default meetings;
