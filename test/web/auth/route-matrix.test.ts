// The role-by-route matrix over the demonstration council: every route the app registers, for every role, gets
// the status this table expects. A route missing from the table fails the test — add new routes here.
import { afterAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadDemo } from '../../../src/demo/index.js';
import { createSession } from '../../../src/store/accounts.js';
import type { Store } from '../../../src/store/db.js';
import { buildApp } from '../../../src/web/app.js';
import { registerPortal } from '../../../src/web/portal.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { addUser } from './helpers.js';

const TODAY = '2024-06-01';
/** 'councillor' sits on the body whose exempt paper is probed; 'councillor-elsewhere' does not. */
const PROBES = ['public', 'councillor', 'councillor-elsewhere', 'report-author', 'clerk', 'administrator'] as const;
type Probe = (typeof PROBES)[number];

/** Refused: the sign-in redirect, 401, 403 — or 404, which also hides that the thing exists. */
const DENY = [303, 401, 403, 404];
type Expect = number | number[];

interface Fixture {
  bodySlug: string;
  meetingSlug: string;
  itemCode: string;
  exemptMeetingSlug: string;
  exemptDocSlug: string;
  personSlug: string;
  decisionSlug: string;
  year: string;
  victimUserId: number;
}

interface Row {
  url: (f: Fixture) => string;
  /** Same status for every role, or per role. */
  expect: Expect | Record<Probe, Expect>;
  form?: Record<string, string>;
}

const all = (s: Expect): Expect => s;
const signedIn = (ok: Expect): Record<Probe, Expect> => ({ public: 303, councillor: ok, 'councillor-elsewhere': ok, 'report-author': ok, clerk: ok, administrator: ok });
const adminOnly = (ok: Expect): Record<Probe, Expect> => ({ public: 303, councillor: 403, 'councillor-elsewhere': 403, 'report-author': 403, clerk: 403, administrator: ok });
/** Exempt content: only those entitled (members of the body, Democratic Services, administrators). */
const exemptOnly = (ok: Expect): Record<Probe, Expect> => ({ public: DENY, councillor: ok, 'councillor-elsewhere': DENY, 'report-author': DENY, clerk: ok, administrator: ok });

