// The clerk's screens for the executive cycle: the forward plan (entries, moves, published editions), call-ins
// and their outcomes, the follow-up schedule, and each body's work programme. Thin over services/executive.
import type { FastifyPluginAsync } from 'fastify';
import { CALL_IN_OUTCOME_TEXT, CALL_IN_OUTCOMES, FORWARD_PLAN_EVENT_LABELS, FORWARD_PLAN_STATUS_LABELS } from '../../../domain/executive.js';
import { cabinetMemberTitle, DECISION_TAKER_KINDS, type DecisionTakerKind } from '../../../domain/types.js';
import type { Queryable } from '../../../services/unit.js';
import { addForwardPlanEntry, forwardPlanEntryDetail, forwardPlanWorkspace, moveForwardPlanEntry, publishForwardPlan, publishPrivateMeetingNotice, readForwardPlan, recordPrivateMeetingUrgency } from '../../../services/executive/forward-plan.js';
import { callInDetail, callInsWithSignatories, recordCallInOutcome, refuseCallIn } from '../../../services/executive/call-ins.js';
import { confirmDecision, decisionFormChoices, implementDecision } from '../../../services/executive/decisions.js';
import { addFollowUp, addFollowUpResponse, addWorkProgrammeItem, followUpSchedule, markFollowUpResponse, workProgramme } from '../../../services/executive/scrutiny.js';
import { getBody, listBodies } from '../../../services/bodies.js';
import { todayOf, meetingLabel, type WorkspaceOptions } from './common.js';
import { formatDisplayDate } from '../../format.js';
import { z } from 'zod';
import { actor, dateOf, dateParts, enteredDate, errorPage, isoDate, lines, optionalText, paramId, postForm, requiredText, str } from './form.js';

const STAFF_VIEWER = { kind: 'user', userId: 0, role: 'clerk', personId: null, bodyIds: [], grantedMeetingIds: [] } as const;

export async function formChoices(db: Queryable, today: string, selected: Record<string, unknown>) {
  const { entries, meetings, agendas, awaiting, cabinetMembers } = await decisionFormChoices(db, today);
  const sel = (name: string) => String((selected as Record<string, unknown>)[name] ?? '');
  return {
    entryItems: [{ value: '', text: 'Not on the forward plan' }, ...entries.map((e) => ({ value: String(e.id), text: `${e.title} (${e.taker_name}, expected ${e.expected_on ? formatDisplayDate(e.expected_on) : 'at a meeting'})`, selected: sel('forwardPlanEntryId') === String(e.id) }))],
    meetingItems: [{ value: '', text: 'Not at a meeting (Cabinet Member or officer decision)' }, ...meetings.map((m) => ({ value: String(m.id), text: meetingLabel(m), selected: sel('meetingId') === String(m.id) }))],
    // One group of options per meeting (an <optgroup>), so the item can be chosen without script.
    agendaItemGroups: agendas.map((a) => ({ label: meetingLabel(a.meeting),
      items: a.items.map((i) => ({ value: String(i.id), text: `Item ${i.code}: ${i.title}`, selected: sel('agendaItemId') === String(i.id) })) })),
    // The Cabinet Member who took a Cabinet Member decision (a reconsidered decision, say), entered on their behalf.
    cabinetMemberItems: [{ value: '', text: 'Not a Cabinet Member decision' }, ...cabinetMembers.map((p) => ({ value: String(p.person_id),
      text: `${p.name}, ${cabinetMemberTitle(p.portfolio!)}`,
      selected: sel('takerPersonId') === String(p.person_id) }))],
    reconsiderItems: [{ value: '', text: 'No' }, ...awaiting.map((d) => ({ value: String(d.id), text: `${d.number}: ${d.subject}`, selected: sel('reconsidersDecisionId') === String(d.id) || sel('reconsiders') === String(d.id) }))],
  };
}

