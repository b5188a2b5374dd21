// Renders a fixed set of demo pages to a folder, to check that a change to the views or to Nunjucks' runtime leaves
// every byte as it was (issue 17): `npx tsx bench/_render-snapshot.ts DIR` before and after, then `diff -r`.
// Over the portal bench's 10-year archive (bench/out/portal-10y; `npm run bench -- portal` loads it): lists, 30
// meetings, every committee, 12 people, 17 decisions, 28 agenda items and 10 papers, for the public (the second
// request, from the page cache, with its ETag) and signed in as a councillor, and 40 workspace and councillor pages
// as a clerk and a councillor. CSP nonces, CSRF tokens and the made-up accounts' addresses are masked; signed-in ETags (they cover the token) left out.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../src/store/db.js';
import { buildApp } from '../src/web/app.js';
import { registerPortal } from '../src/server.js';
import { createSession, createUser } from '../src/services/accounts.js';
import type { Actor } from '../src/domain/types.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: npx tsx bench/_render-snapshot.ts DIR');
mkdirSync(dir, { recursive: true });
const store = await openStore({ dataDir: join('bench', 'out', 'portal-10y'), databaseUrl: null });
const app = await buildApp({ store, logger: false, today: () => '2012-03-01', routes: registerPortal() });
const db = store.db;
const cli: Actor = { kind: 'cli', id: null, name: 'render-snapshot' };
const person = await db.selectFrom('person').select('id').where('slug', '=', 'barry-holloway').executeTakeFirstOrThrow();
const signIn = async (role: 'councillor' | 'clerk', personId: number | null) => {
  const id = await createUser(db, cli, { email: `snapshot-${role}-${process.pid}-${Date.now()}@example.gov.uk`, displayName: `Snapshot ${role}`, role, personId });
  return `moot_session=${(await createSession(db, id)).token}`;
};
const councillor = await signIn('councillor', person.id);
const clerk = await signIn('clerk', null);
const pick = <T>(a: T[], n: number) => a.filter((_, i) => i % Math.max(1, Math.floor(a.length / n)) === 0).slice(0, n);
const meetings = pick(await db.selectFrom('meeting').select(['slug', 'id']).orderBy('date', 'desc').execute(), 30);
const bodies = await db.selectFrom('body').select(['slug', 'id']).execute();
const people = pick(await db.selectFrom('person').select('slug').orderBy('slug').execute(), 12);
const decisions = pick(await db.selectFrom('decision').select('slug').orderBy('id').execute(), 17);
const items = pick(await db.selectFrom('agenda_item').innerJoin('meeting', 'meeting.id', 'agenda_item.meeting_id')
  .select(['meeting.slug', 'agenda_item.code', 'agenda_item.id']).where('agenda_item.code', 'is not', null).execute(), 28);
const papers = pick(await db.selectFrom('document').select('slug').execute(), 10);
const portal = ['/', '/meetings', '/bodies', '/decisions', '/people', '/forward-plan', '/calendar', '/archive', '/search?q=budget',
  '/search?q=highways&type=page', '/accessibility', '/open-data', ...meetings.map((m) => `/meetings/${m.slug}`), ...bodies.map((b) => `/bodies/${b.slug}`),
  ...people.map((p) => `/people/${p.slug}`), ...decisions.map((d) => `/decisions/${d.slug}`),
  ...items.map((i) => `/meetings/${i.slug}/items/${encodeURIComponent(i.code!)}`), ...papers.map((d) => `/documents/${d.slug}`)];
const workspace = ['/workspace', '/workspace/meetings', '/workspace/bodies', '/workspace/people', '/workspace/decisions', '/workspace/forward-plan',
  '/workspace/meetings/new', '/workspace/bodies/new', '/workspace/people/new', '/workspace/decisions/new',
  ...pick(meetings, 6).flatMap((m) => [`/workspace/meetings/${m.id}`, `/workspace/meetings/${m.id}/agenda`, `/workspace/meetings/${m.id}/attendance`, `/workspace/meetings/${m.id}/minutes`]),
  ...pick(bodies, 4).map((b) => `/workspace/bodies/${b.id}`), ...pick(items, 6).map((i) => `/workspace/items/${i.id}`)];
const own = ['/my', '/my/meetings', '/my/papers', '/my/interests', '/account'];
const runs: [string, string, string | null][] = [...portal.map((p): [string, string, null] => ['public', p, null]),
  ...[...portal, ...own].map((p): [string, string, string] => ['councillor', p, councillor]), ...workspace.map((p): [string, string, string] => ['clerk', p, clerk])];
const masked = (s: string) => s.replace(/nonce="[^"]+"/g, 'nonce="N"').replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf" value="T"')
  .replace(/snapshot-(councillor|clerk)-\d+-\d+@/g, 'snapshot-$1@');
for (const [who, path, cookie] of runs) {
  let r = await app.inject({ url: path, headers: cookie ? { cookie } : {} });
  if (!cookie) r = await app.inject({ url: path }); // the page cache's copy
  writeFileSync(join(dir, `${who}${path.replace(/[^\w.-]+/g, '_')}.html`), `${r.statusCode} ${cookie ? '' : r.headers.etag ?? ''}\n${masked(r.body)}`);
}
process.stdout.write(`${runs.length} pages written to ${dir}\n`);
await app.close();
await store.close();