const MATRIX: Record<string, Row> = {
  // Core
  'GET /assets/*': { url: () => '/assets/images/favicon.ico', expect: all(200) },
  'GET /govuk/*': { url: () => '/govuk/govuk-frontend.min.css', expect: all(200) },
  'GET /static/*': { url: () => '/static/moot.css', expect: all(200) },
  'GET /healthz': { url: () => '/healthz', expect: all(200) },
  'GET /': { url: () => '/', expect: all(200) },
  // Accounts
  'GET /account/sign-in': { url: () => '/account/sign-in', expect: all(200) },
  'POST /account/sign-in': { url: () => '/account/sign-in', form: {}, expect: all(400) },
  'POST /account/sign-out': { url: () => '/account/sign-out', form: {}, expect: all(303) },
  'GET /account/signed-out': { url: () => '/account/signed-out', expect: all(200) },
  'GET /account/forgot-password': { url: () => '/account/forgot-password', expect: all(200) },
  'POST /account/forgot-password': { url: () => '/account/forgot-password', form: {}, expect: all(400) },
  'GET /account/reset-password': { url: () => '/account/reset-password?token=nonsense', expect: all(400) },
  'POST /account/reset-password': { url: () => '/account/reset-password', form: { token: 'nonsense', password: 'abcdefghijklmn', confirm: 'abcdefghijklmn' }, expect: all(400) },
  'GET /account': { url: () => '/account', expect: signedIn(200) },
  'GET /account/change-password': { url: () => '/account/change-password', expect: signedIn(200) },
  'POST /account/change-password': { url: () => '/account/change-password', form: {}, expect: signedIn(400) },
  'GET /account/api-tokens': { url: () => '/account/api-tokens', expect: signedIn(200) },
  'POST /account/api-tokens': { url: () => '/account/api-tokens', form: { name: '' }, expect: signedIn(400) },
  'POST /account/api-tokens/:id/revoke': { url: () => '/account/api-tokens/999999/revoke', form: {}, expect: signedIn(404) },
  // Administration
  'GET /admin': { url: () => '/admin', expect: adminOnly(200) },
  'GET /admin/users': { url: () => '/admin/users', expect: adminOnly(200) },
  'GET /admin/users/new': { url: () => '/admin/users/new', expect: adminOnly(200) },
  'POST /admin/users': { url: () => '/admin/users', form: {}, expect: adminOnly(400) },
  'GET /admin/users/:id': { url: (f) => `/admin/users/${f.victimUserId}`, expect: adminOnly(200) },
  'POST /admin/users/:id/role': { url: (f) => `/admin/users/${f.victimUserId}/role`, form: { role: 'wizard' }, expect: adminOnly(400) },
  'POST /admin/users/:id/disable': { url: (f) => `/admin/users/${f.victimUserId}/disable`, form: {}, expect: adminOnly(303) },
  'POST /admin/users/:id/enable': { url: (f) => `/admin/users/${f.victimUserId}/enable`, form: {}, expect: adminOnly(303) },
  'GET /admin/audit': { url: () => '/admin/audit?entity=user_account', expect: adminOnly(200) },
  // The public portal: open to all, except exempt papers.
  'GET /bodies': { url: () => '/bodies', expect: all(200) },
  'GET /bodies/:slug': { url: (f) => `/bodies/${f.bodySlug}`, expect: all(200) },
  'GET /calendar': { url: () => '/calendar', expect: all(200) },
  'GET /meetings': { url: () => '/meetings', expect: all(200) },
  'GET /calendar.ics': { url: () => '/calendar.ics', expect: all(200) },
  'GET /bodies/:slug/calendar.ics': { url: (f) => `/bodies/${f.bodySlug}/calendar.ics`, expect: all(200) },
  'GET /meetings/:slug': { url: (f) => `/meetings/${f.meetingSlug}`, expect: all(200) },
  'GET /meetings/:slug/items/:code': { url: (f) => `/meetings/${f.meetingSlug}/items/${f.itemCode}`, expect: all(200) },
  // The demo publishes no pack files, so the entitled find none (404); the rest are refused before the lookup.
  'GET /meetings/:slug/:file': { url: (f) => `/meetings/${f.exemptMeetingSlug}/pack-confidential.pdf`, expect: exemptOnly([200, 404]) },
  'GET /documents/:file': { url: (f) => `/documents/${f.exemptDocSlug}`, expect: exemptOnly(200) },
  'GET /documents/:slug/:version': { url: (f) => `/documents/${f.exemptDocSlug}/v1`, expect: exemptOnly(200) },
  'GET /people': { url: () => '/people', expect: all(200) },
  'GET /people/:slug': { url: (f) => `/people/${f.personSlug}`, expect: all(200) },
  'GET /decisions': { url: () => '/decisions', expect: all(200) },
  'GET /decisions/:slug': { url: (f) => `/decisions/${f.decisionSlug}`, expect: all(200) },
  'GET /archive': { url: () => '/archive', expect: all(200) },
  'GET /archive/:year': { url: (f) => `/archive/${f.year}`, expect: all(200) },
  'GET /sitemap.xml': { url: () => '/sitemap.xml', expect: all(200) },
  'GET /robots.txt': { url: () => '/robots.txt', expect: all(200) },
  'GET /accessibility': { url: () => '/accessibility', expect: all(200) },
  'GET /search': { url: () => '/search?q=budget', expect: all(200) },
};

