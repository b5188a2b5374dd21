// A decision's status is one reading (domain/executive.ts decisionStanding) wherever it is printed: the register's
// row, the decision's own page, the workspace list, the API (list and record), the decisions feed and the open-data
// dataset agree for every phase, on both databases. Regression: the register printed the stored "Published" where the
// page said "Implementable" once the call-in window had passed. Filtering the register or the API by a phase finds
// exactly the decisions in it.
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { DECISION_PHASE_LABELS, PUBLIC_DECISION_PHASES, type DecisionPhase } from '../../../src/domain/executive.js';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { registerPortal } from '../../../src/server.js';
import { createUser } from '../../../src/store/accounts.js';
import { createDecision, type NewDecision } from '../../../src/store/decisions.js';
import { buildApp } from '../../../src/web/app.js';
import { Browser } from '../../api/fixture.js';
import { cycleCouncil } from '../../services/executive/fixture.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';

const TODAY = '2026-03-10';

/** One stored record per phase as it stands on TODAY. */
const CASES: { phase: DecisionPhase; d: Partial<NewDecision> }[] = [
  { phase: 'proposed', d: { status: 'proposed' } },
  { phase: 'open-for-call-in', d: { status: 'published', publishedOn: '2026-03-06', callInEndsOn: '2026-03-13' } },
  { phase: 'implementable', d: { status: 'published', publishedOn: '2026-02-20', callInEndsOn: '2026-02-27' } },
  { phase: 'implementable', d: { status: 'published', publishedOn: '2026-03-09', callInEndsOn: '2026-03-16', urgent: true } },
  { phase: 'implementable', d: { status: 'implementable', publishedOn: '2026-02-02', callInEndsOn: '2026-02-09' } },
  { phase: 'called-in', d: { status: 'called-in', publishedOn: '2026-03-02', callInEndsOn: '2026-03-09' } },
  { phase: 'reconsidering', d: { status: 'reconsidering', publishedOn: '2026-02-02', callInEndsOn: '2026-02-09' } },
  { phase: 'referred-to-council', d: { status: 'referred-to-council', publishedOn: '2026-02-02', callInEndsOn: '2026-02-09' } },
  { phase: 'implemented', d: { status: 'implemented', publishedOn: '2026-01-12', callInEndsOn: '2026-01-19' } },
  { phase: 'superseded', d: { status: 'superseded', publishedOn: '2026-01-12', callInEndsOn: '2026-01-19' } },
];

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe.each(STORE_KINDS)('a decision\u2019s status on %s', (kind) => {
  const get = useTestStore(kind);
  let app: FastifyInstance | undefined;
  afterAll(async () => app?.close());

  it('reads the same in the register, on its page, in the workspace, the API, the feed and open data, for every phase', async (ctx) => {
    const { store } = get(ctx);
    const db = store.db;
    const c = await cycleCouncil(db);
    app = await buildApp({ store, today: () => TODAY, routes: registerPortal() });
    const made: { phase: DecisionPhase; number: string; slug: string }[] = [];
    for (const [i, { phase, d }] of CASES.entries()) {
      const { id, number } = await createDecision(db, SYSTEM_ACTOR, { takerKind: 'body', takerName: 'Cabinet', takerBodyId: c.cabinet, takenOn: `2026-01-${String(10 + i).padStart(2, '0')}`,
        subject: `Phase case ${i}`, text: 'Agreed.', ...d });
      const { slug } = await db.selectFrom('decision').select('slug').where('id', '=', id).executeTakeFirstOrThrow();
      made.push({ phase, number, slug });
    }

    const register = (await app.inject({ url: '/decisions' })).body;
    const api = (await app.inject({ url: '/api/v1/decisions?limit=100' })).json().items as { number: string; phase: string; phaseLabel: string }[];
    const feed = (await app.inject({ url: '/decisions/feed.atom' })).body;
    const openData = (await app.inject({ url: '/open-data/decisions.json' })).json().rows as { number: string; phase: string }[];
    for (const m of made) {
      const label = DECISION_PHASE_LABELS[m.phase];
      const row = register.match(new RegExp(`<tr[^>]*>(?:(?!</tr>)[\\s\\S])*?${m.number.replace('/', '\\/')}(?:(?!</tr>)[\\s\\S])*</tr>`))?.[0];
      expect(row, m.number).toBeDefined();
      const cells = [...row!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((x) => text(x[1]));
      expect(cells.at(-1), `register row of ${m.number}`).toBe(label);
      const page = text((await app.inject({ url: `/decisions/${m.slug}` })).body);
      expect(page, `page of ${m.number}`).toContain(`Status ${label}`);
      const record = (await app.inject({ url: `/api/v1/decisions/${m.slug}` })).json();
      expect(record.standing, `API record of ${m.number}`).toEqual({ phase: m.phase, phaseLabel: label });
      expect(api.find((x) => x.number === m.number), `API list of ${m.number}`).toMatchObject({ phase: m.phase, phaseLabel: label });
      expect(openData.find((x) => x.number === m.number)?.phase, `open data of ${m.number}`).toBe(m.phase);
      if (m.phase !== 'proposed') expect(feed, `feed of ${m.number}`).toContain(`Status: ${label}.`);
    }
    expect(register).not.toMatch(/>\s*Published\s*</);

    // Filtering by a phase finds exactly its decisions, in the register and the API; "published" (older links) both.
    for (const phase of PUBLIC_DECISION_PHASES) {
      const want = made.filter((m) => m.phase === phase).map((m) => m.number).sort();
      const found = [...(await app.inject({ url: `/decisions?status=${phase}` })).body.matchAll(/>(\d\d\/\d{5})</g)].map((x) => x[1]).sort();
      expect(found, `register filtered by ${phase}`).toEqual(want);
      const viaApi = ((await app.inject({ url: `/api/v1/decisions?phase=${phase}&limit=100` })).json().items as { number: string }[]).map((x) => x.number).sort();
      expect(viaApi, `API filtered by ${phase}`).toEqual(want);
    }
    const published = [...(await app.inject({ url: '/decisions?status=published' })).body.matchAll(/>(\d\d\/\d{5})</g)].map((x) => x[1]).sort();
    expect(published).toEqual(made.filter((m, i) => CASES[i].d.status === 'published').map((m) => m.number).sort());
    expect((await app.inject({ url: '/decisions?status=draft' })).statusCode).toBe(400);

    // The clerk's list says the same.
    const clerk = await Browser.signedIn(app, store, await createUser(db, SYSTEM_ACTOR, { email: `clerk-${kind}@example.org`, displayName: 'Clerk', role: 'clerk', personId: null, password: 'correct horse battery staple' }));
    const workspace = (await clerk.get('/workspace/decisions')).body;
    for (const m of made) {
      const row = workspace.match(new RegExp(`<tr[^>]*>(?:(?!</tr>)[\\s\\S])*?>${m.number.replace('/', '\\/')}<(?:(?!</tr>)[\\s\\S])*</tr>`))?.[0];
      expect(row && text(row).endsWith(DECISION_PHASE_LABELS[m.phase]), `workspace row of ${m.number}`).toBe(true);
    }
  });
});
