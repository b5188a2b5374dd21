// Political groups: list, add and rename.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { type WorkspaceOptions } from './common.js';
import { actor, asFieldError, errorView, formOf, optionalText, paramId, parseForm, requiredText, type FieldError } from './form.js';
import { addGroup, getGroup, listGroups, updateGroup } from '../../../services/people.js';

const groupSchema = z.object({ name: requiredText('Enter the name of the group', 120), shortName: optionalText('Short name', 30) });

const groups: FastifyPluginAsync<WorkspaceOptions> = async (app, { store }) => {
  const page = async (extra: Record<string, unknown>) => ({ pageTitle: 'Political groups', groups: await listGroups(store.db), values: {}, ...extra });

  app.get('/workspace/groups', async (request, reply) =>
    reply.render('pages/workspace/groups.njk', await page({ notice: (request.query as Record<string, string>).saved ? 'Group saved' : null })));

  app.post('/workspace/groups', async (request, reply) => {
    const form = formOf(request.body);
    const parsed = parseForm(groupSchema, form);
    let errors: FieldError[] = parsed.ok ? [] : parsed.errors;
    if (parsed.ok) {
      try {
        await addGroup(store, actor(request), parsed.data);
        return reply.redirect('/workspace/groups?saved=1', 303);
      } catch (e) {
        errors = [asFieldError(e, 'name')];
      }
    }
    reply.code(400);
    return reply.render('pages/workspace/groups.njk', await page({ pageTitle: 'Error: Political groups', values: form, ...errorView(errors) }));
  });

  const groupOf = async (id: number | null) => (id ? getGroup(store.db, id) : undefined);

  app.get('/workspace/groups/:id', async (request, reply) => {
    const group = await groupOf(paramId(request));
    if (!group) return reply.callNotFound();
    return reply.render('pages/workspace/group-form.njk', { pageTitle: `Change ${group.name}`, group, values: { name: group.name, shortName: group.short_name ?? '' } });
  });

  app.post('/workspace/groups/:id', async (request, reply) => {
    const group = await groupOf(paramId(request));
    if (!group) return reply.callNotFound();
    const form = formOf(request.body);
    const parsed = parseForm(groupSchema, form);
    let errors: FieldError[] = parsed.ok ? [] : parsed.errors;
    if (parsed.ok) {
      try {
        await updateGroup(store, actor(request), group.id, parsed.data);
        return reply.redirect('/workspace/groups?saved=1', 303);
      } catch (e) {
        errors = [asFieldError(e, 'name')];
      }
    }
    reply.code(400);
    return reply.render('pages/workspace/group-form.njk', { pageTitle: `Error: Change ${group.name}`, group, values: form, ...errorView(errors) });
  });
};

export default groups;