const cycle: FastifyPluginAsync<WorkspaceOptions> = async (app, options) => {
  const { store } = options;
  const db = store.db;
  const today = () => todayOf(options);

  // ------------------------------------------------------------ forward plan
  const planPage = async (extra: Record<string, unknown> = {}) => ({
    pageTitle: 'Forward plan', columnClass: 'govuk-grid-column-full', entries: await forwardPlanWorkspace(db), statusLabels: FORWARD_PLAN_STATUS_LABELS,
    editions: (await readForwardPlan(db, STAFF_VIEWER)).editions, publishedOn: dateParts(today()), expectedOn: dateParts(null), values: {},
    takerItems: DECISION_TAKER_KINDS.map((k) => ({ value: k, text: { body: 'Cabinet or a committee', 'cabinet-member': 'A Cabinet Member', officer: 'An officer' }[k] })), ...extra,
  });
  app.get('/workspace/forward-plan', async (request, reply) => {
    const q = request.query as Record<string, string>;
    return reply.render('pages/workspace/forward-plan.njk', await planPage({ notice: q.published ? `Edition ${q.published} of the forward plan published` : q.added ? 'Entry added' : q.moved ? 'Entry updated' : null }));
  });
  app.post('/workspace/forward-plan/entries', async (request, reply) => {
    return postForm(request, reply, {
      fallbackField: 'title',
      dateFields: ['expectedOn', 'publishedOn'],
      save: async (_data, f) => {
        await addForwardPlanEntry(db, actor(request), {
          title: str(f, 'title'), takerKind: (str(f, 'takerKind') || 'body') as DecisionTakerKind, takerName: str(f, 'takerName'), portfolio: str(f, 'portfolio') || null,
          expectedOn: dateOf(f, 'expectedOn') || null, key: str(f, 'key') === 'yes', keyReason: str(f, 'keyReason') || null, divisions: lines(str(f, 'divisions')),
          private: str(f, 'private') === 'yes', exemptParagraphs: str(f, 'exemptParagraphs').split(/[ ,]+/).filter(Boolean).map(Number), privateReason: str(f, 'privateReason') || null,
          documents: str(f, 'documents') || null, consultation: str(f, 'consultation') || null, contact: str(f, 'contact') || null,
        }, today());
        return '/workspace/forward-plan?added=1';
      },
      rerender: async (f, errors) => reply.render('pages/workspace/forward-plan.njk', await planPage({ values: f, expectedOn: { day: str(f, 'expectedOn-day'), month: str(f, 'expectedOn-month'), year: str(f, 'expectedOn-year') }, ...errors })),
    });
  });
  app.post('/workspace/forward-plan/publish', async (request, reply) => {
    return postForm(request, reply, {
      fallbackField: 'publishedOn',
      dateFields: ['expectedOn', 'publishedOn'],
      save: async (_data, f) => {
        const { edition } = await publishForwardPlan(db, actor(request), dateOf(f, 'publishedOn'), str(f, 'note') || null);
        return `/workspace/forward-plan?published=${edition}`;
      },
      rerender: async (f, errors) => reply.render('pages/workspace/forward-plan.njk', await planPage({ publishedOn: { day: str(f, 'publishedOn-day'), month: str(f, 'publishedOn-month'), year: str(f, 'publishedOn-year') }, ...errors })),
    });
  });
  // The entry page's context: its detail, and every form on it (move, notice of reasons, urgency) with its default dates;
  // `extra` carries what a POST redisplays after an error.
  type EntryDetail = NonNullable<Awaited<ReturnType<typeof forwardPlanEntryDetail>>>;
  const entryPage = (detail: EntryDetail, extra: Record<string, unknown>) => ({ pageTitle: detail.entry.title, ...detail, statusLabels: FORWARD_PLAN_STATUS_LABELS, eventLabels: FORWARD_PLAN_EVENT_LABELS, values: {},
    expectedOn: dateParts(null), reasonsOn: dateParts(today()),
    urgencyMeetingOn: dateParts(detail.entry.expected_on), urgencyAgreedOn: dateParts(null), urgencyPublishedOn: dateParts(today()), ...extra });
  app.get('/workspace/forward-plan/entries/:id', async (request, reply) => {
    const detail = await forwardPlanEntryDetail(db, paramId(request) ?? 0);
    if (!detail) return reply.callNotFound();
    const q = request.query as Record<string, string>;
    return reply.render('pages/workspace/forward-plan-entry.njk', entryPage(detail, { notice: q.reasons ? 'Notice of reasons published' : q.urgency ? 'Agreement of urgency recorded and published' : null }));
  });
  app.post('/workspace/forward-plan/entries/:id/move', async (request, reply) => {
    const id = paramId(request) ?? 0;
    return postForm(request, reply, {
      fallbackField: 'to',
      dateFields: ['expectedOn'],
      save: async (_data, f) => {
        await moveForwardPlanEntry(db, actor(request), id, { to: str(f, 'to') as 'deferred', expectedOn: dateOf(f, 'expectedOn') || null, note: str(f, 'note') || null }, today());
        return `/workspace/forward-plan?moved=1`;
      },
      rerender: async (f, errors) => {
        const detail = await forwardPlanEntryDetail(db, id);
        if (!detail) return reply.callNotFound();
        return reply.render('pages/workspace/forward-plan-entry.njk', entryPage(detail, { pageTitle: `Error: ${detail.entry.title}`, expectedOn: enteredDate(f, 'expectedOn'), ...errors }));
      },
    });
  });

  // The notice of reasons for a meeting in private (5 clear days before), with the representations and the response.
  const reasonsSchema = z.preprocess((f) => ({ ...(f as object), publishedOn: dateOf(f as Record<string, unknown>, 'publishedOn') }), z.object({
    publishedOn: isoDate('date the notice of reasons was published'),
    representations: optionalText('Representations and the response', 5000),
  }));
  app.post('/workspace/forward-plan/entries/:id/private-notice', async (request, reply) => {
    const id = paramId(request) ?? 0;
    const detail = await forwardPlanEntryDetail(db, id);
    if (!detail) return reply.callNotFound();
    return postForm(request, reply, {
      schema: reasonsSchema, fallbackField: 'publishedOn', dateFields: ['publishedOn'],
      save: async (data) => {
        await publishPrivateMeetingNotice(db, actor(request), id, { publishedOn: data.publishedOn, representations: data.representations });
        return `/workspace/forward-plan/entries/${id}?reasons=1`;
      },
      rerender: (form, errors) => reply.render('pages/workspace/forward-plan-entry.njk', entryPage(detail, { pageTitle: `Error: ${detail.entry.title}`, reasonsOn: enteredDate(form, 'publishedOn'), values: form, ...errors })),
    });
  });

  // The scrutiny chair's agreement that a meeting in private is urgent, where its notices could not be given in time.
  const urgencySchema = z.preprocess((f) => ({ ...(f as object), meetingOn: dateOf(f as Record<string, unknown>, 'meetingOn'), agreedOn: dateOf(f as Record<string, unknown>, 'agreedOn'),
    urgencyPublishedOn: dateOf(f as Record<string, unknown>, 'urgencyPublishedOn') }), z.object({
    meetingOn: isoDate('date of the meeting in private'),
    agreedBy: requiredText('Enter who agreed the meeting is urgent', 300),
    agreedOn: isoDate('date the chair agreed'),
    urgencyPublishedOn: isoDate('date the notice of the agreement was published'),
    reason: requiredText('Enter why the meeting is urgent and cannot reasonably be deferred', 5000),
  }));
  app.post('/workspace/forward-plan/entries/:id/private-urgency', async (request, reply) => {
    const id = paramId(request) ?? 0;
    const detail = await forwardPlanEntryDetail(db, id);
    if (!detail) return reply.callNotFound();
    return postForm(request, reply, {
      schema: urgencySchema, fallbackField: 'agreedBy', dateFields: ['meetingOn', 'agreedOn', 'urgencyPublishedOn'],
      save: async (data) => {
        await recordPrivateMeetingUrgency(db, actor(request), id, { meetingOn: data.meetingOn, agreedBy: data.agreedBy, agreedOn: data.agreedOn, publishedOn: data.urgencyPublishedOn, reason: data.reason });
        return `/workspace/forward-plan/entries/${id}?urgency=1`;
      },
      // The service names the notice's date publishedOn; on this page (beside the notice of reasons) it is urgencyPublishedOn.
      refusal: (fe) => (fe.field === 'publishedOn' ? { ...fe, field: 'urgencyPublishedOn' } : fe),
      rerender: (form, errors) => reply.render('pages/workspace/forward-plan-entry.njk', entryPage(detail, { pageTitle: `Error: ${detail.entry.title}`,
        urgencyMeetingOn: enteredDate(form, 'meetingOn'), urgencyAgreedOn: enteredDate(form, 'agreedOn'), urgencyPublishedOn: enteredDate(form, 'urgencyPublishedOn'), values: form, ...errors })),
    });
  });

  // ------------------------------------------------------------ call-ins
  app.get('/workspace/call-ins', async (_request, reply) =>
    reply.render('pages/workspace/call-ins.njk', { pageTitle: 'Call-ins', columnClass: 'govuk-grid-column-full', callIns: await callInsWithSignatories(db) }));
  const callInPage = async (id: number, extra: Record<string, unknown> = {}) => {
    const c = await callInDetail(db, id);
    return c ? { pageTitle: `Call-in of decision ${c.decision_number}`, c, outcomeItems: CALL_IN_OUTCOMES.map((o) => ({ value: o, text: `(${o}) ${CALL_IN_OUTCOME_TEXT[o]}` })), outcomeOn: dateParts(today()), ...extra } : null;
  };
  app.get('/workspace/call-ins/:id', async (request, reply) => {
    const ctx = await callInPage(paramId(request) ?? 0, { notice: (request.query as Record<string, string>).done ? 'Saved' : null });
    return ctx ? reply.render('pages/workspace/call-in.njk', ctx) : reply.callNotFound();
  });
  app.post('/workspace/call-ins/:id/outcome', async (request, reply) => {
    const id = paramId(request) ?? 0;
    return postForm(request, reply, {
      fallbackField: 'outcome',
      dateFields: ['outcomeOn'],
      save: async (_data, f) => {
        await recordCallInOutcome(db, actor(request), id, { outcome: str(f, 'outcome'), notes: str(f, 'notes') || null, on: dateOf(f, 'outcomeOn') });
        return `/workspace/call-ins/${id}?done=1`;
      },
      rerender: async (f, errors) => {
        const ctx = await callInPage(id, { values: f, outcomeOn: { day: str(f, 'outcomeOn-day'), month: str(f, 'outcomeOn-month'), year: str(f, 'outcomeOn-year') }, ...errors });
        return ctx ? reply.render('pages/workspace/call-in.njk', ctx) : reply.callNotFound();
      },
    });
  });
  app.post('/workspace/call-ins/:id/refuse', async (request, reply) => {
    const id = paramId(request) ?? 0;
    return postForm(request, reply, {
      fallbackField: 'refusalReason',
      dateFields: ['outcomeOn'],
      save: async (_data, f) => {
        await refuseCallIn(db, actor(request), id, str(f, 'refusalReason'));
        return `/workspace/call-ins/${id}?done=1`;
      },
      rerender: async (f, errors) => {
        const ctx = await callInPage(id, { values: f, ...errors });
        return ctx ? reply.render('pages/workspace/call-in.njk', ctx) : reply.callNotFound();
      },
    });
  });
  for (const action of ['confirm', 'implement'] as const) {
    app.post(`/workspace/decisions/:id/${action}`, async (request, reply) => {
      const id = paramId(request) ?? 0;
      return postForm(request, reply, {
        fallbackField: 'note',
        save: async (_data, f) => {
          if (action === 'confirm') await confirmDecision(db, actor(request), id, dateOf(f, 'on') || today(), str(f, 'note'));
          else await implementDecision(db, actor(request), id, dateOf(f, 'on') || today());
          return `/workspace/decisions/${id}`;
        },
        rerender: (_f, errors) => errorPage(reply, 400, { heading: 'There is a problem', message: errors.errorList[0].text }),
      });
    });
  }

  // ------------------------------------------------------------ follow-up schedule
  const followPage = async (extra: Record<string, unknown> = {}) => ({
    pageTitle: 'Follow-up schedule', columnClass: 'govuk-grid-column-full', entries: await followUpSchedule(db, STAFF_VIEWER, null, today()),
    bodyItems: (await listBodies(db)).map((b) => ({ value: String(b.id), text: b.name })), consideredOn: dateParts(today()), respondedOn: dateParts(today()), values: {}, ...extra,
  });
  app.get('/workspace/follow-up', async (request, reply) => reply.render('pages/workspace/follow-up.njk', await followPage({ notice: (request.query as Record<string, string>).done ? 'Saved' : null })));
  app.post('/workspace/follow-up', async (request, reply) => {
    return postForm(request, reply, {
      fallbackField: 'title',
      dateFields: ['consideredOn'],
      save: async (_data, f) => {
        const recs = lines(str(f, 'recommendations')).map((l) => {
          const [text, ...parts] = l.split('|').map((x) => x.trim());
          return { text, parts };
        });
        await addFollowUp(db, actor(request), { bodyId: Number(str(f, 'bodyId')), title: str(f, 'title'), portfolio: str(f, 'portfolio') || null, synopsis: str(f, 'synopsis') || null, reason: str(f, 'reason') || null, consideredOn: dateOf(f, 'consideredOn'), recommendations: recs });
        return '/workspace/follow-up?done=1';
      },
      rerender: async (f, errors) => reply.render('pages/workspace/follow-up.njk', await followPage({ values: f, consideredOn: { day: str(f, 'consideredOn-day'), month: str(f, 'consideredOn-month'), year: str(f, 'consideredOn-year') }, ...errors })),
    });
  });
  app.post('/workspace/follow-up/recommendations/:id/respond', async (request, reply) => {
    const id = paramId(request) ?? 0;
    return postForm(request, reply, {
      fallbackField: 'text',
      dateFields: [`r${id}-respondedOn`],
      refusal: (fe) => ({ ...fe, field: `r${id}-${fe.field}` }),
      save: async (_data, f) => {
        await addFollowUpResponse(db, actor(request), id, { text: str(f, 'text'), respondedOn: dateOf(f, 'respondedOn') || null, dateActioned: str(f, 'dateActioned'), notes: str(f, 'notes') || null });
        return '/workspace/follow-up?done=1';
      },
      rerender: async (_f, errors) => reply.render('pages/workspace/follow-up.njk', await followPage({ failedRec: id, ...errors })),
    });
  });
  app.post('/workspace/follow-up/recommendations/:id/verdict', async (request, reply) => {
    const id = paramId(request) ?? 0;
    return postForm(request, reply, {
      fallbackField: 'verdict',
      save: async (_data, f) => {
        await markFollowUpResponse(db, actor(request), id, str(f, 'verdict') as 'satisfactory', today());
        return '/workspace/follow-up?done=1';
      },
      rerender: async (_f, errors) => reply.render('pages/workspace/follow-up.njk', await followPage(errors)),
    });
  });

  // ------------------------------------------------------------ work programmes
  const wpPage = async (bodyId: number, extra: Record<string, unknown> = {}) => {
    const body = await getBody(db, bodyId);
    if (!body) return null;
    const wp = await workProgramme(db, bodyId, today());
    return { pageTitle: `Work programme: ${body.name}`, body, wp, meetingItems: [{ value: '', text: 'Unscheduled (other items)' }, ...wp.meetings.map((m) => ({ value: String(m.id), text: formatDisplayDate(m.date) }))], values: {}, ...extra };
  };
  app.get('/workspace/bodies/:id/work-programme', async (request, reply) => {
    const ctx = await wpPage(paramId(request) ?? 0, { notice: (request.query as Record<string, string>).done ? 'Item added' : null });
    return ctx ? reply.render('pages/workspace/work-programme.njk', ctx) : reply.callNotFound();
  });
  app.post('/workspace/bodies/:id/work-programme', async (request, reply) => {
    const bodyId = paramId(request) ?? 0;
    return postForm(request, reply, {
      fallbackField: 'title',
      save: async (_data, f) => {
        await addWorkProgrammeItem(db, actor(request), { bodyId, title: str(f, 'title'), meetingId: str(f, 'meetingId') ? Number(str(f, 'meetingId')) : null, notes: str(f, 'notes') || null, lead: str(f, 'lead') || null }, today());
        return `/workspace/bodies/${bodyId}/work-programme?done=1`;
      },
      rerender: async (f, errors) => {
        const ctx = await wpPage(bodyId, { values: f, ...errors });
        return ctx ? reply.render('pages/workspace/work-programme.njk', ctx) : reply.callNotFound();
      },
    });
  });
};

export default cycle;
