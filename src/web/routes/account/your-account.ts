// "Your account": who you are signed in as and what you sit on, and changing your password.
import type { FastifyPluginAsync } from 'fastify';
import { requireUser } from '../../../http/guards.js';
import { errorSummary, field, fieldErrorOf, type FieldError } from '../../forms.js';
import { actorOf, authenticate, getUser, PASSWORD_MIN, setPassword } from '../../../services/accounts.js';
import { membershipsOfPerson } from '../../../services/bodies.js';
import { getPerson, personFullName } from '../../../services/people.js';
import { type Store } from '../../../services/unit.js';

const yourAccount: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  app.get('/account', { preHandler: requireUser }, async (request, reply) => {
    const user = await getUser(store.db, request.account!.id);
    const person = user?.person_id ? await getPerson(store.db, user.person_id) : null;
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
  app.get('/account/change-password', { preHandler: requireUser }, async (_request, reply) => reply.render(page, { pageTitle: 'Change your password', minLength: PASSWORD_MIN }));

  app.post('/account/change-password', { preHandler: requireUser }, async (request, reply) => {
    const current = field(request.body, 'current');
    const password = field(request.body, 'password');
    const confirm = field(request.body, 'confirm');
    const account = request.account!;
    const errors: FieldError[] = [];
    if (!current) errors.push({ field: 'current', text: 'Enter your current password' });
    else if (!(await authenticate(store.db, account.email, current)).ok) errors.push({ field: 'current', text: 'Your current password is not right' });
    if (!errors.length && password !== confirm) errors.push({ field: 'confirm', text: 'The new passwords do not match' });
    if (!errors.length) {
      try {
        await setPassword(store.db, actorOf(account), account.id, password, request.session?.id ?? null);
        return reply.render('pages/account/password-changed.njk', { pageTitle: 'Your password has been changed' });
      } catch (e) {
        const fe = fieldErrorOf(e, 'password');
        if (!fe) throw e;
        errors.push(fe);
      }
    }
    reply.code(400);
    return reply.render(page, { pageTitle: 'Error: Change your password', minLength: PASSWORD_MIN, ...errorSummary(errors) });
  });
};

export default yourAccount;
