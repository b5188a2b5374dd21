// Political groups: list, add and rename.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { type WorkspaceOptions } from './common.js';
import { actor, optionalText, paramId, postForm, requiredText } from './form.js';
import { addGroup, getGroup, listGroups, updateGroup } from '../../../services/people.js';

const groupSchema = z.object({ name: requiredText('Enter the name of the group', 120), shortName: optionalText('Short name', 30) });

const groups: FastifyPluginAsync<WorkspaceOptions> = async (app, { store }) => {
  const page = async (extra: Record<string, unknown>) => ({ pageTitle: 'Political groups', groups: await listGroups(store.db), values: {}, ...extra });

  app.get('/workspace/groups', async (request, reply) =>
    reply.render('pages/workspace/groups.njk', await page({ notice: (request.query as Record<string, string>).saved ? 'Group saved' : null })));

  app.post('/workspace/groups', (request, reply) => postForm(request, reply, {
    schema: groupSchema,
    fallbackField: 'name',
    save: async (data) => {
      await addGroup(store, actor(request), data);
      return '/workspace/groups?saved=1';
    },
    rerender: async (form, errors) => reply.render('pages/workspace/groups.njk', await page({ pageTitle: 'Error: Political groups', values: form, ...errors })),
  }));

  const groupOf = async (id: number | null) => (id ? getGroup(store.db, id) : undefined);

  app.get('/workspace/groups/:id', async (request, reply) => {
    const group = await groupOf(paramId(request));
    if (!group) return reply.callNotFound();
    return reply.render('pages/workspace/group-form.njk', { pageTitle: `Change ${group.name}`, group, values: { name: group.name, shortName: group.short_name ?? '' } });
  });

  app.post('/workspace/groups/:id', async (request, reply) => {
    const group = await groupOf(paramId(request));
    if (!group) return reply.callNotFound();
    return postForm(request, reply, {
      schema: groupSchema,
      fallbackField: 'name',
      save: async (data) => {
        await updateGroup(store, actor(request), group.id, data);
        return '/workspace/groups?saved=1';
      },
      rerender: (form, errors) => reply.render('pages/workspace/group-form.njk', { pageTitle: `Error: Change ${group.name}`, group, values: form, ...errors }),
    });
  });
};

export default groups;
