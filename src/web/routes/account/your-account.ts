// "Your account": who you are signed in as and what you sit on, and changing your password.
import type { FastifyPluginAsync } from 'fastify';
import { requireUser } from '../../../http/guards.js';
import { field, postForm, type Parsed } from '../../forms.js';
import { actorOf, authenticate, PASSWORD_MIN, setPassword } from '../../../services/accounts.js';
import { membershipsOfPerson } from '../../../services/bodies.js';
import { getPerson, personFullName } from '../../../services/people.js';
import { type Store } from '../../../services/unit.js';

const yourAccount: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  // Every page here is for a signed-in user: the guard stated once, as this plugin's hook.
  app.addHook('preHandler', requireUser);
  app.get('/account', async (request, reply) => {
    // The account as this request's session (or token) read it, no second read: a change to an account moves the
    // counter the session's row is cached by.
    const account = request.account!;
    const user = { display_name: account.displayName, email: account.email };
    const person = account.personId ? await getPerson(store.db, account.personId) : null;
    const memberships = person ? (await membershipsOfPerson(store.db, person.id)).filter((m) => request.viewer.kind === 'user' && request.viewer.bodyIds.includes(m.body_id)) : [];
    return reply.render('pages/account/index.njk', {
      pageTitle: 'Your account',
      user,
      personName: person ? personFullName(person) : null,
      personSlug: person?.slug ?? null,
      memberships,
      grantedMeetings: request.viewer.kind === 'user' ? request.viewer.grantedMeetingIds.length : 0,
      viaApiToken: request.authMethod === 'api-token',
    });
  });

  const page = 'pages/account/change-password.njk';
  app.get('/account/change-password', async (_request, reply) => reply.render(page, { pageTitle: 'Change your password', minLength: PASSWORD_MIN }));

  app.post('/account/change-password', async (request, reply) => {
    const account = request.account!;
    return postForm(request, reply, {
      schema: async (form): Promise<Parsed<string>> => {
        const current = field(form, 'current');
        if (!current) return { ok: false, errors: [{ field: 'current', text: 'Enter your current password' }] };
        if (!(await authenticate(store.db, account.email, current)).ok) return { ok: false, errors: [{ field: 'current', text: 'Your current password is not right' }] };
        if (field(form, 'password') !== field(form, 'confirm')) return { ok: false, errors: [{ field: 'confirm', text: 'The new passwords do not match' }] };
        return { ok: true, data: field(form, 'password') };
      },
      fallbackField: 'password',
      save: async (password) => {
        await setPassword(store.db, actorOf(account), account.id, password, request.session?.id ?? null);
        return reply.render('pages/account/password-changed.njk', { pageTitle: 'Your password has been changed' });
      },
      rerender: (_form, errors) => reply.render(page, { pageTitle: 'Error: Change your password', minLength: PASSWORD_MIN, ...errors }),
    });
  });
};

export default yourAccount;
