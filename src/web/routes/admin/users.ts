// Administrators manage accounts: list, add (with a one-time password shown once), change role, disable, enable.
import type { FastifyPluginAsync } from 'fastify';
import { ROLES } from '../../../domain/policy.js';
import { requireAction } from '../../../http/guards.js';
import { errorSummary, field, fieldErrorOf, type FieldError } from '../../forms.js';
import { actorOf, createUser, getUser, listUsers, newSecret, setUserDisabled, setUserRole } from '../../../services/accounts.js';
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
  const guard = requireAction('manage-users');

  app.get('/admin', { preHandler: guard }, async (_request, reply) => reply.render('pages/admin/index.njk', { pageTitle: 'Administration' }));

  app.get('/admin/users', { preHandler: guard }, async (_request, reply) =>
    reply.render('pages/admin/users.njk', { pageTitle: 'Users', users: await listUsers(store.db), roleLabels: ROLE_LABELS, now: new Date().toISOString() }));

  const addPage = 'pages/admin/user-new.njk';
  app.get('/admin/users/new', { preHandler: guard }, async (_request, reply) =>
    reply.render(addPage, { pageTitle: 'Add a user', values: {}, roleItems: roleItems(null) }));

  app.post('/admin/users', { preHandler: guard }, async (request, reply) => {
    const values = { email: field(request.body, 'email').trim(), name: field(request.body, 'name').trim(), role: field(request.body, 'role'), person: field(request.body, 'person').trim() };
    const errors: FieldError[] = [];
    if (!values.email) errors.push({ field: 'email', text: 'Enter an email address' });
    if (!values.name) errors.push({ field: 'name', text: 'Enter the name' });
    if (!values.role) errors.push({ field: 'role', text: 'Select a role' });
    let personId: number | null = null;
    if (values.person) {
      const person = await getPerson(store.db, values.person);
      if (!person) errors.push({ field: 'person', text: `There is no person with the web address name "${values.person}"` });
      else personId = person.id;
    }
    if (!errors.length) {
      // A one-time password the administrator hands over; the user changes it after signing in.
      const password = newSecret(12);
      try {
        const id = await createUser(store.db, actorOf(request.account!), { email: values.email, displayName: values.name, role: values.role, personId, password });
        reply.header('cache-control', 'no-store');
        return reply.render('pages/admin/user-created.njk', { pageTitle: 'User added', user: await getUser(store.db, id), password });
      } catch (e) {
        const fe = fieldErrorOf(e, 'email');
        if (!fe) throw e;
        errors.push(fe);
      }
    }
    reply.code(400);
    return reply.render(addPage, { pageTitle: 'Error: Add a user', values, roleItems: roleItems(values.role || null), ...errorSummary(errors) });
  });

  const userId = (params: unknown) => {
    const id = Number((params as { id: string }).id);
    return Number.isInteger(id) && id > 0 ? id : null;
  };

  app.get('/admin/users/:id', { preHandler: guard }, async (request, reply) => {
    const id = userId(request.params);
    const user = id ? await getUser(store.db, id) : undefined;
    if (!user) return reply.callNotFound();
    const person = user.person_id ? await getPerson(store.db, user.person_id) : null;
    return reply.render('pages/admin/user.njk', {
      pageTitle: user.display_name, user, person, roleItems: roleItems(user.role), roleLabels: ROLE_LABELS, isSelf: user.id === request.account!.id, now: new Date().toISOString(),
    });
  });

  app.post('/admin/users/:id/role', { preHandler: guard }, async (request, reply) => {
    const id = userId(request.params);
    const user = id ? await getUser(store.db, id) : undefined;
    if (!user) return reply.callNotFound();
    // An administrator cannot demote themselves: there must always be one left to put things right.
    if (user.id === request.account!.id) {
      reply.code(400);
      return reply.render('pages/error.njk', { pageTitle: 'There is a problem', heading: 'You cannot change your own role', message: 'Ask another administrator to do it.' });
    }
    try {
      await setUserRole(store.db, actorOf(request.account!), user.id, field(request.body, 'role'));
    } catch (e) {
      const fe = fieldErrorOf(e, 'role');
      if (!fe) throw e;
      reply.code(400);
      return reply.render('pages/admin/user.njk', { pageTitle: `Error: ${user.display_name}`, user, roleItems: roleItems(user.role), roleLabels: ROLE_LABELS, isSelf: false, ...errorSummary([fe]) });
    }
    return reply.redirect(`/admin/users/${user.id}`, 303);
  });

  for (const [path, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post(`/admin/users/:id/${path}`, { preHandler: guard }, async (request, reply) => {
      const id = userId(request.params);
      const user = id ? await getUser(store.db, id) : undefined;
      if (!user) return reply.callNotFound();
      if (user.id === request.account!.id) {
        reply.code(400);
        return reply.render('pages/error.njk', { pageTitle: 'There is a problem', heading: 'You cannot disable your own account', message: 'Ask another administrator to do it.' });
      }
      await setUserDisabled(store.db, actorOf(request.account!), user.id, disabled);
      return reply.redirect(`/admin/users/${user.id}`, 303);
    });
  }
};

export default users;
