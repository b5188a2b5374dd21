// Attendance on the day: present, apologies or absent for each member of the body on the meeting's date,
// substitutes and whom they replace, people present for one item only, other councillors also present, and officers
// in attendance.
import type { FastifyPluginAsync } from 'fastify';
import { meetingOr404, selectItems, meetingLabel, type WorkspaceOptions } from './common.js';
import { actor, lines, list, postForm, str, type FieldError, type Parsed } from './form.js';
import { loadAgenda } from '../../../services/agenda.js';
import { membershipOn } from '../../../services/bodies.js';
import { listPeople, personDisplayName } from '../../../services/people.js';
import { type AttendanceEntry, getAttendance, recordAttendance } from '../../../services/proceedings.js';

const SUBSTITUTE_ROWS = 3;
const ONE_ITEM_ROWS = 2;
const MARKS = ['present', 'apologies', 'absent'] as const;

const attendance: FastifyPluginAsync<WorkspaceOptions> = async (app, { store }) => {
  const load = async (meeting: { id: number; body_id: number; date: string }) => {
    const [members, councillors, officers, recorded, agenda] = await Promise.all([
      membershipOn(store.db, meeting.body_id, meeting.date), listPeople(store.db, { kind: 'councillor' }), listPeople(store.db, { kind: 'officer' }), getAttendance(store.db, meeting.id),
      loadAgenda(store.db, meeting.id),
    ]);
    const items = agenda.flatMap((s) => s.items).filter((i) => !i.deferred_to_meeting_id);
    return { members: members.filter((m) => m.role !== 'substitute'), councillors, officers, recorded, items };
  };

  const context = async (meeting: NonNullable<Awaited<ReturnType<typeof meetingOr404>>>, form: Record<string, unknown> | null) => {
    const { members, councillors, officers, recorded, items } = await load(meeting);
    const markOf = (personId: number) => form ? str(form, `att-${personId}`) : recorded.find((r) => r.person_id === personId && !r.for_item_id && r.kind !== 'in-attendance' && r.kind !== 'also-present')?.kind ?? '';
    const subs = recorded.filter((r) => r.substitute_for_person_id);
    const oneItem = recorded.filter((r) => r.for_item_id && r.kind === 'present');
    return {
      pageTitle: `Attendance: ${meetingLabel(meeting)}`, meeting,
      members: members.map((m) => ({ personId: m.person_id, name: personDisplayName(m), role: m.role, items: MARKS.map((k) => ({ value: k, text: k.charAt(0).toUpperCase() + k.slice(1), checked: markOf(m.person_id) === k })) })),
      substituteRows: Array.from({ length: SUBSTITUTE_ROWS }, (_, i) => ({
        n: i + 1,
        personItems: selectItems(councillors.map((c) => ({ value: c.id, text: personDisplayName(c) })), form ? str(form, `subPerson-${i + 1}`) : subs[i]?.person_id, 'Nobody'),
        forItems: selectItems(members.map((m) => ({ value: m.person_id, text: personDisplayName(m) })), form ? str(form, `subFor-${i + 1}`) : subs[i]?.substitute_for_person_id, 'Choose a member'),
      })),
      oneItemRows: Array.from({ length: ONE_ITEM_ROWS }, (_, i) => ({
        n: i + 1,
        personItems: selectItems(councillors.map((c) => ({ value: c.id, text: personDisplayName(c) })), form ? str(form, `itemPerson-${i + 1}`) : oneItem[i]?.person_id, 'Nobody'),
        itemItems: selectItems(items.map((it) => ({ value: it.id, text: `${it.code} ${it.title}` })), form ? str(form, `itemFor-${i + 1}`) : oneItem[i]?.for_item_id, 'Choose an item'),
      })),
      alsoPresent: form ? str(form, 'alsoPresent') : recorded.filter((r) => r.kind === 'also-present').map((r) => r.name_as_recorded).join('\n'),
      officerItems: officers.map((o) => ({ value: String(o.id), text: personDisplayName(o), hint: o.job_title ? { text: o.job_title } : undefined,
        checked: form ? list(form, 'officers').includes(String(o.id)) : recorded.some((r) => r.kind === 'in-attendance' && r.person_id === o.id) })),
    };
  };

  app.get('/workspace/meetings/:id/attendance', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    const notice = (request.query as Record<string, string>).saved ? 'Attendance saved' : null;
    return reply.render('pages/workspace/attendance.njk', { ...(await context(meeting, null)), notice });
  });

  app.post('/workspace/meetings/:id/attendance', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    const { members, councillors, officers, items } = await load(meeting);
    return postForm(request, reply, {
      schema: (form): Parsed<AttendanceEntry[]> => {
        const errors: FieldError[] = [];
        const entries: AttendanceEntry[] = [];
        for (const m of members) {
          const mark = str(form, `att-${m.person_id}`);
          if (!MARKS.includes(mark as never)) { errors.push({ field: `att-${m.person_id}`, text: `Select whether ${personDisplayName(m)} was present, sent apologies or was absent` }); continue; }
          const role = m.role === 'chairman' ? 'Chairman' : m.role === 'vice-chairman' ? 'Vice-Chairman' : null;
          entries.push({ personId: m.person_id, name: personDisplayName(m), kind: mark as (typeof MARKS)[number], role });
        }
        for (let n = 1; n <= SUBSTITUTE_ROWS; n++) {
          const who = Number(str(form, `subPerson-${n}`) || 0);
          const forWhom = Number(str(form, `subFor-${n}`) || 0);
          if (!who && !forWhom) continue;
          const sub = councillors.find((c) => c.id === who);
          const replaced = members.find((m) => m.person_id === forWhom);
          if (!sub) { errors.push({ field: `subPerson-${n}`, text: `Substitute ${n}: select the councillor who substituted` }); continue; }
          if (!replaced) { errors.push({ field: `subFor-${n}`, text: `Substitute ${n}: select the member ${personDisplayName(sub)} substituted for` }); continue; }
          if (str(form, `att-${forWhom}`) === 'present') errors.push({ field: `subFor-${n}`, text: `Substitute ${n}: ${personDisplayName(replaced)} is marked present, so nobody can substitute for them` });
          entries.push({ personId: sub.id, name: personDisplayName(sub), kind: 'present', substituteForPersonId: replaced.person_id, substituteForName: personDisplayName(replaced) });
        }
        for (let n = 1; n <= ONE_ITEM_ROWS; n++) {
          const who = Number(str(form, `itemPerson-${n}`) || 0);
          const forItem = Number(str(form, `itemFor-${n}`) || 0);
          if (!who && !forItem) continue;
          const person = councillors.find((c) => c.id === who);
          const item = items.find((i) => i.id === forItem);
          if (!person) { errors.push({ field: `itemPerson-${n}`, text: `Present for one item ${n}: select the councillor who was present` }); continue; }
          if (!item) { errors.push({ field: `itemFor-${n}`, text: `Present for one item ${n}: select the item ${personDisplayName(person)} was present for` }); continue; }
          if (members.some((m) => m.person_id === who) && str(form, `att-${who}`) === 'present') {
            errors.push({ field: `itemPerson-${n}`, text: `Present for one item ${n}: ${personDisplayName(person)} is marked present for the whole meeting` });
            continue;
          }
          entries.push({ personId: person.id, name: personDisplayName(person), kind: 'present', forItemId: item.id });
        }
        for (const name of lines(str(form, 'alsoPresent'))) {
          if (name.length > 200) { errors.push({ field: 'alsoPresent', text: 'Also present: each name must be 200 characters or fewer' }); break; }
          entries.push({ name, kind: 'also-present' });
        }
        for (const id of list(form, 'officers')) {
          const o = officers.find((p) => String(p.id) === id);
          if (o) entries.push({ personId: o.id, name: personDisplayName(o), kind: 'in-attendance', role: o.job_title });
        }
        return errors.length ? { ok: false, errors } : { ok: true, data: entries };
      },
      fallbackField: 'alsoPresent',
      save: async (entries) => {
        await recordAttendance(store, actor(request), meeting.id, entries);
        return `/workspace/meetings/${meeting.id}/attendance?saved=1`;
      },
      rerender: async (form, errors) => {
        const ctx = await context(meeting, form);
        return reply.render('pages/workspace/attendance.njk', { ...ctx, pageTitle: `Error: ${ctx.pageTitle}`, ...errors });
      },
    });
  });
};

export default attendance;
