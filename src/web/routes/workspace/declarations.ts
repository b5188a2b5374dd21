// Declarations of interest at a meeting: member, item, kind of interest, its nature and any dispensation.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { INTEREST_KINDS } from '../../../domain/types.js';
import { meetingOr404, selectItems, meetingLabel, type WorkspaceOptions } from './common.js';
import { actor, asFieldError, choice, errorPage, idOf, optionalText, paramId, postForm, requiredText } from './form.js';
import { ValidationError } from '../../../errors.js';
import { loadAgenda } from '../../../services/agenda.js';
import { membershipOn } from '../../../services/bodies.js';
import { personDisplayName } from '../../../services/people.js';
import { addDeclaration, getDeclarations, removeDeclaration } from '../../../services/proceedings.js';

const KIND_LABELS: Record<(typeof INTEREST_KINDS)[number], string> = {
  'disclosable-pecuniary': 'Disclosable pecuniary interest', 'other-significant': 'Other significant interest', personal: 'Personal interest', prejudicial: 'Prejudicial interest', other: 'Other interest',
};

const schema = z.object({
  personId: idOf('Select the member declaring the interest'),
  agendaItemId: z.string().optional().transform((s) => (s ? Number(s) : null)),
  kind: choice(INTEREST_KINDS, 'Select the kind of interest'),
  nature: requiredText('Enter the nature of the interest', 1000),
  dispensation: optionalText('Dispensation', 500),
});

const declarations: FastifyPluginAsync<WorkspaceOptions> = async (app, { store }) => {
  const context = async (meeting: NonNullable<Awaited<ReturnType<typeof meetingOr404>>>, values: Record<string, unknown>) => {
    const [members, agenda, recorded] = await Promise.all([membershipOn(store.db, meeting.body_id, meeting.date), loadAgenda(store.db, meeting.id), getDeclarations(store.db, meeting.id)]);
    return {
      pageTitle: `Declarations: ${meetingLabel(meeting)}`, meeting, values, recorded, kindLabels: KIND_LABELS,
      personItems: selectItems(members.map((m) => ({ value: m.person_id, text: personDisplayName(m) })), values.personId as string, 'Choose a member'),
      itemItems: selectItems(agenda.flatMap((s) => s.items).map((i) => ({ value: i.id, text: `${i.code} ${i.title}` })), values.agendaItemId as string, 'No particular item'),
      kindItems: INTEREST_KINDS.map((k) => ({ value: k, text: KIND_LABELS[k], checked: values.kind === k })),
    };
  };

  app.get('/workspace/meetings/:id/declarations', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    return reply.render('pages/workspace/declarations.njk', await context(meeting, {}));
  });

  app.post('/workspace/meetings/:id/declarations', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    return postForm(request, reply, {
      schema,
      fallbackField: 'agendaItemId',
      save: async (data) => {
        const members = await membershipOn(store.db, meeting.body_id, meeting.date);
        const member = members.find((m) => m.person_id === data.personId);
        if (!member) throw new ValidationError('Select a member of the body on the meeting date', 'personId');
        await addDeclaration(store, actor(request), meeting.id, data, personDisplayName(member));
        return `/workspace/meetings/${meeting.id}/declarations`;
      },
      rerender: async (form, errors) => {
        const ctx = await context(meeting, form);
        return reply.render('pages/workspace/declarations.njk', { ...ctx, pageTitle: `Error: ${ctx.pageTitle}`, ...errors });
      },
    });
  });

  app.post('/workspace/meetings/:id/declarations/:declarationId/remove', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    const id = paramId(request, 'declarationId');
    if (!id) return reply.callNotFound();
    try {
      await removeDeclaration(store, actor(request), meeting.id, id);
    } catch (e) {
      return errorPage(reply, 400, { heading: 'The declaration was not removed', message: asFieldError(e, 'declaration').text });
    }
    return reply.redirect(`/workspace/meetings/${meeting.id}/declarations`, 303);
  });
};

export default declarations;
