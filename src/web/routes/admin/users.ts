// Administrators manage accounts: list, add (with a one-time password shown once), change role, disable, enable.
import type { FastifyPluginAsync } from 'fastify';
import { ROLES } from '../../../domain/policy.js';
import { requireAction } from '../../../http/guards.js';
import { errorPage, field, postForm, type FieldError, type Parsed } from '../../forms.js';
import { ValidationError } from '../../../errors.js';
import { actorOf, addUserWithPassword, changeUserDisabled, changeUserRole, getUser, listUsers } from '../../../services/accounts.js';
import { getPerson } from '../../../services/people.js';
import { type Store } from '../../../services/unit.js';

export const ROLE_LABELS: Record<string, string> = {
  administrator: 'Administrator',
  clerk: 'Clerk (Democratic Services)',
  'report-author': 'Report author',
  councillor: 'Councillor',
};

const roleItems = (selected: string | null) => ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], selected: r === selected }));

const users: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  // The guard of every page here, stated once: a hook on this (encapsulated) plugin.
  app.addHook('preHandler', requireAction('manage-users'));
  const valuesOf = (form: Record<string, unknown>) => ({ email: field(form, 'email').trim(), name: field(form, 'name').trim(), role: field(form, 'role'), person: field(form, 'person').trim() });

  app.get('/admin', async (_request, reply) => reply.render('pages/admin/index.njk', { pageTitle: 'Administration' }));

  app.get('/admin/users', async (_request, reply) =>
    reply.render('pages/admin/users.njk', { pageTitle: 'Users', users: await listUsers(store.db), roleLabels: ROLE_LABELS, now: new Date().toISOString() }));

  const addPage = 'pages/admin/user-new.njk';
  app.get('/admin/users/new', async (_request, reply) =>
    reply.render(addPage, { pageTitle: 'Add a user', values: {}, roleItems: roleItems(null) }));

  app.post('/admin/users', (request, reply) => postForm(request, reply, {
    schema: (form): Parsed<{ email: string; name: string; role: string; person: string }> => {
      const values = valuesOf(form);
      const errors: FieldError[] = [];
      if (!values.email) errors.push({ field: 'email', text: 'Enter an email address' });
      if (!values.name) errors.push({ field: 'name', text: 'Enter the name' });
      if (!values.role) errors.push({ field: 'role', text: 'Select a role' });
      return errors.length ? { ok: false, errors } : { ok: true, data: values };
    },
    fallbackField: 'email',
    save: async ({ email, name, role, person }) => {
      // A one-time password the administrator hands over; the user changes it after signing in.
      const { id, password } = await addUserWithPassword(store, actorOf(request.account!), { email, displayName: name, role, person: person || null });
      reply.header('cache-control', 'no-store');
      return reply.render('pages/admin/user-created.njk', { pageTitle: 'User added', user: await getUser(store.db, id), password });
    },
    rerender: (form, errors) => {
      const values = valuesOf(form);
      return reply.render(addPage, { pageTitle: 'Error: Add a user', values, roleItems: roleItems(values.role || null), ...errors });
    },
  }));

  const userId = (params: unknown) => {
    const id = Number((params as { id: string }).id);
    return Number.isInteger(id) && id > 0 ? id : null;
  };

  app.get('/admin/users/:id', async (request, reply) => {
    const id = userId(request.params);
    const user = id ? await getUser(store.db, id) : undefined;
    if (!user) return reply.callNotFound();
    const person = user.person_id ? await getPerson(store.db, user.person_id) : null;
    return reply.render('pages/admin/user.njk', {
      pageTitle: user.display_name, user, person, roleItems: roleItems(user.role), roleLabels: ROLE_LABELS, isSelf: user.id === request.account!.id, now: new Date().toISOString(),
    });
  });

  app.post('/admin/users/:id/role', async (request, reply) => {
    const id = userId(request.params);
    const user = id ? await getUser(store.db, id) : undefined;
    if (!user) return reply.callNotFound();
    return postForm(request, reply, {
      fallbackField: 'role',
      save: async (form) => {
        // Never their own role (the service says so): there must always be an administrator left.
        await changeUserRole(store, actorOf(request.account!), user.id, field(form, 'role'));
        return `/admin/users/${user.id}`;
      },
      rerender: (_form, errors) => reply.render('pages/admin/user.njk', { pageTitle: `Error: ${user.display_name}`, user, roleItems: roleItems(user.role), roleLabels: ROLE_LABELS, isSelf: user.id === request.account!.id, ...errors }),
    });
  });

  for (const [path, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post(`/admin/users/:id/${path}`, async (request, reply) => {
      const id = userId(request.params);
      const user = id ? await getUser(store.db, id) : undefined;
      if (!user) return reply.callNotFound();
      try {
        await changeUserDisabled(store, actorOf(request.account!), user.id, disabled);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        return errorPage(reply, 400, { heading: 'There is a problem', message: e.message });
      }
      return reply.redirect(`/admin/users/${user.id}`, 303);
    });
  }
};

export default users;