async function fixture(store: Store): Promise<{ f: Fixture; users: Record<Exclude<Probe, 'public'>, number> }> {
  const { db } = store;
  // An exempt paper of a meeting, and a councillor sitting on that meeting's body today.
  const doc = await db.selectFrom('document').innerJoin('meeting', 'meeting.id', 'document.meeting_id')
    .select(['document.slug', 'document.author_person_id', 'meeting.slug as meeting_slug', 'meeting.body_id', 'meeting.id as meeting_id'])
    .where('document.classification', '=', 'exempt').where('document.workflow_status', 'is', null).orderBy('document.id').executeTakeFirstOrThrow();
  const member = await db.selectFrom('membership').innerJoin('person', 'person.id', 'membership.person_id').select(['person.id'])
    .where('membership.body_id', '=', doc.body_id).where('person.kind', '=', 'councillor').where('membership.starts_on', '<=', TODAY)
    .where((eb) => eb.or([eb('membership.ends_on', 'is', null), eb('membership.ends_on', '>=', TODAY)])).executeTakeFirstOrThrow();
  const onBody = db.selectFrom('membership').select('person_id').where('body_id', '=', doc.body_id);
  const outsider = await db.selectFrom('person').select('id').where('kind', '=', 'councillor').where('id', 'not in', onBody)
    .where('id', 'not in', db.selectFrom('exempt_grant').select('person_id').where('meeting_id', '=', doc.meeting_id)).executeTakeFirstOrThrow();
  const meeting = await db.selectFrom('meeting').innerJoin('agenda_item', 'agenda_item.meeting_id', 'meeting.id').innerJoin('body', 'body.id', 'meeting.body_id')
    .select(['meeting.slug', 'meeting.date', 'agenda_item.code', 'body.slug as body_slug']).where('agenda_item.exempt', '=', 0).where('meeting.date', '<=', TODAY)
    .orderBy('meeting.date', 'desc').executeTakeFirstOrThrow();
  const person = await db.selectFrom('person').select('slug').where('id', '=', member.id).executeTakeFirstOrThrow();
  const decision = await db.selectFrom('decision').select('slug').where('contains_exempt_information', '=', 0).orderBy('id').executeTakeFirstOrThrow();
  const users = {
    councillor: (await addUser(store, 'councillor', { personId: member.id })).id,
    'councillor-elsewhere': (await addUser(store, 'councillor', { personId: outsider.id })).id,
    'report-author': (await addUser(store, 'report-author')).id,
    clerk: (await addUser(store, 'clerk')).id,
    administrator: (await addUser(store, 'administrator')).id,
  };
  const victimUserId = (await addUser(store, 'clerk')).id;
  return {
    f: {
      bodySlug: meeting.body_slug, meetingSlug: meeting.slug, itemCode: meeting.code, exemptMeetingSlug: doc.meeting_slug, exemptDocSlug: doc.slug,
      personSlug: person.slug, decisionSlug: decision.slug, year: meeting.date.slice(0, 4), victimUserId,
    },
    users,
  };
}

describe.each(STORE_KINDS)('role-by-route matrix over the demo council on %s', (kind) => {
  const get = useTestStore(kind);
  let app: FastifyInstance | null = null;
  afterAll(async () => app?.close());

  it('gives every role the expected status on every registered route', async (ctx) => {
    const { store } = get(ctx);
    await loadDemo(store, { years: 1, today: TODAY, seed: 7 });
    const { f, users } = await fixture(store);
    app = await buildApp({ store, today: () => TODAY, routes: registerPortal() });
    await app.ready();

    const registered = [...new Set(app.registeredRoutes.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`))];
    const uncovered = registered.filter((k) => !MATRIX[k]);
    expect(uncovered, 'routes missing from the matrix in test/web/auth/route-matrix.test.ts: add a row for each').toEqual([]);
    const stale = Object.keys(MATRIX).filter((k) => !registered.includes(k));
    expect(stale, 'matrix rows for routes that no longer exist').toEqual([]);

    const failures: string[] = [];
    let ip = 0;
    for (const [key, row] of Object.entries(MATRIX)) {
      const method = key.split(' ')[0];
      for (const probe of PROBES) {
        const headers: Record<string, string> = { 'x-forwarded-for': `10.9.${Math.floor(ip / 200)}.${ip++ % 200}` };
        let csrf = 'pre-session-token-for-the-matrix';
        if (probe === 'public') headers.cookie = `moot_csrf=${csrf}`;
        else {
          const s = await createSession(store.db, users[probe]);
          headers.cookie = `moot_session=${s.token}`;
          csrf = s.csrfToken;
        }
        const url = row.url(f);
        const res = await app.inject({
          method: method as 'GET',
          url,
          headers: row.form ? { ...headers, 'content-type': 'application/x-www-form-urlencoded' } : headers,
          payload: row.form ? new URLSearchParams({ ...row.form, _csrf: csrf }).toString() : undefined,
        });
        const expected = typeof row.expect === 'object' && !Array.isArray(row.expect) ? row.expect[probe] : row.expect;
        const ok = Array.isArray(expected) ? expected.includes(res.statusCode) : res.statusCode === expected;
        if (!ok) failures.push(`${probe.padEnd(20)} ${method} ${url} → ${res.statusCode}, expected ${JSON.stringify(expected)}`);
        if (res.statusCode === 303 && probe === 'public' && expected === 303) {
          // A refusal for the public is the sign-in page with a way back, never somewhere else.
          if (!String(res.headers.location).startsWith('/account/')) failures.push(`public ${method} ${url} redirected to ${res.headers.location}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
