// The role-by-route matrix over the demonstration council: every route the app registers, for every role, gets
// the status this table expects. A route missing from the table fails the test — add new routes here.
import { afterAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { INTEREST_KINDS, SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { loadDemo } from '../../../src/demo/index.js';
import { createApiToken, createSession } from '../../../src/store/accounts.js';
import type { Store } from '../../../src/store/db.js';
import { addInterest, INTEREST_CATEGORIES } from '../../../src/store/interests.js';
import { createMeeting, insertAgenda } from '../../../src/store/meetings.js';
import { createPerson } from '../../../src/store/people.js';
import { recordDeclarations } from '../../../src/store/proceedings.js';
import { blankReport, createReport } from '../../../src/store/reports.js';
import { buildApp } from '../../../src/web/app.js';
import { registerPortal } from '../../../src/server.js';
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
  /** An unrestricted, published paper with a file. */
  publicDocSlug: string;
  /** The report author's own draft report (exempt, on the exempt paper's meeting). */
  reportId: number;
  reportSlug: string;
  /** An interest in the register of the councillor on the body. */
  interestId: number;
  // The clerk's workspace: records of the demo, and a meeting of its own (in the future, with two items) that
  // the probes may change without disturbing the rows that read the demo.
  wsBodyId: number;
  wsGroupId: number;
  wsPersonId: number;
  wsMembershipId: number;
  wsDecisionId: number;
  /** A past meeting with minutes, and one of its items. */
  heldMeetingId: number;
  heldItemId: number;
  scratchMeetingId: number;
  scratchMeetingSlug: string;
  scratchItemId: number;
  /** One declaration per probe on the held meeting, so each staff probe removes its own. */
  declarationIds: Record<Probe, number>;
  /** A demo budget report (published: publishing it again changes nothing). */
  dataSetId: number;
}

type Auth = 'session' | 'bearer';

interface Row {
  url: (f: Fixture, probe: Probe) => string;
  /** Same status for every role, or per role. */
  expect: Expect | Record<Probe, Expect>;
  form?: Record<string, string> | ((f: Fixture) => Record<string, string>);
  /** A JSON body; n is unique to each request (for names that must not repeat). */
  json?: (f: Fixture, n: number) => unknown;
  /** How users authenticate: a session cookie (the default), and/or an API token. The public sends neither. */
  auth?: readonly Auth[];
  /** The request ends the session it is sent with: use a session of its own. */
  endsSession?: boolean;
}

const all = (s: Expect): Expect => s;
const signedIn = (ok: Expect): Record<Probe, Expect> => ({ public: 303, councillor: ok, 'councillor-elsewhere': ok, 'report-author': ok, clerk: ok, administrator: ok });
const adminOnly = (ok: Expect): Record<Probe, Expect> => ({ public: 303, councillor: 403, 'councillor-elsewhere': 403, 'report-author': 403, clerk: 403, administrator: ok });
/** Exempt content: only those entitled (members of the body, Democratic Services, administrators). */
const exemptOnly = (ok: Expect): Record<Probe, Expect> => ({ public: DENY, councillor: ok, 'councillor-elsewhere': DENY, 'report-author': DENY, clerk: ok, administrator: ok });
/** 'manage-record', 'publish', 'approve-report': Democratic Services (clerks) and administrators. */
const staffOnly = (ok: Expect, refusedPublic: Expect = 303): Record<Probe, Expect> => ({ public: refusedPublic, councillor: 403, 'councillor-elsewhere': 403, 'report-author': 403, clerk: ok, administrator: ok });
/** Unpublished material on the public routes: Democratic Services only; the rest refused or told it does not exist. */
const unpublished = (ok: Expect): Record<Probe, Expect> => ({ public: DENY, councillor: DENY, 'councillor-elsewhere': DENY, 'report-author': ok, clerk: ok, administrator: ok });
/** The JSON API's writes: the public 401, others 403, Democratic Services `ok` — with a session or a token. */
const apiStaff = (ok: Expect): Record<Probe, Expect> => staffOnly(ok, 401);
/** The JSON API's own-decision writes ('record-own-decision'): councillors linked to their person; the public 401. */
const apiCouncillor = (ok: Expect): Record<Probe, Expect> => ({ ...councillorOnly(ok), public: 401 });
/** The JSON API's account routes: administrators only; the public 401. */
const apiAdmin = (ok: Expect): Record<Probe, Expect> => ({ ...adminOnly(ok), public: 401 });
const BOTH: readonly Auth[] = ['session', 'bearer'];
/**
 * 'write-report' pages: report authors, and staff — but a report carries its author's name, so an account not
 * linked to a person (the staff probes here) is told so (403).
 */
const authorOnly = (ok: Expect): Record<Probe, Expect> => ({ public: 303, councillor: 403, 'councillor-elsewhere': 403, 'report-author': ok, clerk: 403, administrator: 403 });
/** 'declare-interests' pages: councillors (linked to their person); staff pass the guard but are not linked (403). */
const councillorOnly = (ok: Expect, elsewhere: Expect = ok): Record<Probe, Expect> => ({ public: 303, councillor: ok, 'councillor-elsewhere': elsewhere, 'report-author': 403, clerk: 403, administrator: 403 });

/** A row's route: its key without the note in brackets that further rows for the same route carry. */
const routeOf = (key: string) => key.replace(/ \(.*\)$/, '');

/** One row per registered route ("METHOD /path" as Fastify has it); more rows for a route carry a note: "GET /x (case)". */
const MATRIX: Record<string, Row> = {
  // Core
  'GET /theme/colours.css': { url: () => '/theme/colours.css', expect: all(200) },
  // The plain theme serves no files of its own (test/web/public/theme.test.ts covers a theme folder's).
  'GET /theme/:file': { url: () => '/theme/logo.svg', expect: all(404) },
  'GET /govuk/*': { url: () => '/govuk/govuk-frontend.min.css', expect: all(200) },
  'GET /static/*': { url: () => '/static/moot.css', expect: all(200) },
  'GET /healthz': { url: () => '/healthz', expect: all(200) },
  'GET /livez': { url: () => '/livez', expect: all(200) },
  'GET /readyz': { url: () => '/readyz', expect: all(200) },
  'GET /': { url: () => '/', expect: all(200) },
  // Accounts
  'GET /account/sign-in': { url: () => '/account/sign-in', expect: all(200) },
  'POST /account/sign-in': { url: () => '/account/sign-in', form: {}, expect: all(400) },
  'POST /account/sign-out': { url: () => '/account/sign-out', form: {}, expect: all(303), endsSession: true },
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
  'GET /admin/council': { url: () => '/admin/council', expect: adminOnly(200) },
  'POST /admin/council': { url: () => '/admin/council', form: { nameStyle: 'nonsense' }, expect: adminOnly(400) },
  'POST /admin/users/:id/enable': { url: (f) => `/admin/users/${f.victimUserId}/enable`, form: {}, expect: adminOnly(303) },
  'GET /admin/audit': { url: () => '/admin/audit?entity=user_account', expect: adminOnly(200) },
  // Email alerts: for anyone, by capability links; nothing to see with a wrong token.
  'GET /alerts': { url: () => '/alerts?body=cabinet', expect: all(200) },
  'POST /alerts': { url: () => '/alerts', form: { body: 'cabinet', email: 'not an address' }, expect: all(400) },
  'GET /alerts/confirm': { url: () => '/alerts/confirm?token=nonsense', expect: all(200) },
  'POST /alerts/confirm': { url: () => '/alerts/confirm', form: { token: 'nonsense' }, expect: all(404) },
  'GET /alerts/manage': { url: () => '/alerts/manage?token=nonsense', expect: all(404) },
  'POST /alerts/manage': { url: () => '/alerts/manage', form: { token: 'nonsense', action: 'unsubscribe-all' }, expect: all(404) },
  'GET /alerts/unsubscribe': { url: () => '/alerts/unsubscribe?token=nonsense', expect: all(404) },
  'POST /alerts/unsubscribe': { url: () => '/alerts/unsubscribe?token=nonsense', form: { 'List-Unsubscribe': 'One-Click' }, expect: all(404) },
  'GET /alerts/privacy': { url: () => '/alerts/privacy', expect: all(200) },
  // The public portal: open to all, except exempt papers.
  'GET /bodies': { url: () => '/bodies', expect: all(200) },
  'GET /bodies/:slug': { url: (f) => `/bodies/${f.bodySlug}`, expect: all(200) },
  'GET /calendar': { url: () => '/calendar', expect: all(200) },
  'GET /meetings': { url: () => '/meetings', expect: all(200) },
  'GET /calendar.ics': { url: () => '/calendar.ics', expect: all(200) },
  'GET /bodies/:slug/calendar.ics': { url: (f) => `/bodies/${f.bodySlug}/calendar.ics`, expect: all(200) },
  'GET /meetings/:slug/calendar.ics': { url: (f) => `/meetings/${f.meetingSlug}/calendar.ics`, expect: all(200) },
  'GET /meetings/feed.atom': { url: () => '/meetings/feed.atom', expect: all(200) },
  'GET /bodies/:slug/feed.atom': { url: (f) => `/bodies/${f.bodySlug}/feed.atom`, expect: all(200) },
  'GET /decisions/feed.atom': { url: () => '/decisions/feed.atom?key=yes', expect: all(200) },
  'GET /people/:slug/feed.atom': { url: (f) => `/people/${f.personSlug}/feed.atom`, expect: all(200) },
  'GET /search/feed.atom': { url: () => '/search/feed.atom?q=budget', expect: all(200) },
  'GET /meetings/feed.rss': { url: () => '/meetings/feed.rss', expect: all(200) },
  'GET /bodies/:slug/feed.rss': { url: (f) => `/bodies/${f.bodySlug}/feed.rss`, expect: all(200) },
  'GET /decisions/feed.rss': { url: () => '/decisions/feed.rss?key=yes', expect: all(200) },
  'GET /people/:slug/feed.rss': { url: (f) => `/people/${f.personSlug}/feed.rss`, expect: all(200) },
  'GET /search/feed.rss': { url: () => '/search/feed.rss?q=budget', expect: all(200) },
  'GET /meetings/:slug': { url: (f) => `/meetings/${f.meetingSlug}`, expect: all(200) },
  'GET /meetings/:slug/items/:code': { url: (f) => `/meetings/${f.meetingSlug}/items/${f.itemCode}`, expect: all(200) },
  // The demo publishes no pack files, so the entitled find none (404); the rest are refused before the lookup.
  'GET /meetings/:slug/:file': { url: (f) => `/meetings/${f.exemptMeetingSlug}/pack-confidential.pdf`, expect: exemptOnly([200, 404]) },
  'GET /documents/:file': { url: (f) => `/documents/${f.exemptDocSlug}`, expect: exemptOnly(200) },
  'GET /documents/:file (a draft report)': { url: (f) => `/documents/${f.reportSlug}`, expect: unpublished(200) },
  'GET /documents/:slug/:version': { url: (f) => `/documents/${f.exemptDocSlug}/v1`, expect: exemptOnly(200) },
  'GET /people': { url: () => '/people', expect: all(200) },
  'GET /people/:slug': { url: (f) => `/people/${f.personSlug}`, expect: all(200) },
  'GET /people/:slug/photo': { url: (f) => `/people/${f.personSlug}/photo`, expect: all(404) },
  'GET /people/:slug/interests': { url: (f) => `/people/${f.personSlug}/interests?on=2024-05-01`, expect: all(200) },
  'GET /people/:slug/attendance': { url: (f) => `/people/${f.personSlug}/attendance`, expect: all(200) },
  'GET /people/:slug/votes': { url: (f) => `/people/${f.personSlug}/votes`, expect: all(200) },
  'GET /people/:slug/votes.csv': { url: (f) => `/people/${f.personSlug}/votes.csv`, expect: all(200) },
  'GET /people/:slug/attendance.csv': { url: (f) => `/people/${f.personSlug}/attendance.csv`, expect: all(200) },
  'GET /open-data': { url: () => '/open-data', expect: all(200) },
  'GET /open-data/:file': { url: () => '/open-data/meetings.csv', expect: all(200) },
  'GET /open-data/pdfs-:year(^\\d{4}).zip': { url: (f) => `/open-data/pdfs-${f.year}.zip`, expect: all(200) },
  'GET /open-data/pdfs-:year(^\\d{4}).zip (no record that year)': { url: () => '/open-data/pdfs-1999.zip', expect: all(404) },
  'GET /decisions': { url: () => '/decisions', expect: all(200) },
  'GET /forward-plan': { url: () => '/forward-plan', expect: all(200) },
  'GET /forward-plan/editions/:n': { url: () => '/forward-plan/editions/999', expect: all(404) },
  'GET /forward-plan/private-meetings': { url: () => '/forward-plan/private-meetings', expect: all(200) },
  'GET /reviews': { url: () => '/reviews', expect: all(200) },
  'GET /reviews/:slug': { url: () => '/reviews/no-such-review', expect: all(404) },
  'GET /follow-up': { url: () => '/follow-up', expect: all(200) },
  'GET /bodies/:slug/work-programme': { url: (f) => `/bodies/${f.bodySlug}/work-programme`, expect: all(200) },
  'GET /decisions/:slug': { url: (f) => `/decisions/${f.decisionSlug}`, expect: all(200) },
  // Performance and budget figures: published figures are for everyone (drafts are never on these routes).
  'GET /performance': { url: () => '/performance', expect: all(200) },
  'GET /performance/:period': { url: () => '/performance/2023-24-q4', expect: all(200) },
  'GET /performance/indicators/:ref': { url: () => '/performance/indicators/CS04', expect: all(200) },
  'GET /budgets/:kind/:period': { url: () => '/budgets/revenue/2024-05', expect: all(200) },
  'GET /data/:kind/:file': { url: () => '/data/revenue/2024-05.csv', expect: all(200) },
  'GET /archive': { url: () => '/archive', expect: all(200) },
  'GET /archive/:year': { url: (f) => `/archive/${f.year}`, expect: all(200) },
  'GET /sitemap.xml': { url: () => '/sitemap.xml', expect: all(200) },
  'GET /robots.txt': { url: () => '/robots.txt', expect: all(200) },
  'GET /accessibility': { url: () => '/accessibility', expect: all(200) },
  'GET /search': { url: () => '/search?q=budget', expect: all(200) },
  // The JSON API: reads are the public's view without credentials and each user's with them; exempt papers only
  // for the entitled. Writes: Democratic Services only, with a token or a session sending its CSRF token.
  'GET /api/openapi.json': { url: () => '/api/openapi.json', expect: all(200), auth: BOTH },
  'GET /api/v1/bodies': { url: () => '/api/v1/bodies?limit=5', expect: all(200), auth: BOTH },
  'GET /api/v1/bodies/:slug': { url: (f) => `/api/v1/bodies/${f.bodySlug}`, expect: all(200), auth: BOTH },
  'GET /api/v1/people': { url: () => '/api/v1/people?limit=5', expect: all(200), auth: BOTH },
  'GET /api/v1/people/:slug': { url: (f) => `/api/v1/people/${f.personSlug}`, expect: all(200), auth: BOTH },
  'GET /api/v1/people/:slug/votes': { url: (f) => `/api/v1/people/${f.personSlug}/votes`, expect: all(200), auth: BOTH },
  'GET /api/v1/people/:slug/attendance': { url: (f) => `/api/v1/people/${f.personSlug}/attendance`, expect: all(200), auth: BOTH },
  'GET /api/v1/export/popolo': { url: () => '/api/v1/export/popolo?year=2024', expect: all(200), auth: BOTH },
  'GET /api/v1/export/popolo/:collection': { url: () => '/api/v1/export/popolo/persons', expect: all(200), auth: BOTH },
  'GET /api/v1/datasets': { url: () => '/api/v1/datasets', expect: all(200), auth: BOTH },
  'GET /api/v1/datasets/:dataset': { url: () => '/api/v1/datasets/meetings?year=2024', expect: all(200), auth: BOTH },
  'GET /api/v1/meetings': { url: () => '/api/v1/meetings?limit=5', expect: all(200), auth: BOTH },
  'GET /api/v1/meetings/:slug': { url: (f) => `/api/v1/meetings/${f.exemptMeetingSlug}`, expect: all(200), auth: BOTH },
  'GET /api/v1/documents/:slug': { url: (f) => `/api/v1/documents/${f.exemptDocSlug}`, expect: exemptOnly(200), auth: BOTH },
  'GET /api/v1/documents/:slug (an unrestricted paper)': { url: (f) => `/api/v1/documents/${f.publicDocSlug}`, expect: all(200), auth: BOTH },
  // An unpublished draft: Democratic Services and its author only.
  'GET /api/v1/documents/:slug (a draft report)': { url: (f) => `/api/v1/documents/${f.reportSlug}`, expect: unpublished(200), auth: BOTH },
  'GET /api/v1/documents/:slug/versions/:version': { url: (f) => `/api/v1/documents/${f.exemptDocSlug}/versions/1`, expect: exemptOnly(200), auth: BOTH },
  'GET /api/v1/documents/:slug/versions/:version/file': { url: (f) => `/api/v1/documents/${f.exemptDocSlug}/versions/1/file`, expect: exemptOnly(200), auth: BOTH },
  'GET /api/v1/decisions': { url: () => '/api/v1/decisions?limit=5', expect: all(200), auth: BOTH },
  'GET /api/v1/decisions/:slug': { url: (f) => `/api/v1/decisions/${f.decisionSlug}`, expect: all(200), auth: BOTH },
  'GET /api/v1/data-sets': { url: () => '/api/v1/data-sets?limit=5', expect: all(200), auth: BOTH },
  'GET /api/v1/data-sets/:kind/:period': { url: () => '/api/v1/data-sets/revenue/2024-05', expect: all(200), auth: BOTH },
  'GET /api/v1/indicators': { url: () => '/api/v1/indicators?limit=5', expect: all(200), auth: BOTH },
  'GET /api/v1/indicators/:ref': { url: () => '/api/v1/indicators/CS04', expect: all(200), auth: BOTH },
  'GET /api/v1/search': { url: () => '/api/v1/search?q=budget&limit=5', expect: all(200), auth: BOTH },
  'POST /api/v1/data/imports': { url: () => '/api/v1/data/imports', json: () => ({ kind: 'revenue', period: '2024-05', fileName: 'bad.csv', contentBase64: Buffer.from('Nothing,useful\n1,2\n').toString('base64') }), expect: apiStaff(422), auth: BOTH },
  'GET /api/v1/forward-plan': { url: () => '/api/v1/forward-plan', expect: all(200), auth: BOTH },
  'GET /api/v1/reviews': { url: () => '/api/v1/reviews', expect: all(200), auth: BOTH },
  'GET /api/v1/reviews/:slug': { url: () => '/api/v1/reviews/no-such-review', expect: all(404), auth: BOTH },
  'GET /api/v1/key-decisions': { url: () => '/api/v1/key-decisions', expect: all(200), auth: BOTH },
  'GET /api/v1/decisions/:slug/timeline': { url: (f) => `/api/v1/decisions/${f.decisionSlug}/timeline`, expect: all(200), auth: BOTH },
  'GET /api/v1/call-ins': { url: () => '/api/v1/call-ins', expect: all(200), auth: BOTH },
  'GET /api/v1/notice-exceptions': { url: () => '/api/v1/notice-exceptions?from=2000-01-01&to=2100-12-31', expect: all(200), auth: BOTH },
  'GET /api/v1/follow-ups': { url: () => '/api/v1/follow-ups', expect: all(200), auth: BOTH },
  'GET /api/v1/bodies/:slug/work-programme': { url: (f) => `/api/v1/bodies/${f.bodySlug}/work-programme`, expect: all(200), auth: BOTH },
  // Schema-valid cycle writes that the service refuses (no such entry, call-in or recommendation): the guard runs first.
  'POST /api/v1/forward-plan/entries': { url: () => '/api/v1/forward-plan/entries', json: () => ({ title: 'Matrix', takerKind: 'body', takerName: 'Cabinet', key: true }), expect: apiStaff(400), auth: BOTH },
  'POST /api/v1/forward-plan/entries/:id/private-notice': { url: () => '/api/v1/forward-plan/entries/999999/private-notice', json: () => ({ publishedOn: '2024-01-01' }), expect: apiStaff(400), auth: BOTH },
  'POST /api/v1/forward-plan/entries/:id/private-urgency': { url: () => '/api/v1/forward-plan/entries/999999/private-urgency', json: () => ({ meetingOn: '2024-01-10', agreedBy: 'Chair', agreedOn: '2024-01-05', publishedOn: '2024-01-05', reason: 'Urgent' }), expect: apiStaff(400), auth: BOTH },
  // No reason given: refused on the field before anything is withdrawn.
  'POST /api/v1/documents/:slug/withdrawal': { url: (f) => `/api/v1/documents/${f.publicDocSlug}/withdrawal`, json: () => ({}), expect: apiStaff(400), auth: BOTH },
  'POST /api/v1/documents/:slug/reinstatement': { url: (f) => `/api/v1/documents/${f.publicDocSlug}/reinstatement`, json: () => ({}), expect: apiStaff(400), auth: BOTH },
  'POST /api/v1/forward-plan/editions': { url: () => '/api/v1/forward-plan/editions', json: () => ({ publishedOn: '1999-01-01' }), expect: apiStaff(400), auth: BOTH },
  'POST /api/v1/call-ins/:id/outcome': { url: () => '/api/v1/call-ins/999999/outcome', json: () => ({ outcome: 'a', on: '2024-01-01' }), expect: apiStaff(400), auth: BOTH },
  'POST /api/v1/follow-ups': { url: () => '/api/v1/follow-ups', json: () => ({ body: 'no-such-body', title: 'x', consideredOn: '2024-01-01', recommendations: [{ text: 'x' }] }), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/follow-ups/recommendations/:id/responses': { url: () => '/api/v1/follow-ups/recommendations/999999/responses', json: () => ({ text: 'x', respondedOn: '2024-01-01', dateActioned: 'TBC' }), expect: apiStaff(400), auth: BOTH },
  'POST /api/v1/bodies/:slug/work-programme': { url: () => '/api/v1/bodies/no-such-body/work-programme', json: () => ({ title: 'x' }), expect: apiStaff(404), auth: BOTH },
  // Review writes (src/api/reviews.ts): a body the service refuses, or an unknown review (404), after the guard.
  'POST /api/v1/reviews': { url: () => '/api/v1/reviews', json: () => ({ title: 'Matrix review', body: 'no-such-body', termsOfReference: 'x', startedOn: '2024-01-01', members: [{ name: 'Mr A' }] }), expect: apiStaff(400), auth: BOTH },
  'POST /api/v1/reviews/:slug/stage': { url: () => '/api/v1/reviews/no-such-review/stage', json: () => ({ to: 'evidence', on: '2024-01-01' }), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/reviews/:slug/sessions': { url: () => '/api/v1/reviews/no-such-review/sessions', json: () => ({ on: '2024-01-01', title: 'x' }), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/reviews/:slug/report': { url: () => '/api/v1/reviews/no-such-review/report', json: () => ({ fileName: 'r.pdf', contentBase64: 'JVBERi0=' }), expect: apiStaff(404), auth: BOTH },
  'GET /api/v1/webhooks': { url: () => '/api/v1/webhooks', expect: apiStaff(200), auth: BOTH },
  'POST /api/v1/webhooks': { url: () => '/api/v1/webhooks', json: () => ({ url: 'ftp://example.org/hook', events: ['agenda-published'] }), expect: apiStaff(400), auth: BOTH },
  'GET /api/v1/webhooks/:id/deliveries': { url: () => '/api/v1/webhooks/999999/deliveries', expect: apiStaff(404), auth: BOTH },
  'DELETE /api/v1/webhooks/:id': { url: () => '/api/v1/webhooks/999999', json: () => ({}), expect: apiStaff(404), auth: BOTH },
  'PUT /api/v1/webhooks/:id': { url: () => '/api/v1/webhooks/999999', json: () => ({ url: 'https://example.org/hook', events: ['agenda-published'] }), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/webhooks/:id/switch-on': { url: () => '/api/v1/webhooks/999999/switch-on', json: () => ({}), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/webhooks/:id/deliveries/:deliveryId/resend': { url: () => '/api/v1/webhooks/999999/deliveries/1/resend', json: () => ({}), expect: apiStaff(404), auth: BOTH },
  'PUT /api/v1/people/:slug/photo': { url: () => '/api/v1/people/no-such-person/photo', json: () => ({ fileName: 'a.png', contentBase64: 'AAAA' }), expect: apiStaff(404), auth: BOTH },
  'DELETE /api/v1/people/:slug/photo': { url: () => '/api/v1/people/no-such-person/photo', json: () => ({}), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/memberships/:id/portfolio': { url: () => '/api/v1/memberships/999999/portfolio', json: () => ({ portfolio: 'Finance', fromDate: '2024-01-01' }), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/bodies': { url: () => '/api/v1/bodies', json: (_f, n) => ({ name: `Matrix Panel ${n}`, kind: 'panel-or-board' }), expect: apiStaff(201), auth: BOTH },
  'POST /api/v1/people': { url: () => '/api/v1/people', json: (_f, n) => ({ surname: `Matrix${n}`, kind: 'other' }), expect: apiStaff(201), auth: BOTH },
  // Schema-valid bodies that the handler then rejects: the guard runs first, and nothing is written.
  'POST /api/v1/memberships': { url: () => '/api/v1/memberships', json: () => ({ bodyId: 999999, personId: 999999, role: 'member', startsOn: '2024-01-01' }), expect: apiStaff(400), auth: BOTH },
  // An empty body: refused as unauthorised or forbidden before the schema is checked, never answered with its errors.
  'POST /api/v1/memberships (empty body)': { url: () => '/api/v1/memberships', json: () => ({}), expect: apiStaff(400), auth: BOTH },
  'POST /api/v1/meetings': { url: () => '/api/v1/meetings', json: () => ({ bodyId: 999999, date: '2024-09-01' }), expect: apiStaff(400), auth: BOTH },
  'POST /api/v1/meetings/:slug/agenda-sections': {
    url: (f) => `/api/v1/meetings/${f.scratchMeetingSlug}/agenda-sections`, json: () => ({ title: 'Exempt business', exempt: true, items: [{ code: '9', title: 'No paragraph given' }] }),
    expect: apiStaff(400), auth: BOTH,
  },
  'PUT /api/v1/meetings/:slug/attendance': { url: (f) => `/api/v1/meetings/${f.scratchMeetingSlug}/attendance`, json: () => ({ entries: [] }), expect: apiStaff(200), auth: BOTH },
  'PUT /api/v1/meetings/:slug/declarations': { url: (f) => `/api/v1/meetings/${f.scratchMeetingSlug}/declarations`, json: () => ({ entries: [] }), expect: apiStaff(200), auth: BOTH },
  'PUT /api/v1/meetings/:slug/minutes': { url: () => '/api/v1/meetings/no-such-meeting/minutes', json: () => ({ minutes: [] }), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/decisions': { url: () => '/api/v1/decisions', json: (_f, n) => ({ takerKind: 'officer', takerName: 'Matrix', takenOn: '2024-05-31', subject: `Matrix decision ${n}`, text: 'Agreed.', reasons: 'Within the delegation.', alternatives: 'None.', status: 'draft' }),
    expect: apiStaff(201), auth: BOTH },
  // A meeting's life (src/api/lifecycle.ts): guarded before anything; an unknown meeting or decision is 404 for staff.
  'POST /api/v1/meetings/:slug/agenda/publication': { url: () => '/api/v1/meetings/no-such-meeting/agenda/publication', json: () => ({}), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/meetings/:slug/supplementary-agendas': { url: () => '/api/v1/meetings/no-such-meeting/supplementary-agendas', json: () => ({ items: ['1'] }), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/meetings/:slug/held': { url: () => '/api/v1/meetings/no-such-meeting/held', json: () => ({}), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/meetings/:slug/cancellation': { url: () => '/api/v1/meetings/no-such-meeting/cancellation', json: () => ({ status: 'cancelled', reason: 'Matrix' }), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/meetings/:slug/minutes/publication': { url: () => '/api/v1/meetings/no-such-meeting/minutes/publication', json: () => ({}), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/meetings/:slug/minutes/approval': { url: () => '/api/v1/meetings/no-such-meeting/minutes/approval', json: () => ({ atMeeting: 'another' }), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/my/decisions': { url: () => '/api/v1/my/decisions', json: () => ({}), expect: apiCouncillor(400), auth: BOTH },
  'POST /api/v1/my/decisions/:slug/take': { url: () => '/api/v1/my/decisions/no-such-decision/take', json: () => ({}), expect: apiCouncillor(404), auth: BOTH },
  'POST /api/v1/my/decisions/:slug/publication': { url: () => '/api/v1/my/decisions/no-such-decision/publication', json: () => ({}), expect: apiCouncillor(404), auth: BOTH },
  'POST /api/v1/decisions/:slug/publication': { url: () => '/api/v1/decisions/no-such-decision/publication', json: () => ({ publishedOn: '2024-06-01' }), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/meetings/:slug/papers': { url: (f) => `/api/v1/meetings/${f.scratchMeetingSlug}/papers`, json: () => ({ title: 'No file' }), expect: apiStaff(400), auth: BOTH },
  // The standing record, the agenda, the executive cycle and figures: records that do not exist (nothing changes).
  'PATCH /api/v1/bodies/:slug': { url: () => '/api/v1/bodies/no-such-body', json: () => ({ size: 3 }), expect: apiStaff(404), auth: BOTH },
  'PUT /api/v1/bodies/:slug/seats': { url: () => '/api/v1/bodies/no-such-body/seats', json: () => ({ seats: [] }), expect: apiStaff(404), auth: BOTH },
  'GET /api/v1/groups': { url: () => '/api/v1/groups', expect: all(200), auth: BOTH },
  'POST /api/v1/groups': { url: () => '/api/v1/groups', json: () => ({ name: '' }), expect: apiStaff(400), auth: BOTH },
  'PATCH /api/v1/groups/:id': { url: () => '/api/v1/groups/999999', json: () => ({ name: 'x' }), expect: apiStaff(404), auth: BOTH },
  'PATCH /api/v1/people/:slug': { url: () => '/api/v1/people/no-such-person', json: () => ({ surname: 'x' }), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/memberships/:id/end': { url: () => '/api/v1/memberships/999999/end', json: () => ({ endsOn: '2024-01-01' }), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/meetings/:slug/items': { url: () => '/api/v1/meetings/no-such-meeting/items', json: () => ({ sectionId: 1, title: 'x' }), expect: apiStaff(404), auth: BOTH },
  'PATCH /api/v1/agenda-items/:id': { url: () => '/api/v1/agenda-items/999999', json: () => ({ title: 'x' }), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/agenda-items/:id/move': { url: () => '/api/v1/agenda-items/999999/move', json: () => ({ direction: 'up' }), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/agenda-items/:id/withdrawal': { url: () => '/api/v1/agenda-items/999999/withdrawal', json: () => ({}), expect: apiStaff(404), auth: BOTH },
  'DELETE /api/v1/agenda-items/:id/withdrawal': { url: () => '/api/v1/agenda-items/999999/withdrawal', json: () => ({}), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/agenda-items/:id/deferral': { url: () => '/api/v1/agenda-items/999999/deferral', json: () => ({ toMeeting: 'no-such-meeting' }), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/agenda-items/:id/report-assignments': { url: () => '/api/v1/agenda-items/999999/report-assignments', json: () => ({ authorPersonId: 1, title: 'x' }), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/meetings/:slug/generated-papers': { url: () => '/api/v1/meetings/no-such-meeting/generated-papers', json: () => ({ kind: 'work-programme' }), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/meetings/series': { url: () => '/api/v1/meetings/series', json: () => ({}), expect: apiStaff(400), auth: BOTH },
  'POST /api/v1/call-ins/:id/refusal': { url: () => '/api/v1/call-ins/999999/refusal', json: () => ({ reason: 'x' }), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/decisions/:slug/confirmation': { url: () => '/api/v1/decisions/no-such-decision/confirmation', json: () => ({ note: 'x' }), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/decisions/:slug/implementation': { url: () => '/api/v1/decisions/no-such-decision/implementation', json: () => ({}), expect: apiStaff(404), auth: BOTH },
  'PUT /api/v1/follow-ups/recommendations/:id/verdict': { url: () => '/api/v1/follow-ups/recommendations/999999/verdict', json: () => ({ verdict: 'satisfactory', on: '2024-01-01' }), expect: apiStaff(400), auth: BOTH },
  'POST /api/v1/forward-plan/entries/:id/moves': { url: () => '/api/v1/forward-plan/entries/999999/moves', json: () => ({ to: 'deferred' }), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/data-sets/:kind/:period/publication': { url: () => '/api/v1/data-sets/revenue/2031-01/publication', json: () => ({}), expect: apiStaff(404), auth: BOTH },
  'DELETE /api/v1/data-sets/:kind/:period/publication': { url: () => '/api/v1/data-sets/revenue/2031-01/publication', json: () => ({}), expect: apiStaff(404), auth: BOTH },
  'POST /api/v1/data-sets/:kind/:period/agenda-items': { url: () => '/api/v1/data-sets/revenue/2031-01/agenda-items', json: () => ({ agendaItemId: 1 }), expect: apiStaff(404), auth: BOTH },
  'DELETE /api/v1/data-sets/:kind/:period/agenda-items/:itemId': { url: () => '/api/v1/data-sets/revenue/2031-01/agenda-items/1', json: () => ({}), expect: apiStaff(404), auth: BOTH },
  // Accounts and tokens: administrators only.
  'GET /api/v1/users': { url: () => '/api/v1/users', expect: apiAdmin(200), auth: BOTH },
  'POST /api/v1/users': { url: () => '/api/v1/users', json: () => ({}), expect: apiAdmin(400), auth: BOTH },
  'PATCH /api/v1/users/:id': { url: () => '/api/v1/users/999999', json: () => ({ role: 'clerk' }), expect: apiAdmin(404), auth: BOTH },
  'GET /api/v1/users/:id/tokens': { url: () => '/api/v1/users/999999/tokens', expect: apiAdmin(404), auth: BOTH },
  'POST /api/v1/users/:id/tokens': { url: () => '/api/v1/users/999999/tokens', json: () => ({ name: 'x' }), expect: apiAdmin(404), auth: BOTH },
  'DELETE /api/v1/users/:id/tokens/:tokenId': { url: () => '/api/v1/users/999999/tokens/1', json: () => ({}), expect: apiAdmin(404), auth: BOTH },
  // Report authors: their own reports only; the clerk's review needs 'approve-report'.
  'GET /author': { url: () => '/author', expect: authorOnly(200) },
  'GET /author/reports/new': { url: () => '/author/reports/new', expect: authorOnly(200) },
  'POST /author/reports': { url: () => '/author/reports', form: {}, expect: authorOnly(400) },
  // The author's own exempt draft: theirs alone (staff review it at /author/review/:id).
  'GET /author/reports/:id': { url: (f) => `/author/reports/${f.reportId}`, expect: { ...authorOnly(200), clerk: 404, administrator: 404 } },
  'POST /author/reports/:id': { url: (f) => `/author/reports/${f.reportId}`, form: {}, expect: { ...authorOnly(400), clerk: 404, administrator: 404 } },
  'GET /author/reports/:id/preview.pdf': { url: (f) => `/author/reports/${f.reportId}/preview.pdf`, expect: { ...authorOnly(200), clerk: 404, administrator: 404 } },
  // Incomplete (no summary, recommendations...): refused for submission.
  'POST /author/reports/:id/submit': { url: (f) => `/author/reports/${f.reportId}/submit`, form: {}, expect: { ...authorOnly(400), clerk: 404, administrator: 404 } },
  'POST /author/reports/:id/appendices': { url: (f) => `/author/reports/${f.reportId}/appendices`, form: {}, expect: { ...authorOnly(400), clerk: 404, administrator: 404 } },
  'GET /author/review': { url: () => '/author/review', expect: staffOnly(200) },
  'GET /author/review/:id': { url: (f) => `/author/review/${f.reportId}`, expect: staffOnly(200) },
  'GET /author/review/:id/preview.pdf': { url: (f) => `/author/review/${f.reportId}/preview.pdf`, expect: staffOnly(200) },
  // A draft has not been submitted: it can be neither approved nor returned.
  'POST /author/review/:id/approve': { url: (f) => `/author/review/${f.reportId}/approve`, form: {}, expect: staffOnly(400) },
  'POST /author/review/:id/return': { url: (f) => `/author/review/${f.reportId}/return`, form: {}, expect: staffOnly(400) },
  // The councillors' area: councillors linked to their person; exempt papers only where entitled.
  'GET /my': { url: () => '/my', expect: councillorOnly(200) },
  'GET /my/meetings': { url: () => '/my/meetings', expect: councillorOnly(200) },
  'GET /my/papers': { url: () => '/my/papers', expect: councillorOnly(200) },
  'GET /my/papers/:slug': { url: (f) => `/my/papers/${f.exemptDocSlug}.pdf`, expect: { public: 303, councillor: 200, 'councillor-elsewhere': 403, 'report-author': 403, clerk: 200, administrator: 200 } },
  'GET /my/call-ins': { url: () => '/my/call-ins', expect: councillorOnly(200) },
  'POST /my/call-ins/:id': { url: () => '/my/call-ins/999999', form: {}, expect: councillorOnly(400) },
  // A Cabinet Member's own decisions: any councillor sees the page (it says when they hold no portfolio); another's decision is not theirs (404).
  'GET /my/decisions': { url: () => '/my/decisions', expect: councillorOnly(200) },
  'GET /my/decisions/new': { url: () => '/my/decisions/new', expect: councillorOnly(200) },
  'POST /my/decisions/new': { url: () => '/my/decisions/new', form: {}, expect: councillorOnly(400) },
  'POST /my/decisions/:id/take': { url: () => '/my/decisions/999999/take', form: {}, expect: councillorOnly(404) },
  'POST /my/decisions/:id/publish': { url: () => '/my/decisions/999999/publish', form: {}, expect: councillorOnly(404) },
  'GET /my/declarations': { url: () => '/my/declarations', expect: councillorOnly(200) },
  'GET /my/interests': { url: () => '/my/interests', expect: councillorOnly(200) },
  'POST /my/interests': { url: () => '/my/interests', form: {}, expect: councillorOnly(400) },
  // Another councillor's interest is not theirs to know of (404).
  'GET /my/interests/:id/edit': { url: (f) => `/my/interests/${f.interestId}/edit`, expect: councillorOnly(200, 404) },
  'POST /my/interests/:id': { url: (f) => `/my/interests/${f.interestId}`, form: {}, expect: councillorOnly(400, 404) },
  'POST /my/interests/:id/remove': { url: (f) => `/my/interests/${f.interestId}/remove`, form: {}, expect: councillorOnly(303, 404) },
  // The clerk's workspace: 'manage-record' on every route.
  'GET /workspace': { url: () => '/workspace', expect: staffOnly(200) },
  'GET /workspace/bodies': { url: () => '/workspace/bodies', expect: staffOnly(200) },
  'GET /workspace/bodies/new': { url: () => '/workspace/bodies/new', expect: staffOnly(200) },
  'POST /workspace/bodies/new': { url: () => '/workspace/bodies/new', form: {}, expect: staffOnly(400) },
  'GET /workspace/bodies/:id': { url: (f) => `/workspace/bodies/${f.wsBodyId}`, expect: staffOnly(200) },
  'GET /workspace/bodies/:id/edit': { url: (f) => `/workspace/bodies/${f.wsBodyId}/edit`, expect: staffOnly(200) },
  'POST /workspace/bodies/:id/edit': { url: (f) => `/workspace/bodies/${f.wsBodyId}/edit`, form: {}, expect: staffOnly(400) },
  // An empty form would clear the body's seats: send a count that is not a number.
  'POST /workspace/bodies/:id/seats': { url: (f) => `/workspace/bodies/${f.wsBodyId}/seats`, form: (f) => ({ [`seats-${f.wsGroupId}`]: 'many' }), expect: staffOnly(400) },
  'GET /workspace/groups': { url: () => '/workspace/groups', expect: staffOnly(200) },
  'POST /workspace/groups': { url: () => '/workspace/groups', form: {}, expect: staffOnly(400) },
  'GET /workspace/webhooks': { url: () => '/workspace/webhooks', expect: staffOnly(200) },
  'POST /workspace/webhooks': { url: () => '/workspace/webhooks', form: { url: 'not an address' }, expect: staffOnly(400) },
  'GET /workspace/webhooks/:id': { url: () => '/workspace/webhooks/999999', expect: staffOnly(404) },
  'POST /workspace/webhooks/:id/off': { url: () => '/workspace/webhooks/999999/off', form: {}, expect: staffOnly(404) },
  'POST /workspace/webhooks/:id': { url: () => '/workspace/webhooks/999999', form: { url: 'https://example.org/hook', events: 'agenda-published' }, expect: staffOnly(404) },
  'POST /workspace/webhooks/:id/on': { url: () => '/workspace/webhooks/999999/on', form: {}, expect: staffOnly(404) },
  'POST /workspace/webhooks/:id/deliveries/:delivery/resend': { url: () => '/workspace/webhooks/999999/deliveries/1/resend', form: {}, expect: staffOnly(404) },
  'GET /workspace/groups/:id': { url: (f) => `/workspace/groups/${f.wsGroupId}`, expect: staffOnly(200) },
  'POST /workspace/groups/:id': { url: (f) => `/workspace/groups/${f.wsGroupId}`, form: {}, expect: staffOnly(400) },
  'GET /workspace/people': { url: () => '/workspace/people', expect: staffOnly(200) },
  'GET /workspace/people/new': { url: () => '/workspace/people/new', expect: staffOnly(200) },
  'POST /workspace/people/new': { url: () => '/workspace/people/new', form: {}, expect: staffOnly(400) },
  'GET /workspace/people/:id': { url: (f) => `/workspace/people/${f.wsPersonId}`, expect: staffOnly(200) },
  'POST /workspace/people/:id': { url: (f) => `/workspace/people/${f.wsPersonId}`, form: {}, expect: staffOnly(400) },
  'POST /workspace/people/:id/photo': { url: (f) => `/workspace/people/${f.wsPersonId}/photo`, form: {}, expect: staffOnly(400) },
  'GET /workspace/bodies/:id/members/new': { url: (f) => `/workspace/bodies/${f.wsBodyId}/members/new`, expect: staffOnly(200) },
  'POST /workspace/bodies/:id/members/new': { url: (f) => `/workspace/bodies/${f.wsBodyId}/members/new`, form: {}, expect: staffOnly(400) },
  'GET /workspace/memberships/:id/end': { url: (f) => `/workspace/memberships/${f.wsMembershipId}/end`, expect: staffOnly(200) },
  'POST /workspace/memberships/:id/end': { url: (f) => `/workspace/memberships/${f.wsMembershipId}/end`, form: {}, expect: staffOnly(400) },
  'GET /workspace/memberships/:id/portfolio': { url: (f) => `/workspace/memberships/${f.wsMembershipId}/portfolio`, expect: staffOnly(200) },
  'POST /workspace/memberships/:id/portfolio': { url: (f) => `/workspace/memberships/${f.wsMembershipId}/portfolio`, form: {}, expect: staffOnly(400) },
  'GET /workspace/meetings': { url: () => '/workspace/meetings', expect: staffOnly(200) },
  'GET /workspace/meetings/new': { url: () => '/workspace/meetings/new', expect: staffOnly(200) },
  'POST /workspace/meetings/new': { url: () => '/workspace/meetings/new', form: {}, expect: staffOnly(400) },
  'GET /workspace/meetings/series': { url: () => '/workspace/meetings/series', expect: staffOnly(200) },
  'POST /workspace/meetings/series': { url: () => '/workspace/meetings/series', form: {}, expect: staffOnly(400) },
  'GET /workspace/meetings/:id': { url: (f) => `/workspace/meetings/${f.scratchMeetingId}`, expect: staffOnly(200) },
  // A meeting in the future cannot be marked as held.
  'POST /workspace/meetings/:id/held': { url: (f) => `/workspace/meetings/${f.scratchMeetingId}/held`, form: {}, expect: staffOnly(400) },
  'POST /workspace/meetings/:id/cancel': { url: (f) => `/workspace/meetings/${f.scratchMeetingId}/cancel`, form: {}, expect: staffOnly(400) },
  'GET /workspace/meetings/:id/agenda': { url: (f) => `/workspace/meetings/${f.scratchMeetingId}/agenda`, expect: staffOnly(200) },
  'POST /workspace/meetings/:id/sections': { url: (f) => `/workspace/meetings/${f.scratchMeetingId}/sections`, form: {}, expect: staffOnly(400) },
  // A kind of paper that is not generated from the record: refused with the reason on the agenda page.
  'POST /workspace/meetings/:id/generated/:kind': { url: (f) => `/workspace/meetings/${f.scratchMeetingId}/generated/minutes`, form: {}, expect: staffOnly(400) },
  'GET /workspace/meetings/:id/items/new': { url: (f) => `/workspace/meetings/${f.scratchMeetingId}/items/new`, expect: staffOnly(200) },
  'POST /workspace/meetings/:id/items/new': { url: (f) => `/workspace/meetings/${f.scratchMeetingId}/items/new`, form: {}, expect: staffOnly(400) },
  'GET /workspace/items/:id': { url: (f) => `/workspace/items/${f.scratchItemId}`, expect: staffOnly(200) },
  'POST /workspace/items/:id': { url: (f) => `/workspace/items/${f.scratchItemId}`, form: {}, expect: staffOnly(400) },
  // Harmless changes to the workspace's own meeting, made by each staff probe in turn.
  'POST /workspace/items/:id/move-up': { url: (f) => `/workspace/items/${f.scratchItemId}/move-up`, form: {}, expect: staffOnly([303, 400]) },
  'POST /workspace/items/:id/move-down': { url: (f) => `/workspace/items/${f.scratchItemId}/move-down`, form: {}, expect: staffOnly([303, 400]) },
  'POST /workspace/items/:id/withdraw': { url: (f) => `/workspace/items/${f.scratchItemId}/withdraw`, form: {}, expect: staffOnly([303, 400]) },
  'POST /workspace/items/:id/reinstate': { url: (f) => `/workspace/items/${f.scratchItemId}/reinstate`, form: {}, expect: staffOnly([303, 400]) },
  'GET /workspace/items/:id/defer': { url: (f) => `/workspace/items/${f.scratchItemId}/defer`, expect: staffOnly(200) },
  'POST /workspace/items/:id/defer': { url: (f) => `/workspace/items/${f.scratchItemId}/defer`, form: {}, expect: staffOnly(400) },
  'GET /workspace/items/:id/papers': { url: (f) => `/workspace/items/${f.scratchItemId}/papers`, expect: staffOnly(200) },
  'POST /workspace/items/:id/papers': { url: (f) => `/workspace/items/${f.scratchItemId}/papers`, form: {}, expect: staffOnly(400) },
  // No paper 999999 on the scratch item: the clerk's answer is 404 before anything is withdrawn.
  'GET /workspace/items/:id/papers/:paperId/withdraw': { url: (f) => `/workspace/items/${f.scratchItemId}/papers/999999/withdraw`, expect: staffOnly(404) },
  'POST /workspace/items/:id/papers/:paperId/withdraw': { url: (f) => `/workspace/items/${f.scratchItemId}/papers/999999/withdraw`, form: { reason: 'Matrix' }, expect: staffOnly(404) },
  'GET /workspace/items/:id/papers/:paperId/reinstate': { url: (f) => `/workspace/items/${f.scratchItemId}/papers/999999/reinstate`, expect: staffOnly(404) },
  'POST /workspace/items/:id/papers/:paperId/reinstate': { url: (f) => `/workspace/items/${f.scratchItemId}/papers/999999/reinstate`, form: { reason: 'Matrix' }, expect: staffOnly(404) },
  'GET /workspace/meetings/:id/papers-sent': { url: (f) => `/workspace/meetings/${f.scratchMeetingId}/papers-sent`, expect: staffOnly(200) },
  'GET /workspace/meetings/:id/publish': { url: (f) => `/workspace/meetings/${f.scratchMeetingId}/publish`, expect: staffOnly(200) },
  'GET /workspace/meetings/:id/publish/preview.pdf': { url: (f) => `/workspace/meetings/${f.scratchMeetingId}/publish/preview.pdf`, expect: staffOnly(200) },
  'POST /workspace/meetings/:id/publish': { url: (f) => `/workspace/meetings/${f.scratchMeetingId}/publish`, form: {}, expect: staffOnly(400) },
  'POST /workspace/meetings/:id/publish-supplementary': { url: (f) => `/workspace/meetings/${f.scratchMeetingId}/publish-supplementary`, form: {}, expect: staffOnly(400) },
  'GET /workspace/meetings/:id/attendance': { url: (f) => `/workspace/meetings/${f.heldMeetingId}/attendance`, expect: staffOnly(200) },
  'POST /workspace/meetings/:id/attendance': { url: (f) => `/workspace/meetings/${f.scratchMeetingId}/attendance`, form: {}, expect: staffOnly(400) },
  'GET /workspace/meetings/:id/declarations': { url: (f) => `/workspace/meetings/${f.heldMeetingId}/declarations`, expect: staffOnly(200) },
  'POST /workspace/meetings/:id/declarations': { url: (f) => `/workspace/meetings/${f.heldMeetingId}/declarations`, form: {}, expect: staffOnly(400) },
  'POST /workspace/meetings/:id/declarations/:declarationId/remove': {
    url: (f, probe) => `/workspace/meetings/${f.heldMeetingId}/declarations/${f.declarationIds[probe]}/remove`, form: {}, expect: staffOnly(303),
  },
  'GET /workspace/meetings/:id/minutes': { url: (f) => `/workspace/meetings/${f.heldMeetingId}/minutes`, expect: staffOnly(200) },
  'GET /workspace/meetings/:id/minutes/:itemId': { url: (f) => `/workspace/meetings/${f.heldMeetingId}/minutes/${f.heldItemId}`, expect: staffOnly(200) },
  'POST /workspace/meetings/:id/minutes/:itemId': { url: (f) => `/workspace/meetings/${f.heldMeetingId}/minutes/${f.heldItemId}`, form: {}, expect: staffOnly(400) },
  'POST /workspace/meetings/:id/minutes/publish': { url: (f) => `/workspace/meetings/${f.scratchMeetingId}/minutes/publish`, form: {}, expect: staffOnly(400) },
  'GET /workspace/meetings/:id/minutes/approve': { url: (f) => `/workspace/meetings/${f.heldMeetingId}/minutes/approve`, expect: staffOnly(200) },
  'POST /workspace/meetings/:id/minutes/approve': { url: (f) => `/workspace/meetings/${f.heldMeetingId}/minutes/approve`, form: {}, expect: staffOnly(400) },
  'GET /workspace/decisions': { url: () => '/workspace/decisions', expect: staffOnly(200) },
  'GET /workspace/decisions/new': { url: () => '/workspace/decisions/new', expect: staffOnly(200) },
  'POST /workspace/decisions/new': { url: () => '/workspace/decisions/new', form: {}, expect: staffOnly(400) },
  'GET /workspace/decisions/:id': { url: (f) => `/workspace/decisions/${f.wsDecisionId}`, expect: staffOnly(200) },
  'POST /workspace/decisions/:id/publish': { url: (f) => `/workspace/decisions/${f.wsDecisionId}/publish`, form: {}, expect: staffOnly(400) },
  'GET /workspace/forward-plan': { url: () => '/workspace/forward-plan', expect: staffOnly(200) },
  'POST /workspace/forward-plan/entries': { url: () => '/workspace/forward-plan/entries', form: {}, expect: staffOnly(400) },
  'POST /workspace/forward-plan/publish': { url: () => '/workspace/forward-plan/publish', form: {}, expect: staffOnly(400) },
  'GET /workspace/forward-plan/entries/:id': { url: () => '/workspace/forward-plan/entries/999999', expect: staffOnly(404) },
  'POST /workspace/forward-plan/entries/:id/move': { url: () => '/workspace/forward-plan/entries/999999/move', form: {}, expect: staffOnly(404) },
  'POST /workspace/forward-plan/entries/:id/private-notice': { url: () => '/workspace/forward-plan/entries/999999/private-notice', form: {}, expect: staffOnly(404) },
  'POST /workspace/forward-plan/entries/:id/private-urgency': { url: () => '/workspace/forward-plan/entries/999999/private-urgency', form: {}, expect: staffOnly(404) },
  'GET /workspace/reviews': { url: () => '/workspace/reviews', expect: staffOnly(200) },
  'POST /workspace/reviews': { url: () => '/workspace/reviews', form: {}, expect: staffOnly(400) },
  'GET /workspace/reviews/:id': { url: () => '/workspace/reviews/999999', expect: staffOnly(404) },
  'POST /workspace/reviews/:id/stage': { url: () => '/workspace/reviews/999999/stage', form: {}, expect: staffOnly(404) },
  'POST /workspace/reviews/:id/sessions': { url: () => '/workspace/reviews/999999/sessions', form: {}, expect: staffOnly(404) },
  'POST /workspace/reviews/:id/report': { url: () => '/workspace/reviews/999999/report', form: {}, expect: staffOnly(404) },
  'GET /workspace/call-ins': { url: () => '/workspace/call-ins', expect: staffOnly(200) },
  'GET /workspace/call-ins/:id': { url: () => '/workspace/call-ins/999999', expect: staffOnly(404) },
  'POST /workspace/call-ins/:id/outcome': { url: () => '/workspace/call-ins/999999/outcome', form: {}, expect: staffOnly(404) },
  'POST /workspace/call-ins/:id/refuse': { url: () => '/workspace/call-ins/999999/refuse', form: {}, expect: staffOnly(404) },
  'POST /workspace/decisions/:id/confirm': { url: () => '/workspace/decisions/999999/confirm', form: {}, expect: staffOnly(400) },
  'POST /workspace/decisions/:id/implement': { url: () => '/workspace/decisions/999999/implement', form: {}, expect: staffOnly(400) },
  'GET /workspace/follow-up': { url: () => '/workspace/follow-up', expect: staffOnly(200) },
  'POST /workspace/follow-up': { url: () => '/workspace/follow-up', form: {}, expect: staffOnly(400) },
  'POST /workspace/follow-up/recommendations/:id/respond': { url: () => '/workspace/follow-up/recommendations/999999/respond', form: {}, expect: staffOnly(400) },
  'POST /workspace/follow-up/recommendations/:id/verdict': { url: () => '/workspace/follow-up/recommendations/999999/verdict', form: {}, expect: staffOnly(400) },
  // Workspace: performance and budget figures (drafts are staff-only pages)
  'GET /workspace/data': { url: () => '/workspace/data', expect: staffOnly(200) },
  'GET /workspace/data/templates/:file': { url: () => '/workspace/data/templates/revenue.xlsx', expect: staffOnly(200) },
  'GET /workspace/data/upload': { url: () => '/workspace/data/upload', expect: staffOnly(200) },
  'POST /workspace/data/upload': { url: () => '/workspace/data/upload', form: {}, expect: staffOnly(400) },
  'GET /workspace/data/:id': { url: (f) => `/workspace/data/${f.dataSetId}`, expect: staffOnly(200) },
  'POST /workspace/data/:id/publish': { url: (f) => `/workspace/data/${f.dataSetId}/publish`, form: {}, expect: staffOnly(303) },
  'POST /workspace/data/:id/withdraw': { url: () => '/workspace/data/999999/withdraw', form: {}, expect: staffOnly(404) },
  'POST /workspace/data/:id/attach': { url: (f) => `/workspace/data/${f.dataSetId}/attach`, form: { item: '999999' }, expect: staffOnly(400) },
  'POST /workspace/data/:id/detach': { url: () => '/workspace/data/999999/detach', form: {}, expect: staffOnly(404) },
  'GET /workspace/bodies/:id/work-programme': { url: (f) => `/workspace/bodies/${f.wsBodyId}/work-programme`, expect: staffOnly(200) },
  'POST /workspace/bodies/:id/work-programme': { url: (f) => `/workspace/bodies/${f.wsBodyId}/work-programme`, form: {}, expect: staffOnly(400) },
  'POST /workspace/items/:id/assign-report': { url: (f) => `/workspace/items/${f.scratchItemId}/assign-report`, form: {}, expect: staffOnly(400) },
};

type Users = Record<Exclude<Probe, 'public'>, number>;

async function fixture(store: Store): Promise<{ f: Fixture; users: Users }> {
  const { db } = store;
  // An exempt paper of a meeting, with its file, and a councillor sitting on that meeting's body today.
  const doc = await db.selectFrom('document').innerJoin('meeting', 'meeting.id', 'document.meeting_id')
    .innerJoin('document_version', (j) => j.onRef('document_version.document_id', '=', 'document.id').on('document_version.version', '=', 1))
    .select(['document.slug', 'document.author_person_id', 'meeting.slug as meeting_slug', 'meeting.body_id', 'meeting.id as meeting_id'])
    .where('document.classification', '=', 'exempt').where('document.workflow_status', 'is', null).where('document_version.sha256', 'is not', null)
    .orderBy('document.id').executeTakeFirstOrThrow();
  const member = await db.selectFrom('membership').innerJoin('person', 'person.id', 'membership.person_id').select(['person.id'])
    .where('membership.body_id', '=', doc.body_id).where('person.kind', '=', 'councillor').where('membership.starts_on', '<=', TODAY)
    .where((eb) => eb.or([eb('membership.ends_on', 'is', null), eb('membership.ends_on', '>=', TODAY)])).executeTakeFirstOrThrow();
  const onBody = db.selectFrom('membership').select('person_id').where('body_id', '=', doc.body_id);
  const outsider = await db.selectFrom('person').select('id').where('kind', '=', 'councillor').where('id', 'not in', onBody)
    .where('id', 'not in', db.selectFrom('exempt_grant').select('person_id').where('meeting_id', '=', doc.meeting_id)).executeTakeFirstOrThrow();
  const meeting = await db.selectFrom('meeting').innerJoin('agenda_item', 'agenda_item.meeting_id', 'meeting.id').innerJoin('body', 'body.id', 'meeting.body_id')
    .select(['meeting.id', 'meeting.slug', 'meeting.date', 'meeting.body_id', 'agenda_item.id as item_id', 'agenda_item.code', 'body.slug as body_slug'])
    .where('agenda_item.exempt', '=', 0).where('meeting.date', '<=', TODAY).where('meeting.status', '=', 'held')
    // a held meeting with a published unrestricted paper on an open item (the demo's latest may have none yet)
    .where((eb) => eb.exists(eb.selectFrom('document as d').innerJoin('agenda_item as di', 'di.id', 'd.agenda_item_id').select('d.id')
      .whereRef('d.meeting_id', '=', 'meeting.id').where('d.classification', '=', 'unrestricted').where('di.exempt', '=', 0).where('d.workflow_status', 'is', null)))
    .orderBy('meeting.date', 'desc').executeTakeFirstOrThrow();
  const person = await db.selectFrom('person').select('slug').where('id', '=', member.id).executeTakeFirstOrThrow();
  const decision = await db.selectFrom('decision').select(['id', 'slug']).where('contains_exempt_information', '=', 0).orderBy('id').executeTakeFirstOrThrow();
  const publicDoc = await db.selectFrom('document').innerJoin('agenda_item', 'agenda_item.id', 'document.agenda_item_id').select('document.slug')
    .where('document.meeting_id', '=', meeting.id).where('document.classification', '=', 'unrestricted').where('agenda_item.exempt', '=', 0)
    .where('document.workflow_status', 'is', null).orderBy('document.id').executeTakeFirstOrThrow();
  const group = await db.selectFrom('political_group').select('id').orderBy('id').executeTakeFirstOrThrow();
  const membership = await db.selectFrom('membership').select('id').where('body_id', '=', meeting.body_id).where('ends_on', 'is', null).orderBy('id').executeTakeFirstOrThrow();

  // The report author: an officer in the record, with an exempt draft of their own.
  const authorPersonId = await createPerson(db, SYSTEM_ACTOR, { surname: 'Matrix-Author', forenames: 'Rita', kind: 'officer' });
  const users: Users = {
    councillor: (await addUser(store, 'councillor', { personId: member.id })).id,
    'councillor-elsewhere': (await addUser(store, 'councillor', { personId: outsider.id })).id,
    'report-author': (await addUser(store, 'report-author', { personId: authorPersonId })).id,
    clerk: (await addUser(store, 'clerk')).id,
    administrator: (await addUser(store, 'administrator')).id,
  };
  const victimUserId = (await addUser(store, 'clerk')).id;
  const reportId = await createReport(db, SYSTEM_ACTOR, authorPersonId, { meetingId: doc.meeting_id },
    { ...blankReport(), subject: 'Matrix: acquisition of land', classification: 'exempt', exemptParagraphs: [3] });
  const reportSlug = (await db.selectFrom('document').select('slug').where('id', '=', reportId).executeTakeFirstOrThrow()).slug;
  const interestId = await addInterest(db, SYSTEM_ACTOR, member.id, { category: INTEREST_CATEGORIES[0], description: 'Matrix: a paid directorship' }, TODAY);

  // The workspace's own meeting, three months ahead, with two items to move, withdraw and reinstate.
  const scratch = await createMeeting(db, SYSTEM_ACTOR, { bodyId: meeting.body_id, date: '2024-09-03' });
  const [scratchItem] = await insertAgenda(db, scratch.id, [{ title: 'Matrix business', items: [{ code: '1', title: 'First' }, { code: '2', title: 'Second' }] }]);
  // One declaration per probe on the held meeting (recordDeclarations replaces the record: keep what was there).
  const existing = await db.selectFrom('declaration').select(['agenda_item_id', 'person_id', 'person_name', 'kind', 'nature', 'dispensation']).where('meeting_id', '=', meeting.id).execute();
  await recordDeclarations(db, SYSTEM_ACTOR, meeting.id, [
    ...existing.map((d) => ({ agendaItemId: d.agenda_item_id, personId: d.person_id, personName: d.person_name, kind: d.kind as (typeof INTEREST_KINDS)[number], nature: d.nature, dispensation: d.dispensation })),
    ...PROBES.map((p) => ({ personName: `Matrix ${p}`, kind: INTEREST_KINDS[0], nature: `Matrix declaration for ${p}` })),
  ]);
  const declared = await db.selectFrom('declaration').select(['id', 'person_name']).where('meeting_id', '=', meeting.id).where('person_name', 'like', 'Matrix %').execute();
  const dataSet = await db.selectFrom('data_set').select('id').where('kind', '=', 'revenue').where('published_version', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
  const declarationIds = Object.fromEntries(PROBES.map((p) => [p, declared.find((d) => d.person_name === `Matrix ${p}`)!.id])) as Record<Probe, number>;

  return {
    f: {
      bodySlug: meeting.body_slug, meetingSlug: meeting.slug, itemCode: meeting.code, exemptMeetingSlug: doc.meeting_slug, exemptDocSlug: doc.slug,
      personSlug: person.slug, decisionSlug: decision.slug, year: meeting.date.slice(0, 4), victimUserId, publicDocSlug: publicDoc.slug, reportId, reportSlug, interestId,
      wsBodyId: meeting.body_id, wsGroupId: group.id, wsPersonId: member.id, wsMembershipId: membership.id, wsDecisionId: decision.id,
      heldMeetingId: meeting.id, heldItemId: meeting.item_id, scratchMeetingId: scratch.id, scratchMeetingSlug: scratch.slug, scratchItemId: scratchItem.id, declarationIds, dataSetId: dataSet.id,
    },
    users,
  };
}

describe.each(STORE_KINDS)('role-by-route matrix over the demo council on %s', (kind) => {
  const get = useTestStore(kind);
  let app: FastifyInstance | null = null;
  afterAll(async () => app?.close());

  it('gives every role the expected status on every registered route', { timeout: 300_000 }, async (ctx) => {
    const { store } = get(ctx);
    await loadDemo(store, { years: 1, today: TODAY, seed: 7 });
    const { f, users } = await fixture(store);
    app = await buildApp({ store, today: () => TODAY, routes: registerPortal() });
    await app.ready();

    const registered = [...new Set(app.registeredRoutes.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`))];
    const covered = new Set(Object.keys(MATRIX).map(routeOf));
    const uncovered = registered.filter((k) => !covered.has(k));
    expect(uncovered, 'routes missing from the matrix in test/web/auth/route-matrix.test.ts: add a row for each').toEqual([]);
    const stale = Object.keys(MATRIX).filter((k) => !registered.includes(routeOf(k)));
    expect(stale, 'matrix rows for routes that no longer exist').toEqual([]);

    // One session and one API token per role, made once (a row that ends its session gets one of its own).
    const sessions = new Map<Probe, { token: string; csrfToken: string }>();
    const tokens = new Map<Probe, string>();
    for (const probe of PROBES) {
      if (probe === 'public') continue;
      sessions.set(probe, await createSession(store.db, users[probe]));
      tokens.set(probe, (await createApiToken(store.db, SYSTEM_ACTOR, users[probe], 'matrix')).token);
    }

    const failures: string[] = [];
    let ip = 0;
    let n = 0;
    let requests = 0;
    for (const [key, row] of Object.entries(MATRIX)) {
      const method = key.split(' ')[0];
      for (const auth of row.auth ?? ['session']) {
        for (const probe of PROBES) {
          const remoteAddress = `10.9.${Math.floor(ip / 200)}.${ip++ % 200}`;
          const headers: Record<string, string> = {};
          let csrf = 'pre-session-token-for-the-matrix';
          if (probe === 'public') {
            if (auth === 'session') headers.cookie = `moot_csrf=${csrf}`;
          } else if (auth === 'bearer') {
            headers.authorization = `Bearer ${tokens.get(probe)}`;
          } else {
            const s = row.endsSession ? await createSession(store.db, users[probe]) : sessions.get(probe)!;
            headers.cookie = `moot_session=${s.token}`;
            csrf = s.csrfToken;
          }
          const url = row.url(f, probe);
          let payload: string | undefined;
          if (row.json) {
            headers['content-type'] = 'application/json';
            if (auth === 'session') headers['x-csrf-token'] = csrf;
            payload = JSON.stringify(row.json(f, ++n));
          } else if (row.form) {
            headers['content-type'] = 'application/x-www-form-urlencoded';
            payload = new URLSearchParams({ ...(typeof row.form === 'function' ? row.form(f) : row.form), _csrf: csrf }).toString();
          }
          const res = await app.inject({ method: method as 'GET', url, headers, payload, remoteAddress });
          requests++;
          const expected = typeof row.expect === 'object' && !Array.isArray(row.expect) ? row.expect[probe] : row.expect;
          const ok = Array.isArray(expected) ? expected.includes(res.statusCode) : res.statusCode === expected;
          const label = `${probe.padEnd(20)} ${auth === 'bearer' ? '(token) ' : ''}${method} ${url}`;
          if (!ok) failures.push(`${label} → ${res.statusCode}, expected ${JSON.stringify(expected)}${res.statusCode >= 400 && url.startsWith('/api/') ? ` ${res.body.slice(0, 160)}` : ''}`);
          if (res.statusCode >= 500) failures.push(`${label} → a server error: bad input must get a clear 4xx`);
          if (res.statusCode === 303 && probe === 'public' && expected === 303) {
            // A refusal for the public is the sign-in page with a way back, never somewhere else.
            if (!String(res.headers.location).startsWith('/account/')) failures.push(`public ${method} ${url} redirected to ${res.headers.location}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(registered.length * PROBES.length);
  });
});
