// Bodies: list, add, edit, and the seats each political group holds on them.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AGENDA_STYLES, BODY_KINDS, BODY_KIND_LABELS, membershipRoleText } from '../../../domain/types.js';
import { selectItems, type WorkspaceOptions } from './common.js';
import { actor, choice, optionalText, paramId, postForm, requiredText, str, type FieldError, type Parsed } from './form.js';
import { addBodyWithNewName, allocateSeats, bodyMembers, getBody, getSeats, listBodies, recentMeetingsOfBody, updateBody } from '../../../services/bodies.js';
import { listGroups, personDisplayName } from '../../../services/people.js';

const bodySchema = z.object({
  name: requiredText('Enter the name of the body', 200),
  kind: choice(BODY_KINDS, 'Select what kind of body it is'),
  size: z.string().optional().transform((s) => (s ?? '').trim())
    .refine((s) => s === '' || (/^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 500), { error: 'Number of seats must be a whole number from 1 to 500, or left empty' })
    .transform((s) => (s === '' ? null : Number(s))),
  agendaStyle: choice(AGENDA_STYLES, 'Select how agenda items are numbered'),
  purpose: optionalText('Purpose', 2000),
});

const kindItems = (selected: string | null | undefined) => selectItems(BODY_KINDS.map((k) => ({ value: k, text: BODY_KIND_LABELS[k] })), selected, 'Choose a kind of body');

const bodies: FastifyPluginAsync<WorkspaceOptions> = async (app, { store }) => {
  app.get('/workspace/bodies', async (_request, reply) =>
    reply.render('pages/workspace/bodies.njk', { pageTitle: 'Bodies', bodies: await listBodies(store.db), columnClass: 'govuk-grid-column-full' }));

  const formPage = 'pages/workspace/body-form.njk';
  app.get('/workspace/bodies/new', async (_request, reply) =>
    reply.render(formPage, { pageTitle: 'Add a body', action: '/workspace/bodies/new', values: { agendaStyle: 'numbered' }, kindItems: kindItems(null) }));

  app.post('/workspace/bodies/new', (request, reply) => postForm(request, reply, {
    schema: bodySchema,
    fallbackField: 'name',
    save: async (data) => `/workspace/bodies/${await addBodyWithNewName(store, actor(request), data)}`,
    rerender: (form, errors) => reply.render(formPage, { pageTitle: 'Error: Add a body', action: '/workspace/bodies/new', values: form, kindItems: kindItems(str(form, 'kind')), ...errors }),
  }));

  async function showBody(body: NonNullable<Awaited<ReturnType<typeof getBody>>>, extra: Record<string, unknown>) {
    const [members, seats, groups, meetings] = await Promise.all([
      bodyMembers(store.db, body.id), getSeats(store.db, body.id), listGroups(store.db), recentMeetingsOfBody(store.db, body.id),
    ]);
    const seatOf = new Map(seats.map((s) => [s.group_id, s.seats]));
    // Names and roles as the rules write them (the co-opted category has its own column).
    const shown = members.map((m) => ({ ...m, name: personDisplayName(m), roleText: membershipRoleText({ role: m.role, bodyKind: body.kind, portfolio: m.portfolio }) }));
    return {
      pageTitle: body.name, body, meetings, columnClass: 'govuk-grid-column-full',
      current: shown.filter((m) => !m.ends_on), past: shown.filter((m) => m.ends_on),
      groups: groups.map((g) => ({ ...g, seats: seatOf.get(g.id) ?? 0 })), totalSeats: seats.reduce((n, s) => n + s.seats, 0),
      ...extra,
    };
  }

  app.get('/workspace/bodies/:id', async (request, reply) => {
    const id = paramId(request);
    const body = id ? await getBody(store.db, id) : undefined;
    if (!body) return reply.callNotFound();
    const notice = (request.query as Record<string, string>).saved ? 'Changes saved' : null;
    return reply.render('pages/workspace/body.njk', await showBody(body, { notice }));
  });

  app.get('/workspace/bodies/:id/edit', async (request, reply) => {
    const id = paramId(request);
    const body = id ? await getBody(store.db, id) : undefined;
    if (!body) return reply.callNotFound();
    const values = { name: body.name, kind: body.kind, size: body.size ?? '', agendaStyle: body.agenda_style, purpose: body.purpose ?? '' };
    return reply.render(formPage, { pageTitle: `Change ${body.name}`, action: `/workspace/bodies/${body.id}/edit`, values, kindItems: kindItems(body.kind), body });
  });

  app.post('/workspace/bodies/:id/edit', async (request, reply) => {
    const id = paramId(request);
    const body = id ? await getBody(store.db, id) : undefined;
    if (!body) return reply.callNotFound();
    return postForm(request, reply, {
      schema: bodySchema,
      fallbackField: 'name',
      save: async (data) => {
        await updateBody(store, actor(request), body.id, data);
        return `/workspace/bodies/${body.id}?saved=1`;
      },
      rerender: (form, errors) => reply.render(formPage, { pageTitle: `Error: Change ${body.name}`, action: `/workspace/bodies/${body.id}/edit`, values: form, kindItems: kindItems(str(form, 'kind')), body, ...errors }),
    });
  });

  app.post('/workspace/bodies/:id/seats', async (request, reply) => {
    const id = paramId(request);
    const body = id ? await getBody(store.db, id) : undefined;
    if (!body) return reply.callNotFound();
    const groups = await listGroups(store.db);
    return postForm(request, reply, {
      schema: (form): Parsed<{ groupId: number; seats: number }[]> => {
        const errors: FieldError[] = [];
        const seats: { groupId: number; seats: number }[] = [];
        for (const g of groups) {
          const raw = str(form, `seats-${g.id}`).trim() || '0';
          if (!/^\d{1,3}$/.test(raw)) errors.push({ field: `seats-${g.id}`, text: `Seats for ${g.name} must be a whole number, 0 or more` });
          else if (Number(raw) > 0) seats.push({ groupId: g.id, seats: Number(raw) });
        }
        return errors.length ? { ok: false, errors } : { ok: true, data: seats };
      },
      fallbackField: `seats-${groups[0]?.id}`,
      // The service's refusal (too many seats for the body) on the first group's box.
      refusal: (fe) => ({ ...fe, field: `seats-${groups[0]?.id}` }),
      save: async (seats) => {
        await allocateSeats(store, actor(request), body.id, seats);
        return `/workspace/bodies/${body.id}?saved=1`;
      },
      rerender: async (form, errors) => reply.render('pages/workspace/body.njk', { ...(await showBody(body, errors)), pageTitle: `Error: ${body.name}`, seatValues: form }),
    });
  });
};

export default bodies;
